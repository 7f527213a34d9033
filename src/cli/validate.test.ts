import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle, Endpoint, ImagingStudy } from 'fhir/r4';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProvenance } from '../fhir/provenance';
import { DEFAULT_RETRY } from '../fhir/retry';
import type { SavePlan } from '../fhir/save-types';
import { transactionBundle } from '../fhir/transaction';
import { buildEndpoint } from '../study/endpoint';
import { IMR_IMAGINGSTUDY_URL } from '../profile';
import { createResourceValidator, type ResourceValidator } from '../validation/resources';
import { corpusDir } from '../validation/corpus/load';
import { type CliIo, EXIT_INVALID, EXIT_USAGE, EXIT_VALID, type FileReport, runValidateCli } from './run-validate';

const VALID = path.join(corpusDir, 'valid/series-and-instances.json');
const INVALID = path.join(corpusDir, 'invalid/status-missing.json');
const MALFORMED_TEXT = '{\n  "resourceType": "ImagingStudy",\n  "status": "available"\n  "started": "2024"\n}\n';

let shared: ResourceValidator | undefined;
const validator = (): ResourceValidator => (shared ??= createResourceValidator({ bestPractice: true }));

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

  it('judges numbers on their text: 2.0 is not an unsignedInt, though JSON.parse reads it as 2', () => {
    const text = fs.readFileSync(VALID, 'utf8').replace(/"numberOfSeries": 2\b/, '"numberOfSeries": 2.0');
    expect(text).toContain('"numberOfSeries": 2.0');
    const { code, reports } = run(['lexical.json'], { 'lexical.json': text });
    expect(code).toBe(EXIT_INVALID);
    expect(reports[0]?.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ severity: 'error', code: 'value', expression: ['ImagingStudy.numberOfSeries'] }),
    ]);
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
    const flaky: ResourceValidator = {
      validate: (resource) => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return validator().validate(resource);
      },
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

/** A transaction Bundle exactly as the app's save builds it: a new Endpoint, the study, the Provenance. */
function appTransaction(): Bundle {
  const endpointUrl = 'urn:uuid:6a1c3c5e-1f5b-4d7e-9a40-0d0f3c1f2b11';
  const study = JSON.parse(fs.readFileSync(VALID, 'utf8')) as ImagingStudy;
  delete study.id;
  study.meta = { profile: [IMR_IMAGINGSTUDY_URL] };
  study.endpoint = [{ reference: endpointUrl }];
  const plan: SavePlan = {
    mode: 'create',
    study,
    studyFullUrl: 'urn:uuid:0b5c2f0e-7c8a-4a43-8f0e-4a3e6f1d2c10',
    uid: '1.2.826.0.1.3680043.8.498.1',
    endpoints: [
      {
        fullUrl: endpointUrl,
        resource: buildEndpoint({
          name: 'PACS',
          address: 'https://pacs.example.org/dicomweb',
          connectionType: {
            system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
            code: 'dicom-wado-rs',
          },
        }),
      },
    ],
    recorded: new Date('2024-05-01T12:00:00Z'),
    retry: DEFAULT_RETRY,
    timeoutMs: 1000,
  };
  const provenance = buildProvenance({
    targets: [{ reference: plan.studyFullUrl }, { reference: endpointUrl }],
    activity: 'CREATE',
    fhirUser: 'http://127.0.0.1:8080/fhir/Practitioner/pr1',
    iss: 'http://127.0.0.1:8080/fhir',
    recorded: plan.recorded,
  });
  return transactionBundle(plan, provenance, 'urn:uuid:2d9c1c7a-5e4b-4f3a-9b2c-1a0e9d8c7b60');
}

describe('resource types besides ImagingStudy', () => {
  const json = (value: unknown) => JSON.stringify(value);
  const endpoint = {
    resourceType: 'Endpoint',
    status: 'active',
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'hl7-fhir-rest' },
    payloadType: [{ text: 'FHIR' }, { text: 'more' }],
    address: 'https://fhir.example.org/r4',
  };

  it('validates the transaction Bundle the app sends: valid, each entry checked', () => {
    const bundle = appTransaction();
    const { code, reports } = run(['tx.json'], { 'tx.json': json(bundle) });
    expect(reports[0]?.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
    expect(code).toBe(EXIT_VALID);
    expect(reports[0]).toMatchObject({ resourceType: 'Bundle', valid: true });
    // The entry's Endpoint is the study's endpoint (by fullUrl): the Imaging Study Endpoint profile applies.
    const entry = bundle.entry?.[0]?.resource as Endpoint;
    entry.payloadType = [{ text: 'FHIR' }, { text: 'twice' }];
    const broken = run(['tx.json'], { 'tx.json': json(bundle) }).reports[0];
    expect(broken?.valid).toBe(false);
    expect(broken?.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', expression: ['Bundle.entry[0].resource.payloadType'] }),
    );
  });

  it('checks a standalone Endpoint against base R4 unless --profile names the IMR profile', () => {
    expect(run(['ep.json'], { 'ep.json': json(endpoint) }).reports[0]).toMatchObject({
      resourceType: 'Endpoint',
      profile: 'http://hl7.org/fhir/StructureDefinition/Endpoint',
      valid: true,
    });
    const strict = run(['--profile', 'imaging-study-endpoint', 'ep.json'], { 'ep.json': json(endpoint) });
    expect(strict.code).toBe(EXIT_INVALID);
    expect(strict.reports[0]?.profile).toBe(
      'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imaging-study-endpoint',
    );
    const noStatus = run(['ep.json'], { 'ep.json': json({ ...endpoint, status: undefined }) });
    expect(noStatus.reports[0]?.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', expression: ['Endpoint.status'] }),
    );
  });

  it('checks Provenance and ServiceRequest against base R4', () => {
    const provenance = appTransaction().entry?.[2]?.resource;
    expect(run(['p.json'], { 'p.json': json(provenance) }).reports[0]).toMatchObject({
      resourceType: 'Provenance',
      valid: true,
    });
    const request = {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/p1' },
    };
    expect(run(['s.json'], { 's.json': json(request) }).reports[0]).toMatchObject({ valid: true });
    const { code, reports } = run(['s.json'], { 's.json': json({ ...request, intent: 'wish' }) });
    expect(code).toBe(EXIT_INVALID);
    expect(reports[0]?.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', expression: ['ServiceRequest.intent'] }),
    );
  });

  it('says "not supported" for other resource types, with no verdict, and exits 2', () => {
    const { code, reports } = run(['pt.json'], { 'pt.json': json({ resourceType: 'Patient' }) });
    expect(code).toBe(EXIT_USAGE);
    expect(reports[0]).toMatchObject({ resourceType: 'Patient', valid: null });
    expect(reports[0]?.issues[0]).toMatchObject({ code: 'not-supported' });
    expect(reports[0]?.issues[0]?.details?.text).toContain('not supported');
    const bogus = run(['x.json'], { 'x.json': json({ resourceType: 'Study' }) });
    expect(bogus.reports[0]).toMatchObject({ valid: false });
  });

  it('rejects an unknown --profile without a verdict, and a profile for another type', () => {
    expect(run(['--profile', 'nope', VALID]).reports[0]).toMatchObject({ valid: null });
    expect(run(['--profile', 'Provenance', VALID]).reports[0]).toMatchObject({ valid: null });
    expect(run(['--profile']).code).toBe(EXIT_USAGE);
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
