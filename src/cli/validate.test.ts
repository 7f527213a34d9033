import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { imrValidator, type Validator } from '../validation';
import { corpusDir } from '../validation/corpus/load';
import { type CliIo, EXIT_INVALID, EXIT_USAGE, EXIT_VALID, type FileReport, runValidateCli } from './run-validate';

const VALID = path.join(corpusDir, 'valid/series-and-instances.json');
const INVALID = path.join(corpusDir, 'invalid/status-missing.json');
const MALFORMED_TEXT = '{\n  "resourceType": "ImagingStudy",\n  "status": "available"\n  "started": "2024"\n}\n';

let shared: Validator | undefined;
const validator = (): Validator => (shared ??= imrValidator());

/** A CLI run against in-memory files; unknown names behave like missing files. */
function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    readFile: (file) => {
      if (file in files) return files[file] as string;
      if (file === VALID || file === INVALID) return fs.readFileSync(file, 'utf8');
      throw new Error(`ENOENT: no such file or directory, open '${file}'`);
    },
  };
  const code = runValidateCli(argv, io, validator);
  return {
    code,
    out,
    err: err.join('\n'),
    // Parsed on access: usage text on stdout is not JSON.
    get reports() {
      return out.map((line) => JSON.parse(line) as FileReport);
    },
  };
}

describe('runValidateCli', () => {
  it('reports a valid file as one JSON line and exits 0', () => {
    const { code, reports } = run([VALID]);
    expect(code).toBe(EXIT_VALID);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ file: VALID, valid: true });
    expect(reports[0]?.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
  });

  it('reports an invalid file with its error issue and exits 1', () => {
    const { code, reports } = run([INVALID]);
    expect(code).toBe(EXIT_INVALID);
    expect(reports[0]).toMatchObject({ file: INVALID, valid: false });
    expect(reports[0]?.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', expression: ['ImagingStudy.status'] }),
    );
  });

  it('prints one line per file, in argument order', () => {
    const { code, reports } = run([VALID, INVALID, VALID]);
    expect(code).toBe(EXIT_INVALID);
    expect(reports.map((r) => [r.file, r.valid])).toEqual([
      [VALID, true],
      [INVALID, false],
      [VALID, true],
    ]);
  });

  it('reports malformed JSON as a fatal structure issue naming line and column', () => {
    const { code, reports } = run(['broken.json'], { 'broken.json': MALFORMED_TEXT });
    expect(code).toBe(EXIT_INVALID);
    expect(reports).toEqual([
      {
        file: 'broken.json',
        valid: false,
        issues: [
          { severity: 'fatal', code: 'structure', details: { text: expect.stringContaining('line 4, column 3') } },
        ],
      },
    ]);
  });

  it('names the end of the file when the JSON stops short', () => {
    const { reports } = run(['cut.json'], { 'cut.json': '{\n  "resourceType": "ImagingStudy",\n' });
    expect(reports[0]?.issues[0]?.details?.text).toContain('line 3, column 1');
  });

  it('accepts a UTF-8 byte order mark before the JSON', () => {
    const text = `\uFEFF${fs.readFileSync(VALID, 'utf8')}`;
    expect(run(['bom.json'], { 'bom.json': text }).reports[0]?.valid).toBe(true);
  });

  it('reports a JSON value that is not a resource as invalid, not as a crash', () => {
    const { code, reports } = run(['array.json'], { 'array.json': '[1, 2]' });
    expect(code).toBe(EXIT_INVALID);
    expect(reports[0]?.valid).toBe(false);
  });

  it('reports a validator failure as a fatal issue for that file and goes on with the next', () => {
    const out: string[] = [];
    let calls = 0;
    const flaky: Validator = {
      validate: (resource) => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return validator().validate(resource);
      },
      validateAt: (resource, expression) => validator().validateAt(resource, expression),
    };
    const io: CliIo = {
      stdout: (line) => out.push(line),
      stderr: () => undefined,
      readFile: (f) => fs.readFileSync(f, 'utf8'),
    };
    expect(runValidateCli([VALID, VALID], io, () => flaky)).toBe(EXIT_INVALID);
    const reports = out.map((line) => JSON.parse(line) as FileReport);
    expect(reports[0]).toMatchObject({ valid: false, issues: [{ severity: 'fatal', code: 'exception' }] });
    expect(reports[1]).toMatchObject({ valid: true });
  });

  it('exits 2 on an unreadable file but still prints the lines for the others', () => {
    const { code, reports, err } = run([VALID, 'missing.json', INVALID]);
    expect(code).toBe(EXIT_USAGE);
    expect(reports.map((r) => r.file)).toEqual([VALID, INVALID]);
    expect(err).toContain('missing.json');
  });

  it.each([
    ['no files', []],
    ['an unknown option', ['--strict', VALID]],
  ])('exits 2 with usage on stderr for %s, without validating', (_label, argv) => {
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, readFile: () => '{}' };
    const errors: string[] = [];
    io.stderr = (line) => errors.push(line);
    const code = runValidateCli(argv, io, () => {
      throw new Error('no validator needed for a usage error');
    });
    expect(code).toBe(EXIT_USAGE);
    expect(errors.join('\n')).toContain('Usage:');
  });

  it('prints usage to stdout for --help and exits 0', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(EXIT_VALID);
    expect(out.join('\n')).toContain('Usage:');
  });

  it('treats arguments after -- as file names', () => {
    const { code, err } = run(['--', '--strict']);
    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain('cannot read --strict');
  });
});

describe('the validate command as a process', () => {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-validate-cli-'));
  const malformed = path.join(tmp, 'malformed.json');
  fs.writeFileSync(malformed, MALFORMED_TEXT);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function spawnCli(...files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('npx', ['tsx', 'src/cli/validate.ts', ...files], { cwd: repoRoot }, (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  it('exits 0 / 1 / 1 / 2 for a valid, an invalid, a malformed and a missing file', async () => {
    const [valid, invalid, broken, missing] = await Promise.all([
      spawnCli(VALID),
      spawnCli(INVALID),
      spawnCli(malformed),
      spawnCli(path.join(tmp, 'does-not-exist.json')),
    ]);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ file: VALID, valid: true });
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ file: INVALID, valid: false });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).issues[0]).toMatchObject({ severity: 'fatal', code: 'structure' });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('does-not-exist.json');
  }, 60_000);
});
