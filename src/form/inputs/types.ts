import type { FormField } from '../form-model';

/** Props of every datatype input: the field (schema side) and its indexed react-hook-form name. */
export interface InputProps {
  field: FormField;
  name: string;
  /** Overrides the field's label, e.g. for list items. */
  label?: string;
}
