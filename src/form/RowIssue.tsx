/** An issue about a list row as a whole (a series, an instance), not one of its fields: shown in the row. */
import { Typography } from '@mui/material';
import { useFormState } from 'react-hook-form';
import { fieldId } from './inputs/a11y';
import { flattenErrors } from './issues';

export function RowIssue({ name }: { name: string }) {
  const { errors } = useFormState({ name });
  const issue = flattenErrors(errors).find((i) => i.name === name);
  if (!issue) return null;
  return (
    <Typography
      id={`${fieldId(name)}-helper-text`}
      color={issue.severity === 'error' ? 'error' : 'warning'}
      variant="body2"
    >
      {issue.message}
    </Typography>
  );
}
