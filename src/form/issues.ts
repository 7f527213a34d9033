/**
 * Routes OperationOutcome issues (live validation or the server's) to the input that shows them,
 * or to the form-level message when no input matches.
 */
import type { OperationOutcomeIssue } from 'fhir/r4';
import { set, type FieldError, type FieldErrors } from 'react-hook-form';
import type { FormField, FormModel } from './form-model';
import { ACCESSION_INDEX, STUDY_UID_INDEX } from '../study/values';
import { expressionToFieldPath, fieldPathToSchemaPath } from './paths';
import type { StudyFormValues } from '../study/values';

export type IssueSeverity = 'error' | 'warning';

/** An issue as the form shows it: where (field name, if any) and what. */
export interface FormIssue {
  name?: string;
  severity: IssueSeverity;
  message: string;
  /** An error about an entry that looks unfinished (issue code `incomplete`): shown once the user pauses. */
  unfinished?: true;
  /** A required element with no value: the status counts these as fields still to fill. */
  required?: boolean;
  /** The element path (FHIRPath) of an issue that names no input, shown with its message. */
  path?: string;
}

/** The react-hook-form error type of an input whose only errors are about an unfinished entry. */
export const UNFINISHED = 'unfinished';

/** The react-hook-form error type of an input whose only errors are missing required values. */
export const REQUIRED_TYPE = 'required';

/** The react-hook-form field name of the Study Instance UID input. */
export const STUDY_UID_FIELD = `identifier.${STUDY_UID_INDEX}.value`;
/** The react-hook-form field name of the Accession number input. */
export const ACCESSION_FIELD = `identifier.${ACCESSION_INDEX}.value`;

/** The index key of the accession number field, which shares its schema path with the Study Instance UID slice. */
const ACCESSION_KEY = 'ImagingStudy.identifier:accession';

/** Schema path -> field, for every input of the model (the accession number under a key of its own). */
export function indexInputs(model: FormModel): Map<string, FormField> {
  const index = new Map<string, FormField>();
  const visit = (field: FormField): void => {
    const key = field.kind === 'accession' ? ACCESSION_KEY : field.schemaPath;
    if (!index.has(key)) index.set(key, field);
    field.children.forEach(visit);
  };
  [...model.main, ...model.details, ...(model.series ? [model.series] : [])].forEach(visit);
  return index;
}

/** The field of the input named `name` (`series.1.uid`, `identifier.1.value`). */
export function inputField(name: string, inputs: ReadonlyMap<string, FormField>): FormField | undefined {
  return name === ACCESSION_FIELD ? inputs.get(ACCESSION_KEY) : inputs.get(fieldPathToSchemaPath(name));
}

/**
 * The name of the input that shows an issue at `fieldPath`: the longest prefix that is an input.
 * A list of backbone elements shows item-level issues at the item (`series.1`).
 */
export function inputNameFor(fieldPath: string, inputs: ReadonlyMap<string, FormField>): string | undefined {
  const parts = fieldPath.split('.');
  if (parts[0] === 'identifier') {
    if (parts.length === 1 || parts[1] === String(STUDY_UID_INDEX)) return STUDY_UID_FIELD;
    // The accession entry holds index 1 whenever it has a number; without one it is not in the resource, and an
    // issue about the identifier after it would show here (identifiers besides these two are never edited).
    return parts[1] === String(ACCESSION_INDEX) ? ACCESSION_FIELD : undefined;
  }
  for (let i = parts.length; i > 0; i--) {
    const prefix = parts.slice(0, i).join('.');
    const field = inputs.get(fieldPathToSchemaPath(prefix));
    if (!field) continue;
    const last = parts[i - 1] as string;
    if (!/^\d+$/.test(last)) return prefix;
    if (field.kind === 'backbone-list') return prefix;
  }
  return undefined;
}

function severityOf(issue: OperationOutcomeIssue): IssueSeverity | undefined {
  if (issue.severity === 'error' || issue.severity === 'fatal') return 'error';
  if (issue.severity === 'warning') return 'warning';
  return undefined;
}

function messageOf(issue: OperationOutcomeIssue): string {
  return issue.details?.text ?? issue.diagnostics ?? issue.code;
}

