import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateProfileArtefacts } from './tools/generate';

describe('generated profile artefacts', () => {
  it('match what `npm run profiles` generates now (run it after changing definitions/)', async () => {
    const files = await generateProfileArtefacts();
    const committed = fs.readdirSync(GENERATED_DIR).filter((f) => f.endsWith('.json'));
    expect(committed.sort()).toEqual(files.map((f) => f.name).sort());
    for (const file of files) {
      const onDisk = fs.readFileSync(path.join(GENERATED_DIR, file.name), 'utf8');
      expect(onDisk, `${file.name} is stale`).toBe(file.text);
    }
  }, 60_000);

  it('generates the IMR ImagingStudy snapshot against base R4 ImagingStudy', async () => {
    const files = await generateProfileArtefacts();
    const imr = files.find((f) => f.name === 'StructureDefinition-imr-imagingstudy.json');
    expect(imr).toBeDefined();
    const sd: unknown = JSON.parse(imr?.text ?? '{}');
    expect(sd).toMatchObject({
      url: 'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy',
      version: '1.1.0',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/ImagingStudy',
      derivation: 'constraint',
      fhirVersion: '4.0.1',
    });
    // 57 base R4 ImagingStudy elements + the studyUID slice and its 7 Identifier children.
    expect((sd as { snapshot: { element: unknown[] } }).snapshot.element).toHaveLength(65);
    expect(Object.keys(sd as object).filter((k) => k.startsWith('__'))).toEqual([]);
  }, 60_000);
});
