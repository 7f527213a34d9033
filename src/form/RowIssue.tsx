/** An issue about a list row as a whole (a series, an instance), not one of its fields: shown in the row. */
import { Typography } from '@mui/material';
import { get, useFormState, type FieldError } from 'react-hook-form';
import { fieldId } from './inputs/a11y';

export function RowIssue({ name }: { name: string }) {
  const { errors } = useFormState({ name });
  // The row's own issue has a type; the errors of its fields nest under it without one.
  const issue = get(errors, name) as Partial<FieldError> | undefined;
  if (typeof issue?.type !== 'string') return null;
  return (
    <Typography
      id={`${fieldId(name)}-helper-text`}
      color={issue.type === 'warning' ? 'warning' : 'error'}
      variant="body2"
    >
      {issue.message}
    </Typography>
  );
}
