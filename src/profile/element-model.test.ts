import { describe, expect, it } from 'vitest';
import { IMAGING_STUDY_ENDPOINT_URL, IMR_IMAGINGSTUDY_URL, loadImrRegistry } from './index';
import type { ElementNode, ProfileModel } from './model';

const CID29 = 'http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html';
const FHIR_SD = 'http://hl7.org/fhir/StructureDefinition/';

function profile(url: string): ProfileModel {
  const model = loadImrRegistry().profiles.get(url);
  if (!model) throw new Error(`missing profile ${url}`);
  return model;
}

function element(model: ProfileModel, id: string): ElementNode {
  const node = model.byId.get(id);
  if (!node) throw new Error(`missing element ${id}`);
  return node;
}

describe('IMR ImagingStudy element model', () => {
  const imr = profile(IMR_IMAGINGSTUDY_URL);

  it('describes the profile', () => {
    expect(imr).toMatchObject({
      url: IMR_IMAGINGSTUDY_URL,
      version: '1.1.0',
      name: 'IMRImagingStudy',
      type: 'ImagingStudy',
    });
    expect(imr.root).toMatchObject({ path: 'ImagingStudy', isArray: false });
  });

  it('requires at least one identifier, sliced open by pattern on system', () => {
    const identifier = element(imr, 'ImagingStudy.identifier');
    expect(identifier).toMatchObject({ min: 1, max: Infinity, isArray: true });
    expect(identifier.slicing).toEqual({
      discriminator: [{ type: 'pattern', path: 'system' }],
      rules: 'open',
      ordered: false,
      description: 'Slice based on the identifier.system',
    });
    expect(identifier.slices.map((s) => s.sliceName)).toEqual(['studyUID']);
  });

  it('has the studyUID slice 1..1 MS with system pattern urn:dicom:uid and value 1..1 MS', () => {
    const studyUID = element(imr, 'ImagingStudy.identifier:studyUID');
    expect(studyUID).toMatchObject({ sliceName: 'studyUID', min: 1, max: 1, mustSupport: true, isArray: true });
    expect(element(imr, 'ImagingStudy.identifier').slices[0]).toBe(studyUID);
    const system = element(imr, 'ImagingStudy.identifier:studyUID.system');
    expect(system).toMatchObject({ path: 'ImagingStudy.identifier.system', min: 1, max: 1, isArray: false });
    expect(system.pattern).toEqual({ type: 'Uri', value: 'urn:dicom:uid' });
    expect(system.fixed).toBeUndefined();
    expect(element(imr, 'ImagingStudy.identifier:studyUID.value')).toMatchObject({ min: 1, max: 1, mustSupport: true });
    // The slice carries all of Identifier's elements, in order, as its own children.
    expect(studyUID.children.map((c) => c.name)).toEqual([
      'id',
      'extension',
      'use',
      'type',
      'system',
      'value',
      'period',
      'assigner',
    ]);
    expect(element(imr, 'ImagingStudy.identifier:studyUID.use').binding).toEqual({
      strength: 'required',
      valueSet: 'http://hl7.org/fhir/ValueSet/identifier-use',
      description: 'Identifies the purpose for this identifier, if known .',
    });
  });

  it('requires 1..* modality bound extensibly to DICOM CID 29', () => {
    const modality = element(imr, 'ImagingStudy.modality');
    expect(modality).toMatchObject({ min: 1, max: Infinity, isArray: true, types: [{ code: 'Coding' }] });
    expect(modality.binding).toMatchObject({ strength: 'extensible', valueSet: CID29 });
    expect(element(imr, 'ImagingStudy.series.modality').binding).toMatchObject({
      strength: 'extensible',
      valueSet: CID29,
    });
  });

  it('restricts subject to Reference(Patient) and requires it', () => {
    expect(element(imr, 'ImagingStudy.subject')).toMatchObject({
      min: 1,
      max: 1,
      types: [{ code: 'Reference', profiles: [], targetProfiles: [`${FHIR_SD}Patient`] }],
    });
  });

  it('requires started 1..1 MS as a dateTime', () => {
    expect(element(imr, 'ImagingStudy.started')).toMatchObject({
      min: 1,
      max: 1,
      mustSupport: true,
      isArray: false,
      isChoice: false,
      types: [{ code: 'dateTime' }],
      short: 'When the study was started',
    });
  });

  it('requires 1..* endpoint referencing the Imaging Study Endpoint profile', () => {
    expect(element(imr, 'ImagingStudy.endpoint')).toMatchObject({
      min: 1,
      max: Infinity,
      isArray: true,
      types: [{ code: 'Reference', targetProfiles: [IMAGING_STUDY_ENDPOINT_URL] }],
    });
    // Series endpoints are not constrained by IMR.
    expect(element(imr, 'ImagingStudy.series.endpoint').types[0]?.targetProfiles).toEqual([`${FHIR_SD}Endpoint`]);
  });

  it('keeps status 1..1 with its required binding (version stripped) and modifier flag', () => {
    expect(element(imr, 'ImagingStudy.status')).toMatchObject({
      min: 1,
      max: 1,
      isModifier: true,
      isSummary: true,
      binding: { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/imagingstudy-status' },
    });
  });

  it('nests series and instance backbone elements with their required children', () => {
    const series = element(imr, 'ImagingStudy.series');
    expect(series).toMatchObject({ min: 0, max: Infinity, isArray: true, types: [{ code: 'BackboneElement' }] });
    expect(series.children.map((c) => c.name)).toEqual([
      'id',
      'extension',
      'modifierExtension',
      'uid',
      'number',
      'modality',
      'description',
      'numberOfInstances',
      'endpoint',
      'bodySite',
      'laterality',
      'specimen',
      'started',
      'performer',
      'instance',
    ]);
    expect(element(imr, 'ImagingStudy.series.uid')).toMatchObject({ min: 1, max: 1, types: [{ code: 'id' }] });
    const instance = element(imr, 'ImagingStudy.series.instance');
    expect(instance.children.filter((c) => c.min > 0).map((c) => c.name)).toEqual(['uid', 'sopClass']);
    expect(element(imr, 'ImagingStudy.series.performer.actor').types[0]?.targetProfiles).toHaveLength(7);
  });

  it('keeps the base invariants: ele-1 on elements, dom-* on the root', () => {
    expect(imr.root.constraints.map((c) => c.key)).toEqual(['dom-2', 'dom-3', 'dom-4', 'dom-5', 'dom-6']);
    const dom6 = imr.root.constraints.find((c) => c.key === 'dom-6');
    expect(dom6).toMatchObject({ severity: 'warning', expression: 'text.`div`.exists()' });
    const ele1 = element(imr, 'ImagingStudy.started').constraints.find((c) => c.key === 'ele-1');
    expect(ele1).toMatchObject({
      severity: 'error',
      expression: 'hasValue() or (children().count() > id.count())',
      source: `${FHIR_SD}Element`,
    });
    expect(element(imr, 'ImagingStudy.extension').constraints.map((c) => c.key)).toEqual(['ele-1', 'ext-1']);
  });

  it('indexes every snapshot element by id', () => {
    expect(imr.byId.size).toBe(65);
    expect(element(imr, 'ImagingStudy.id').types).toEqual([{ code: 'string', profiles: [], targetProfiles: [] }]);
  });
});

describe('Imaging Study Endpoint element model', () => {
  const endpoint = profile(IMAGING_STUDY_ENDPOINT_URL);

  it('binds connectionType required to the IMR connectionType value set', () => {
    expect(element(endpoint, 'Endpoint.connectionType')).toMatchObject({
      min: 1,
      max: 1,
      isArray: false,
      binding: {
        strength: 'required',
        valueSet: 'https://profiles.ihe.net/RAD/IMR/ValueSet/imaging-study-endpoint-connectiontype-vs',
      },
    });
  });

  it('narrows payloadType to 1..1 but keeps it a JSON array, with an extensible coding binding', () => {
    expect(element(endpoint, 'Endpoint.payloadType')).toMatchObject({ min: 1, max: 1, isArray: true });
    expect(element(endpoint, 'Endpoint.payloadType.coding')).toMatchObject({
      isArray: true,
      binding: {
        strength: 'extensible',
        valueSet: 'https://profiles.ihe.net/RAD/IMR/ValueSet/imaging-study-endpoint-payloadtype-vs',
      },
    });
  });

  it('keeps the base required elements and the status binding', () => {
    expect(endpoint.root.children.filter((c) => c.min > 0).map((c) => c.name)).toEqual([
      'status',
      'connectionType',
      'payloadType',
      'address',
    ]);
    expect(element(endpoint, 'Endpoint.status').binding?.valueSet).toBe('http://hl7.org/fhir/ValueSet/endpoint-status');
  });
});
