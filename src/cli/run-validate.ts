import type { OperationOutcomeIssue } from 'fhir/r4';
import { imrValidator, isValid, type Validator } from '../validation';

/** What the command touches outside itself, so tests can run it without a process or a disk. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Returns the file's text; throws when it cannot be read. */
  readFile(file: string): string;
}

/** One output line: the verdict for one file. */
export interface FileReport {
  file: string;
  valid: boolean;
  issues: OperationOutcomeIssue[];
}

export const USAGE = `Usage: npm run --silent validate -- FILE...

Validates each FILE (FHIR R4 ImagingStudy JSON) against the IHE IMR 1.1.0 ImagingStudy profile
and prints one JSON line per file: {"file", "valid", "issues"}.

Exit status: 0 all files valid, 1 some file invalid, 2 usage error or unreadable file.`;

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Position text for a JSON.parse error: V8 names the line and column itself, or only an offset. */
function jsonErrorPosition(message: string, text: string): string | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const offset = /position (\d+)/.exec(message);
  // "Unexpected end of JSON input" has no position: the problem is at the very end.
  const at = offset ? Number(offset[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (at === undefined) return undefined;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function malformedJsonIssue(error: unknown, text: string): OperationOutcomeIssue {
  const message = error instanceof Error ? error.message : String(error);
  const position = jsonErrorPosition(message, text);
  return {
    severity: 'fatal',
    code: 'structure',
    details: { text: `The file is not valid JSON${position ? ` (${position})` : ''}: ${message}` },
  };
}

/** Reads, parses and validates one file; `undefined` when the file cannot be read. */
function reportFile(file: string, io: CliIo, validator: () => Validator): FileReport | undefined {
  let text: string;
  try {
    // A UTF-8 byte order mark is legal in a file but not in JSON text.
    text = io.readFile(file).replace(/^\uFEFF/, '');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`validate: cannot read ${file}: ${reason}`);
    return undefined;
  }
  let resource: unknown;
  try {
    resource = JSON.parse(text);
  } catch (error) {
    return { file, valid: false, issues: [malformedJsonIssue(error, text)] };
  }
  try {
    const outcome = validator().validate(resource);
    return { file, valid: isValid(outcome), issues: outcome.issue };
  } catch (error) {
    // The validator promises not to throw; if it ever does, one bad file must not hide the others' lines.
    const message = error instanceof Error ? error.message : String(error);
    const issue: OperationOutcomeIssue = {
      severity: 'fatal',
      code: 'exception',
      details: { text: `The validator failed on this file: ${message}` },
    };
    return { file, valid: false, issues: [issue] };
  }
}

/**
 * The `validate` command: validates every file named in `argv` (the arguments after the command)
 * and returns the exit status. `createValidator` is called at most once, and only when a file
 * needs validating, so usage errors stay fast.
 */
export function runValidateCli(
  argv: readonly string[],
  io: CliIo,
  createValidator: () => Validator = imrValidator,
): number {
  const files: string[] = [];
  let optionsEnded = false;
  for (const arg of argv) {
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
    } else if (!optionsEnded && (arg === '--help' || arg === '-h')) {
      io.stdout(USAGE);
      return EXIT_VALID;
    } else if (!optionsEnded && arg.startsWith('-') && arg !== '-') {
      io.stderr(`validate: unknown option ${arg}\n\n${USAGE}`);
      return EXIT_USAGE;
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) {
    io.stderr(`validate: no files given\n\n${USAGE}`);
    return EXIT_USAGE;
  }

  let validator: Validator | undefined;
  const getValidator = (): Validator => (validator ??= createValidator());
  let status = EXIT_VALID;
  for (const file of files) {
    const report = reportFile(file, io, getValidator);
    if (!report) {
      status = EXIT_USAGE;
      continue;
    }
    io.stdout(JSON.stringify(report));
    if (!report.valid && status === EXIT_VALID) status = EXIT_INVALID;
  }
  return status;
}
