import { describe, expect, it } from 'vitest';
import { createRegistry, IMR_IMAGINGSTUDY_URL, imrRegistryInput, loadImrRegistry } from './index';
import type { ElementDefinitionJson } from './fhir-json';

const CID29 = 'http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html';

function snapshotElements(sd: unknown): ElementDefinitionJson[] {
  return (sd as { snapshot: { element: ElementDefinitionJson[] } }).snapshot.element;
}

describe('createRegistry with a modified profile', () => {
  it('follows the snapshot it is given (description made 1..1)', () => {
    const input = imrRegistryInput();
    const [imagingStudy] = input.profiles;
    const description = snapshotElements(imagingStudy).find((e) => e.path === 'ImagingStudy.description');
    if (!description) throw new Error('no description element');
    description.min = 1;
    description.mustSupport = true;

    const modified = createRegistry(input).profiles.get(IMR_IMAGINGSTUDY_URL);
    expect(modified?.byId.get('ImagingStudy.description')).toMatchObject({ min: 1, max: 1, mustSupport: true });
    // The cached registry, built from the artefacts themselves, is unaffected by a change to a copy.
    expect(loadImrRegistry().profiles.get(IMR_IMAGINGSTUDY_URL)?.byId.get('ImagingStudy.description')?.min).toBe(0);
  });

  it('leaves its input as it was (the cached registry shares the imported artefacts)', () => {
    const deepFreeze = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
      Object.freeze(value);
      for (const child of Object.values(value)) deepFreeze(child);
    };
    const input = imrRegistryInput();
    deepFreeze(input);
    // A write to a frozen object throws in a module (strict mode).
    const built = createRegistry(input);
    expect(built.profiles.get(IMR_IMAGINGSTUDY_URL)?.byId.get('ImagingStudy.description')?.min).toBe(0);
    expect(input).toEqual(imrRegistryInput());
  });

  it('returns the same cached registry on every call', () => {
    expect(loadImrRegistry()).toBe(loadImrRegistry());
  });
});

describe('primitive types', () => {
  const primitives = loadImrRegistry().primitives;

  it('anchors the R4 regexes', () => {
    const dateTime = primitives.get('dateTime')?.regex;
    expect(dateTime?.test('2011-01-01T11:01:20+03:00')).toBe(true);
    expect(dateTime?.test('2011')).toBe(true);
    expect(dateTime?.test('2011-01-01T11:01')).toBe(false);
    expect(dateTime?.test('x2011-01-01')).toBe(false);
    expect(dateTime?.test('2011-01-01 trailing')).toBe(false);
    const id = primitives.get('id')?.regex;
    expect(id?.test('2.16.124.113543.6003.2588828330.45298.17418.2723805630')).toBe(true);
    expect(id?.test('a'.repeat(65))).toBe(false);
    expect(primitives.get('code')?.regex?.test(' CT')).toBe(false);
  });

  it('knows the JSON type of each primitive', () => {
    for (const code of ['integer', 'unsignedInt', 'positiveInt', 'decimal']) {
      expect(primitives.get(code)?.jsonType).toBe('number');
    }
    expect(primitives.get('boolean')?.jsonType).toBe('boolean');
    for (const code of ['string', 'uri', 'code', 'id', 'dateTime', 'instant', 'markdown', 'base64Binary', 'xhtml']) {
      expect(primitives.get(code)?.jsonType).toBe('string');
    }
    expect(primitives.size).toBe(20);
    expect(primitives.get('xhtml')?.regex).toBeUndefined();
  });
});

describe('datatypes', () => {
  const registry = loadImrRegistry();

  it('covers every type an element of the profiles or the datatypes can hold', () => {
    const missing = new Set<string>();
    for (const model of [...registry.profiles.values(), ...registry.datatypes.values()]) {
      for (const node of model.byId.values()) {
        // Extension.value[x] is modelled shallowly; contained resources are opaque.
        if (node.path === 'Extension.value[x]') continue;
        for (const { code } of node.types) {
          if (code !== 'Resource' && !registry.datatypes.has(code) && !registry.primitives.has(code)) missing.add(code);
        }
      }
    }
    expect([...missing]).toEqual([]);
    expect([...registry.datatypes.keys()]).toEqual(
      expect.arrayContaining(['Identifier', 'Coding', 'CodeableConcept', 'Reference', 'Period', 'Meta', 'Narrative']),
    );
  });

  it('models a datatype like a profile, e.g. Identifier', () => {
    const identifier = registry.datatypes.get('Identifier');
    expect(identifier?.root.children.map((c) => c.name)).toEqual([
      'id',
      'extension',
      'use',
      'type',
      'system',
      'value',
      'period',
      'assigner',
    ]);
    expect(registry.datatypes.get('Coding')?.byId.get('Coding.system')?.types).toEqual([
      { code: 'uri', profiles: [], targetProfiles: [] },
    ]);
  });
});

