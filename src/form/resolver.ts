/**
 * The react-hook-form resolver: the one place where the validator plugs into the form.
 * A change validates only the changed field's subtree (validateAt); calls within one task share
 * one build of the resource. The batch runs in a microtask, not the next animation frame: the
 * keystroke's own task then renders the field's new error state, so it is painted in the very next
 * frame (waiting for a frame cost two: one to validate, one to paint the result).
 */
import type { ImagingStudy, OperationOutcomeIssue } from 'fhir/r4';
import type { Resolver, ResolverResult } from 'react-hook-form';
import type { FormField } from './form-model';
import { toFieldErrors, toFormIssues } from './issues';
import { fieldPathToExpression } from './paths';
import type { Validator } from './ports';
import type { StudyFormValues } from '../study/values';

export interface StudyResolverOptions {
  validator: Validator;
  inputs: ReadonlyMap<string, FormField>;
  /** Builds the resource; `changed` names the edited fields so unchanged parts can be reused. */
  toResource: (values: StudyFormValues, changed?: readonly string[]) => ImagingStudy;
  /** Schedules the batch; defaults to a microtask (see above). */
  schedule?: (run: () => void) => void;
  /**
   * Called after each batch. In onChange mode every edit passes through here (field changes, field array actions,
   * `trigger` after a `reset`), so this tells the editor about edits without a react-hook-form values subscription,
   * which deep-copies all form values on every keystroke. `names` are the fields whose issues the batch checked
   * (undefined when it checked the whole resource).
   */
  onValidated?: (names: readonly string[] | undefined) => void;
}

interface Pending {
  values: StudyFormValues;
  names: readonly string[] | undefined;
  resolve: (result: ResolverResult<StudyFormValues>) => void;
  reject: (error: unknown) => void;
}

/** Creates the resolver. Without field names (full validation) it validates the whole resource. */
export function studyResolver({
  validator,
  inputs,
  toResource,
  schedule = queueMicrotask,
  onValidated,
}: StudyResolverOptions): Resolver<StudyFormValues> {
  let pending: Pending[] = [];
  const flush = (): void => {
    const batch = pending;
    pending = [];
    const last = batch[batch.length - 1];
    if (!last) return;
    // react-hook-form passes its live values object, so the last call sees the latest edit.
    const changed = batch.every((p) => p.names) ? batch.flatMap((p) => p.names ?? []) : undefined;
    try {
      const resource = toResource(last.values, changed);
      const cache = new Map<string, OperationOutcomeIssue[]>();
      const issuesAt = (name: string): OperationOutcomeIssue[] => {
        let issues = cache.get(name);
        if (!issues) {
          issues = validator.validateAt(resource, fieldPathToExpression(name));
          cache.set(name, issues);
        }
        return issues;
      };
      for (const p of batch) {
        const issues = p.names ? p.names.flatMap(issuesAt) : validator.validate(resource).issue;
        const errors = toFieldErrors(toFormIssues(issues, inputs));
        p.resolve(Object.keys(errors).length === 0 ? { values: p.values, errors: {} } : { values: {}, errors });
      }
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
    onValidated?.(changed);
  };
  return (values, _context, options) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) schedule(flush);
      pending.push({ values, names: options.names as readonly string[] | undefined, resolve, reject });
    });
}