/** Turns OperationOutcome issues into form issues (informational ones are dropped). */
export function toFormIssues(
  issues: readonly OperationOutcomeIssue[],
  inputs: ReadonlyMap<string, FormField>,
): FormIssue[] {
  const out: FormIssue[] = [];
  for (const issue of issues) {
    const severity = severityOf(issue);
    if (!severity) continue;
    const expression = issue.expression?.[0] ?? issue.location?.[0];
    const path = expression === undefined ? undefined : expressionToFieldPath(expression);
    const name = path === undefined ? undefined : inputNameFor(path, inputs);
    const formIssue: FormIssue = { severity, message: messageOf(issue) };
    if (name !== undefined) formIssue.name = name;
    else if (expression !== undefined) formIssue.path = expression;
    if (severity === 'error' && issue.code === 'incomplete') formIssue.unfinished = true;
    if (severity === 'error' && issue.code === 'required') formIssue.required = true;
    out.push(formIssue);
  }
  return out;
}

/**
 * The worst severity of an input's issues; `unfinished` when its only errors are about an unfinished entry,
 * `required` when they are only a missing required value.
 */
function errorType(list: readonly FormIssue[]): string {
  const errors = list.filter((i) => i.severity === 'error');
  if (errors.length === 0) return 'warning';
  if (errors.every((i) => i.unfinished)) return UNFINISHED;
  return errors.every((i) => i.required) ? REQUIRED_TYPE : 'error';
}

/**
 * Groups field issues into react-hook-form errors: one error per input, `type` is the worst severity (`unfinished`
 * blocks saving like `error`).
 */
export function toFieldErrors(issues: readonly FormIssue[]): FieldErrors<StudyFormValues> {
  const byName = new Map<string, FormIssue[]>();
  for (const issue of issues) {
    if (issue.name === undefined) continue;
    byName.set(issue.name, [...(byName.get(issue.name) ?? []), issue]);
  }
  const errors: FieldErrors<StudyFormValues> = {};
  for (const [name, list] of byName) {
    const error: FieldError = {
      type: errorType(list),
      message: [...new Set(list.map((i) => i.message))].join('; '),
    };
    set(errors, name, error);
  }
  return errors;
}

/** Flattens react-hook-form errors into a list, in form order (object key order). */
export function flattenErrors(errors: unknown, prefix = ''): FormIssue[] {
  if (typeof errors !== 'object' || errors === null) return [];
  const record = errors as Record<string, unknown>;
  const out: FormIssue[] = [];
  if (typeof record.type === 'string' && typeof record.message === 'string' && prefix !== '') {
    const { type, message } = record;
    if (type === 'warning') out.push({ name: prefix, severity: 'warning', message });
    else out.push({ name: prefix, severity: 'error', message, ...(type === REQUIRED_TYPE ? { required: true } : {}) });
  }
  for (const [key, child] of Object.entries(record)) {
    if (key === 'ref' || key === 'type' || key === 'message' || key === 'types') continue;
    out.push(...flattenErrors(child, key === 'root' ? prefix : prefix === '' ? key : `${prefix}.${key}`));
  }
  return out;
}

/** One error as react-hook-form holds it at an input. */
export interface HeldError {
  name: string;
  type: string;
  message: string;
}

/**
 * The errors of a react-hook-form error tree as they are, in object key order; undefined when the tree holds anything
 * else than plain errors at input names (e.g. a field array's `root`).
 */
export function heldErrors(errors: unknown, prefix = ''): HeldError[] | undefined {
  if (typeof errors !== 'object' || errors === null) return [];
  const record = errors as Record<string, unknown>;
  const out: HeldError[] = [];
  if (typeof record.type === 'string' && typeof record.message === 'string' && prefix !== '') {
    out.push({ name: prefix, type: record.type, message: record.message });
  }
  for (const [key, child] of Object.entries(record)) {
    if (key === 'ref' || key === 'type' || key === 'message') continue;
    if (key === 'root' || key === 'types') return undefined;
    const below = heldErrors(child, prefix === '' ? key : `${prefix}.${key}`);
    if (!below) return undefined;
    out.push(...below);
  }
  return out;
}