describe('value sets', () => {
  const registry = loadImrRegistry();

  it('carries all 51 codes of DICOM CID 29', () => {
    const cid29 = registry.valueSets.get(CID29);
    expect(cid29?.concepts).toHaveLength(51);
    expect(cid29?.concepts).toContainEqual({
      system: 'http://dicom.nema.org/resources/ontology/DCM',
      code: 'CT',
      display: 'Computed Tomography',
    });
    expect(cid29?.concepts.map((c) => c.code)).toContain('ECG');
  });

  it('expands the status value sets from base R4', () => {
    const codes = (url: string) => registry.valueSets.get(url)?.concepts.map((c) => c.code);
    expect(codes('http://hl7.org/fhir/ValueSet/imagingstudy-status')).toEqual([
      'registered',
      'available',
      'cancelled',
      'entered-in-error',
      'unknown',
    ]);
    expect(codes('http://hl7.org/fhir/ValueSet/endpoint-status')).toEqual([
      'active',
      'suspended',
      'error',
      'off',
      'entered-in-error',
      'test',
    ]);
    expect(codes('http://hl7.org/fhir/ValueSet/identifier-use')).toEqual([
      'usual',
      'official',
      'temp',
      'secondary',
      'old',
    ]);
  });

  it('carries the IMR endpoint value sets', () => {
    expect(
      registry.valueSets.get('https://profiles.ihe.net/RAD/IMR/ValueSet/imaging-study-endpoint-connectiontype-vs')
        ?.concepts,
    ).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'ihe-iid', display: 'IHE IID' },
      {
        system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
        code: 'dicom-wado-rs',
        display: 'DICOM WADO-RS',
      },
    ]);
    expect(
      registry.valueSets.get('https://profiles.ihe.net/RAD/IMR/ValueSet/imaging-study-endpoint-payloadtype-vs')
        ?.concepts,
    ).toEqual([{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014', display: 'Study' }]);
  });

  it('accounts for every required or extensible binding: expanded or listed as not expandable', () => {
    for (const model of [...registry.profiles.values(), ...registry.datatypes.values()]) {
      for (const node of model.byId.values()) {
        const binding = node.binding;
        if (!binding?.valueSet || (binding.strength !== 'required' && binding.strength !== 'extensible')) continue;
        const known = registry.valueSets.has(binding.valueSet) || registry.notExpandable.has(binding.valueSet);
        expect(known, `${node.id} -> ${binding.valueSet}`).toBe(true);
      }
    }
    expect([...registry.notExpandable.keys()]).toContain('http://hl7.org/fhir/ValueSet/mimetypes');
    expect(registry.valueSets.has('http://hl7.org/fhir/ValueSet/mimetypes')).toBe(false);
  });
});

describe('resource types', () => {
  it('lists the concrete R4 resource types', () => {
    const types = loadImrRegistry().resourceTypes;
    for (const name of ['Patient', 'Endpoint', 'ImagingStudy', 'Practitioner', 'Bundle'])
      expect(types.has(name)).toBe(true);
    expect(types.has('DomainResource')).toBe(false);
    expect(types.has('Resource')).toBe(false);
    // R4 4.0.1's resource-types code system: 148 codes, two of them abstract. SubscriptionStatus is R4B.
    expect(types.size).toBe(146);
    expect(types.has('SubscriptionStatus')).toBe(false);
  });
});

describe('FHIR regexes follow XML Schema whitespace rules', () => {
  const string = loadImrRegistry().primitives.get('string')?.regex;
  const code = loadImrRegistry().primitives.get('code')?.regex;

  it('accepts text with non-breaking, zero-width and em spaces, which are not XML Schema whitespace', () => {
    for (const text of ['a\u00a0b', '\ufeff', 'x\u2003y', 'line\u2028break', '\u200b']) {
      expect(string?.test(text), JSON.stringify(text)).toBe(true);
    }
    expect(code?.test('a\u00a0b')).toBe(true);
  });

  it('still treats space, tab, CR and LF as whitespace: codes cannot have a double or leading space', () => {
    expect(code?.test('a  b')).toBe(false);
    expect(code?.test('a\tb')).toBe(true);
    expect(code?.test(' a')).toBe(false);
  });
});
