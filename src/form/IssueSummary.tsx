/**
 * The status above Save: the required fields still to fill, then every error and every warning (apart: warnings
 * never block Save), each with a link that focuses its field. Issues that name no input show their element path.
 */
import { Alert, Box, Link, Typography } from '@mui/material';
import { useFormState } from 'react-hook-form';
import type { FormField } from './form-model';
import { flattenErrors, inputField, type FormIssue } from './issues';
import { plural } from '../kernel/text';

interface IssueSummaryProps {
  inputs: ReadonlyMap<string, FormField>;
  /** Issues that are not react-hook-form errors: the opening validation's (not painted) and those naming no input. */
  formIssues: readonly FormIssue[];
  onFocusField: (name: string) => void;
  headingRef?: React.Ref<HTMLHeadingElement>;
  /** The opening validation has not run yet: the status would not be true. */
  checking?: boolean;
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

/** The status line: "No issues", or "Issues: 3 fields still to fill, 1 error, 2 warnings" (zero counts left out). */
export function statusText(issues: readonly FormIssue[]): string {
  const toFill = new Set(issues.filter((i) => i.required).map((i) => i.name ?? i.path ?? i.message)).size;
  const errors = issues.filter((i) => i.severity === 'error' && !i.required).length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const parts = [
    toFill > 0 ? `${plural(toFill, 'field')} still to fill` : '',
    errors > 0 ? plural(errors, 'error') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'No issues' : `Issues: ${parts.join(', ')}`;
}

function FieldLink({ name, inputs, onFocusField }: { name: string } & Omit<IssueSummaryProps, 'formIssues'>) {
  return (
    <Link component="button" type="button" onClick={() => onFocusField(name)} sx={{ verticalAlign: 'baseline' }}>
      {describeField(name, inputs)}
    </Link>
  );
}

/** A plain list (not MUI's List and ListItem, which only this and one dialog used on the editor's first load). */
const LIST_SX = { listStyle: 'none', m: 0, p: 0, py: 1 } as const;

function IssueList({ issues, ...props }: { issues: readonly FormIssue[] } & Omit<IssueSummaryProps, 'formIssues'>) {
  return (
    <Box component="ul" sx={LIST_SX}>
      {issues.map((issue, i) => (
        <Box component="li" key={`${issue.name ?? issue.path ?? ''}-${i}`} sx={{ py: 0.5 }}>
          <Alert severity={issue.severity} sx={{ width: '100%' }}>
            {issue.name !== undefined ? (
              <>
                <FieldLink name={issue.name} {...props} />{' '}
              </>
            ) : issue.path !== undefined ? (
              <>
                <Box component="code" sx={{ fontFamily: 'monospace', mr: 1 }}>
                  {issue.path}
                </Box>{' '}
              </>
            ) : null}
            {issue.message}
          </Alert>
        </Box>
      ))}
    </Box>
  );
}

export function IssueSummary({ inputs, formIssues, onFocusField, headingRef, checking = false }: IssueSummaryProps) {
  const { errors } = useFormState();
  const all = [...formIssues, ...flattenErrors(errors)];
  const required = all.filter((i) => i.required);
  const toFill = [...new Set(required.flatMap((i) => (i.name === undefined ? [] : [i.name])))];
  const unnamedRequired = required.filter((i) => i.name === undefined);
  const errorList = [...unnamedRequired, ...all.filter((i) => i.severity === 'error' && !i.required)];
  const warnings = all.filter((i) => i.severity === 'warning');
  const props = { inputs, onFocusField };
  return (
    <Box component="section" aria-labelledby="issue-summary-heading" aria-live="polite" sx={{ mt: 3 }}>
      <Typography id="issue-summary-heading" variant="h6" component="h2" tabIndex={-1} ref={headingRef}>
        {checking ? 'Checking the study…' : statusText(all)}
      </Typography>
      {/*
        Always one line, also when nothing is left to fill: the Save button below must not move up under the pointer
        the moment the last required field is filled.
      */}
      <Box component="p" sx={{ my: 1 }}>
        {checking
          ? 'Checking which fields are still to fill…'
          : toFill.length === 0
            ? 'All required fields are filled.'
            : toFill.map((name, i) => (
                <span key={name}>
                  {i === 0 ? 'Still to fill: ' : ', '}
                  <FieldLink name={name} {...props} />
                </span>
              ))}
      </Box>
      {errorList.length > 0 && <IssueList issues={errorList} {...props} />}
      {warnings.length > 0 && (
        <>
          <Typography variant="subtitle1" component="h3" sx={{ mt: 1 }}>
            Warnings (these do not block saving)
          </Typography>
          <IssueList issues={warnings} {...props} />
        </>
      )}
    </Box>
  );
}
