/**
 * The inputs' hold on the form: react-hook-form's useController, with a change that sets the value and validates the
 * field (setValue with shouldValidate) instead of the controller's own onChange.
 *
 * The controller's onChange also keeps react-hook-form's changed-fields bookkeeping, which the editor never reads
 * (its "unsaved" compares the built study). That bookkeeping costs the whole form whenever a field is back at its
 * loaded value while another field is changed: it rebuilds its tree of changed fields over every value. The rows of
 * the series and instance lists are shared with the loaded values (see FormRow in study/values.ts), so in an edited
 * study every keystroke in an instance row paid it: about 4 ms a key with 2,000 instances.
 */
import { useCallback } from 'react';
import { useController, useFormContext, type UseControllerReturn } from 'react-hook-form';

export function useFormField(name: string): UseControllerReturn {
  const controller = useController({ name });
  const { setValue } = useFormContext();
  const onChange = useCallback((value: unknown) => setValue(name, value, { shouldValidate: true }), [setValue, name]);
  return { ...controller, field: { ...controller.field, onChange } };
}
