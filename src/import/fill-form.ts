/** How an order or a DICOM import puts its values into the editor's form. */
import { useCallback } from 'react';
import { useFormContext } from 'react-hook-form';
import { changedFields, type StudyFormValues } from '../study/values';

/**
 * Puts `next` into the form as an edit of the study the editor opened: the loaded study stays the form's default
 * values, not a new baseline. Then validates what changed, by name: right after a reset the inputs are still
 * registering, and a bare trigger() may check none of them (the status then kept listing fields just filled).
 * Untouched empty fields are not validated, so they do not turn red.
 */
export function useFillForm(): (next: StudyFormValues) => void {
  const { getValues, reset, trigger } = useFormContext<StudyFormValues>();
  return useCallback(
    (next: StudyFormValues) => {
      const changed = changedFields(getValues(), next);
      reset(next, { keepDefaultValues: true });
      void trigger(changed);
    },
    [getValues, reset, trigger],
  );
}
