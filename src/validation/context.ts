import type { OperationOutcomeIssue } from 'fhir/r4';
import { makeIssue, type IssueCode } from '../kernel/outcome';
import { FirstUse } from './first-use';
import { isRecord, type JsonObject } from './json';

/** The per-resource state of the DICOM uniqueness rules during a full walk: the UIDs met so far. */
export interface UidRegistry {
  series: FirstUse;
  instances: FirstUse;
}

/** One validation run: where issues go and what the FHIRPath variables and DICOM rules need. */
export interface WalkContext {
  readonly issues: OperationOutcomeIssue[];
  /** `%resource`: the resource being walked (the study, or a contained resource). */
  readonly resource: JsonObject;
  /** `%rootResource`: the top-level resource (contained references resolve against its `contained`). */
  readonly rootResource: JsonObject;
  /** Index of every array item on the way down, outermost first (e.g. [series, instance]). */
  readonly indices: number[];
  /**
   * A full walk sees every UID in document order and records it here; a focused walk (validateAt)
   * leaves this undefined and looks earlier UIDs up in the cached per-array index instead.
   */
  readonly uids: UidRegistry | undefined;
  /** Contained resource types by id, of `rootResource` (computed on first use). */
  containedTypes(): ReadonlyMap<string, string>;
  /** Whether best-practice rules (R4 marks dom-6 so) are reported, as information. */
  readonly bestPractice: boolean;
  /** The canonical URL of the profile the top-level resource is validated against. */
  readonly rootProfile: string | undefined;
  /**
   * The resource type a reference outside the resource points to, when the caller knows it (a
   * Bundle's entries, by fullUrl); undefined when unknown.
   */
  readonly resolveType: ((reference: string) => string | undefined) | undefined;
  report(severity: ReportSeverity, code: IssueCode, expression: string, text: string, diagnostics?: string): void;
}

/**
 * How strongly the specification words a rule: SHALL -> error, SHOULD -> warning, best practice ->
 * information. Only an error (or fatal) makes a resource invalid.
 */
export type ReportSeverity = 'error' | 'warning' | 'information';

/** An issue in the validator's format: the message in details.text, one indexed FHIRPath. */
export function issueOf(
  severity: ReportSeverity,
  code: IssueCode,
  expression: string,
  text: string,
  diagnostics?: string,
): OperationOutcomeIssue {
  return makeIssue(severity, code, text, expression, diagnostics);
}

function containedTypesOf(root: JsonObject): Map<string, string> {
  const types = new Map<string, string>();
  const contained = root.contained;
  if (!Array.isArray(contained)) return types;
  for (const item of contained) {
    if (isRecord(item) && typeof item.id === 'string' && typeof item.resourceType === 'string') {
      if (!types.has(item.id)) types.set(item.id, item.resourceType);
    }
  }
  return types;
}

/** What a validation run knows besides the resource (see WalkContext). */
export interface RunOptions {
  bestPractice?: boolean;
  rootProfile?: string;
  resolveType?: (reference: string) => string | undefined;
}

/** A context for walking `resource` as the top-level resource. */
export function rootContext(
  resource: JsonObject,
  issues: OperationOutcomeIssue[],
  full: boolean,
  options: RunOptions = {},
): WalkContext {
  let contained: Map<string, string> | undefined;
  return {
    issues,
    resource,
    rootResource: resource,
    indices: [],
    uids: full ? { series: FirstUse.take(), instances: FirstUse.take() } : undefined,
    bestPractice: options.bestPractice === true,
    rootProfile: options.rootProfile,
    resolveType: options.resolveType,
    containedTypes: () => (contained ??= containedTypesOf(resource)),
    report(severity, code, expression, text, diagnostics) {
      issues.push(issueOf(severity, code, expression, text, diagnostics));
    },
  };
}

/** After a walk: its UID registries go back for reuse (see ./first-use.ts). */
export function endWalk(ctx: WalkContext): void {
  ctx.uids?.series.release();
  ctx.uids?.instances.release();
}

/** A context for a contained resource: same issues and root, its own `%resource` and DICOM state. */
export function containedContext(parent: WalkContext, resource: JsonObject): WalkContext {
  return {
    ...parent,
    resource,
    uids: parent.uids === undefined ? undefined : { series: new FirstUse(), instances: new FirstUse() },
  };
}
