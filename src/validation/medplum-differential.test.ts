import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, loadCorpus } from './corpus/load';
import { DISAGREEMENTS } from './corpus/disagreements';
import { corpusVerdicts } from './corpus/verdicts';

/**
 * Differential test: Medplum's validateResource (base R4, with our IMR or Imaging Study Endpoint
 * snapshot as the profile where the case is judged against one) against our validator as the CLI
 * runs it, verdict by verdict, on every corpus file (all resource types). Where they differ,
 * ./corpus/disagreements.ts says why; the test fails on any difference it does not list, and on
 * any listed one that went away. ./corpus/VERDICTS.md shows every case's two verdicts.
 */
const corpus = loadCorpus();

describe('differential against Medplum validateResource', () => {
  it('disagrees on exactly the documented files, in the documented direction', () => {
    const actual = corpusVerdicts(corpus).filter((v) => v.ours !== v.medplum);
    const documented = DISAGREEMENTS.map(({ file, ours: o, medplum: m }) => ({ file, ours: o, medplum: m }));
    const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
    expect(actual.sort(byFile)).toEqual(documented.sort(byFile));
  });

  it('VERDICTS.md has one row per case with both verdicts and, where they differ, the reason', () => {
    const rows = new Map<string, string[]>();
    for (const line of fs.readFileSync(path.join(corpusDir, 'VERDICTS.md'), 'utf8').split('\n')) {
      const cells = line.split('|').map((cell) => cell.trim());
      const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
      if (file !== undefined) rows.set(file, cells.slice(-4, -1));
    }
    const expected = corpusVerdicts(corpus).map(({ file, ours, medplum }) => {
      const why = DISAGREEMENTS.find((d) => d.file === file)?.why ?? '';
      return [file, [ours, medplum, why]] as const;
    });
    expect([...rows.entries()].sort()).toEqual(expected.map(([f, r]) => [f, [...r]]).sort());
  });
});
