import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson } from '../json';

/** Which folder a corpus file lives in: no errors, warnings only, or exactly one broken rule. */
export type CorpusKind = 'valid' | 'warning' | 'invalid';

/** One issue a corpus file must produce (severity and exact indexed FHIRPath; code only when it matters). */
export interface ExpectedIssue {
  severity: 'error' | 'warning' | 'fatal';
  expression: string;
  code?: string;
}

/** One corpus file with what it is expected to produce (every kind has a manifest, `expectations.json`). */
export interface CorpusCase {
  kind: CorpusKind;
  /** Path relative to the corpus folder, e.g. `invalid/status-missing.json`. */
  file: string;
  /** As the CLI reads it: numbers whose text JSON.parse would lose keep it (see ../json.ts parseJson). */
  resource: unknown;
  /** As JSON.parse reads it (what Medplum, and random mutations, get). */
  json: unknown;
  /** The exact text (the file with its manifest text edits applied). */
  text: string;
  /** The rule the file breaks (invalid) or exercises (valid, warning). */
  rule: string;
  /** The profile to validate against (`--profile` name), when not the resource type's default. */
  profile?: string;
  /** The sentence(s) of the specification the case rests on, quoted. */
  quote?: string;
  /** Where the specification is ambiguous: what the ambiguity is and which reading the verdict follows. */
  ambiguity?: string;
  /** Issues that must be present; empty for valid files. */
  expect: ExpectedIssue[];
}

interface ManifestEntry {
  rule: string;
  expect?: ExpectedIssue[];
  profile?: string;
  quote?: string;
  ambiguity?: string;
  /**
   * Exact text replacements applied to the file before it is read: the case's real bytes. Keeps
   * numbers such as `1.0` or `2E0` that a formatter would rewrite out of the formatted file.
   */
  textEdits?: [from: string, to: string][];
}

/** The folder holding valid/, warning/ and invalid/. */
export const corpusDir = path.dirname(fileURLToPath(import.meta.url));

const MANIFEST = 'expectations.json';
const KINDS: readonly CorpusKind[] = ['valid', 'warning', 'invalid'];

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The case's text: the file with its text edits applied (each `from` must occur exactly once). */
function caseText(file: string, edits: ManifestEntry['textEdits']): string {
  let text = fs.readFileSync(file, 'utf8');
  for (const [from, to] of edits ?? []) {
    const at = text.indexOf(from);
    if (at === -1 || text.indexOf(from, at + 1) !== -1) {
      throw new Error(`${file}: text edit "${from}" must occur exactly once`);
    }
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  return text;
}

function jsonFiles(kind: CorpusKind): string[] {
  return fs
    .readdirSync(path.join(corpusDir, kind))
    .filter((name) => name.endsWith('.json') && name !== MANIFEST)
    .sort();
}

function readManifest(kind: CorpusKind): Record<string, ManifestEntry> {
  return readJson(path.join(corpusDir, kind, MANIFEST)) as Record<string, ManifestEntry>;
}

/**
 * Loads the whole corpus. Throws when a manifest and its folder disagree (a file without an
 * expectation, or an expectation without a file), so a forgotten entry cannot pass silently.
 */
export function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const kind of KINDS) {
    const manifest = readManifest(kind);
    const files = jsonFiles(kind);
    const orphans = Object.keys(manifest).filter((name) => !files.includes(name));
    const missing = files.filter((name) => !(name in manifest));
    if (orphans.length > 0 || missing.length > 0) {
      throw new Error(`${kind}/${MANIFEST} is out of step: no file for [${orphans}], no entry for [${missing}]`);
    }
    for (const file of files) {
      const entry = manifest[file] as ManifestEntry;
      const text = caseText(path.join(corpusDir, kind, file), entry.textEdits);
      const item: CorpusCase = {
        kind,
        file: `${kind}/${file}`,
        resource: parseJson(text),
        json: JSON.parse(text),
        text,
        rule: entry.rule,
        expect: entry.expect ?? [],
      };
      if (entry.profile !== undefined) item.profile = entry.profile;
      if (entry.quote !== undefined) item.quote = entry.quote;
      if (entry.ambiguity !== undefined) item.ambiguity = entry.ambiguity;
      cases.push(item);
    }
  }
  return cases;
}

/** Whether a case is an ImagingStudy validated against IMR (the editor's validator), not another resource. */
export function isImrStudyCase(c: CorpusCase): boolean {
  const type = (c.json as { resourceType?: unknown } | null)?.resourceType;
  return type === 'ImagingStudy' && c.profile === undefined;
}
