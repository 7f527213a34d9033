import type { OperationOutcomeIssue } from 'fhir/r4';
import { parseJson } from '../validation/json';
import {
  createResourceValidator,
  DEFAULT_PROFILES,
  PROFILE_ALIASES,
  type ResourceValidator,
} from '../validation/resources';

/** What the command touches outside itself, so tests can run it without a process or a disk. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Returns the file's text; throws when it cannot be read. */
  readFile(file: string): string;
}

/**
 * One output line: the verdict for one file. `valid` is false only when some issue is an error or
 * fatal (warnings and information never make a file invalid), and null when the file could not be
 * judged (a resource type or profile this validator does not support).
 */
export interface FileReport {
  file: string;
  resourceType?: string;
  profile?: string;
  valid: boolean | null;
  issues: OperationOutcomeIssue[];
}

export const USAGE = `Usage: npm run --silent validate -- [--profile PROFILE] FILE...

Validates each FILE (FHIR R4 JSON) and prints one JSON line per file:
{"file", "resourceType", "profile", "valid", "issues"}; each issue has a severity: error (a SHALL is
broken: the file is invalid), warning (a SHOULD), information (best practice). valid is null when
the file could not be judged.

  ImagingStudy     IHE IMR 1.1.0 ImagingStudy
  Endpoint         base R4 (Imaging Study Endpoint when a Bundle's ImagingStudy.endpoint refers to it)
  Provenance       base R4
  ServiceRequest   base R4
  Bundle           base R4, and each entry as above, references between entries resolved by fullUrl

  --profile PROFILE  validate resources of PROFILE's type against PROFILE: a canonical URL or one of
                     ${Object.keys(PROFILE_ALIASES).join(', ')}

Exit status: 0 all files valid, 1 some file invalid, 2 usage error, unreadable file, or a file
that could not be judged (resource type or profile not supported).`;

/** The resource types the command validates. */
export const SUPPORTED_TYPES = Object.keys(DEFAULT_PROFILES);

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
function reportFile(
  file: string,
  io: CliIo,
  validator: () => ResourceValidator,
  profile: string | undefined,
): FileReport | undefined {
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
    // Numbers keep their text: R4 judges `1.0` in an integer field on the text, which JSON.parse loses.
    resource = parseJson(text);
  } catch (error) {
    return { file, valid: false, issues: [malformedJsonIssue(error, text)] };
  }
  try {
    const { resourceType, profile: used, valid, outcome } = validator().validate(resource, profile);
    return {
      file,
      ...(resourceType === undefined ? {} : { resourceType }),
      ...(used === undefined ? {} : { profile: used }),
      valid,
      issues: outcome.issue ?? [],
    };
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
  createValidator: () => ResourceValidator = () => createResourceValidator({ bestPractice: true }),
): number {
  const files: string[] = [];
  let profile: string | undefined;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
    } else if (!optionsEnded && (arg === '--profile' || arg.startsWith('--profile='))) {
      profile = arg === '--profile' ? argv[++i] : arg.slice('--profile='.length);
      if (profile === undefined || profile === '') {
        io.stderr(`validate: --profile needs a profile\n\n${USAGE}`);
        return EXIT_USAGE;
      }
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

  let validator: ResourceValidator | undefined;
  const getValidator = (): ResourceValidator => (validator ??= createValidator());
  let status = EXIT_VALID;
  for (const file of files) {
    const report = reportFile(file, io, getValidator, profile);
    if (!report) {
      status = EXIT_USAGE;
      continue;
    }
    io.stdout(JSON.stringify(report));
    if (report.valid === null) status = EXIT_USAGE;
    else if (!report.valid && status === EXIT_VALID) status = EXIT_INVALID;
  }
  return status;
}
