import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { IMR_IMAGINGSTUDY_URL, type ProfileRegistry } from '../profile';
import { compilerFor } from './compiler';
import { endWalk, rootContext } from './context';
import { makeIssue, outcomeOf } from '../kernel/outcome';
import { isAtOrBelow } from './issues';
import { isRecord, type JsonObject, preview } from './json';
import type { Segment, ValueChecker } from './types';

/** Validates resources against one profile. */
export interface Validator {
  /** Full validation (any JSON value may be passed: string, null, array... -> issues, never a throw). */
  validate(resource: unknown, options?: ValidateOptions): OperationOutcome;
  /**
   * The issues of a full validation whose expression is at or below `expression` (e.g.
   * `ImagingStudy.series[3].instance[5].uid` or `ImagingStudy.identifier[0]`), in the same order,
   * computed by walking only the path to that subtree. SOP instance UID uniqueness uses an index per
   * `instance` array cached by identity: edit immutably (a changed series gets a new array), as
   * React state does; see ./dicom.ts. An expression the walk cannot follow falls back to a full
   * validation, filtered.
   */
  validateAt(resource: unknown, expression: string): OperationOutcomeIssue[];
}

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$/;

/** `ImagingStudy.series[3].uid` -> [series[3], uid]; undefined if not a simple indexed path. */
function parseTarget(expression: string, resourceType: string): Segment[] | undefined {
  const [root, ...rest] = expression.split('.');
  if (root !== resourceType) return undefined;
  const segments: Segment[] = [];
  for (const part of rest) {
    const m = SEGMENT.exec(part);
    if (m === null || m[1] === undefined) return undefined;
    segments.push(m[2] === undefined ? { name: m[1] } : { name: m[1], index: Number(m[2]) });
  }
  return segments;
}

/** How a validator reports, beyond its profile. */
export interface ValidatorOptions {
  /**
   * Report best-practice guidelines (R4's dom-6, "A resource should have narrative") as
   * `information`. Off by default: the editor would show one on every study.
   */
  bestPractice?: boolean;
}

/** What one validation call may add: how references outside the resource resolve. */
export interface ValidateOptions {
  /** The resource type a reference points to, if known (e.g. another entry of the same Bundle). */
  resolveType?: (reference: string) => string | undefined;
}

/**
 * Creates a validator for the profile `profileUrl` of `registry` (default: IMR ImagingStudy).
 * The profile is compiled once into checkers, at the first call; each call only walks the resource.
 */
export function createValidator(
  registry: ProfileRegistry,
  profileUrl: string = IMR_IMAGINGSTUDY_URL,
  options: ValidatorOptions = {},
): Validator {
  const bestPractice = options.bestPractice === true;
  const run = (call: ValidateOptions = {}) =>
    call.resolveType === undefined
      ? { bestPractice, rootProfile: profileUrl }
      : { bestPractice, rootProfile: profileUrl, resolveType: call.resolveType };
  const profile = registry.profiles.get(profileUrl);
  if (profile === undefined) throw new Error(`Unknown profile ${profileUrl}`);
  const type = profile.type;
  // Compiled at the first validation, not here: an editor creates its validator while drawing its first frame, and
  // needs it only after that frame.
  let compiled: ValueChecker | undefined;
  const checkerOf = (): ValueChecker => {
    compiled ??= compilerFor(registry).profileChecker(profileUrl);
    if (compiled === undefined) throw new Error(`Unknown profile ${profileUrl}`);
    return compiled;
  };

  /** The resource as an object to walk, or undefined when it cannot be one (the issue says why). */
  function precheck(resource: unknown, issues: OperationOutcomeIssue[]): JsonObject | undefined {
    if (!isRecord(resource)) {
      issues.push(makeIssue('fatal', 'invalid', `This is not a FHIR ${type}: expected a JSON object`, type));
      return undefined;
    }
    const found = resource.resourceType;
    if (found === undefined) {
      issues.push(
        makeIssue('error', 'required', `resourceType is required: it must be ${type}`, `${type}.resourceType`),
      );
    } else if (found !== type) {
      const text = `This is ${typeof found === 'string' ? `a ${preview(found)}` : 'not a resource'}, not ${type === 'ImagingStudy' ? 'an' : 'a'} ${type}`;
      issues.push(makeIssue('error', 'invalid', text, `${type}.resourceType`));
      return undefined;
    }
    return resource;
  }

  function validate(resource: unknown, call?: ValidateOptions): OperationOutcome {
    const issues: OperationOutcomeIssue[] = [];
    const obj = precheck(resource, issues);
    if (obj !== undefined) {
      const ctx = rootContext(obj, issues, true, run(call));
      try {
        checkerOf().check(obj, type, ctx);
      } finally {
        endWalk(ctx);
      }
    }
    return outcomeOf(...issues);
  }

  function validateAt(resource: unknown, expression: string): OperationOutcomeIssue[] {
    const segments = parseTarget(expression, type);
    const checker = checkerOf();
    if (segments === undefined || segments.length === 0 || checker.navigate === undefined) {
      // The whole resource, or a target the walk cannot aim at: filter a full validation.
      return validate(resource).issue.filter((issue) => isAtOrBelow(issue.expression?.[0] ?? '', expression));
    }
    const issues: OperationOutcomeIssue[] = [];
    const obj = precheck(resource, issues);
    if (obj !== undefined) checker.navigate(obj, type, segments, rootContext(obj, issues, false, run()));
    return issues.filter((issue) => isAtOrBelow(issue.expression?.[0] ?? '', expression));
  }

  return { validate, validateAt };
}
