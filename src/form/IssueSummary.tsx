/** The issue summary: every error and warning, each with a button that focuses its field. */
import { Alert, Box, Button, List, ListItem, Typography } from '@mui/material';
import { useFormState } from 'react-hook-form';
import type { FormField } from './form-model';
import { flattenErrors, inputField, type FormIssue } from './issues';
import { plural } from '../kernel/text';

interface IssueSummaryProps {
  inputs: ReadonlyMap<string, FormField>;
  formIssues: readonly FormIssue[];
  onFocusField: (name: string) => void;
  headingRef?: React.Ref<HTMLHeadingElement>;
}

/** "Series 2 › Instance 4 › SOP Instance UID" for `series.1.instance.3.uid`. */
export function describeField(name: string, inputs: ReadonlyMap<string, FormField>): string {
  const parts = name.split('.');
  const where: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (/^\d+$/.test(part) && parts[i - 1] === 'series') where.push(`Series ${Number(part) + 1}`);
    if (/^\d+$/.test(part) && parts[i - 1] === 'instance') where.push(`Instance ${Number(part) + 1}`);
  }
  const field = inputField(name, inputs);
  const last = /^\d+$/.test(parts[parts.length - 1] ?? '') ? undefined : field?.label;
  return [...where, ...(last ? [last] : [])].join(' › ') || name;
}

export function IssueSummary({ inputs, formIssues, onFocusField, headingRef }: IssueSummaryProps) {
  const { errors } = useFormState();
  const fieldIssues = flattenErrors(errors);
  const all = [...formIssues, ...fieldIssues];
  const errorCount = all.filter((i) => i.severity === 'error').length;
  const warningCount = all.length - errorCount;
  return (
    <Box component="section" aria-labelledby="issue-summary-heading" aria-live="polite" sx={{ mt: 3 }}>
      <Typography id="issue-summary-heading" variant="h6" component="h2" tabIndex={-1} ref={headingRef}>
        {all.length === 0 ? 'No issues' : `Issues: ${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}`}
      </Typography>
      {all.length > 0 && (
        <List dense>
          {all.map((issue, i) => (
            <ListItem key={`${issue.name ?? ''}-${i}`} disableGutters>
              <Alert severity={issue.severity} sx={{ width: '100%' }}>
                {issue.name !== undefined ? (
                  <Button
                    size="small"
                    variant="text"
                    onClick={() => onFocusField(issue.name as string)}
                    sx={{ textTransform: 'none', p: 0, mr: 1 }}
                  >
                    {describeField(issue.name, inputs)}
                  </Button>
                ) : null}
                {issue.message}
              </Alert>
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
