import { describe, expect, it } from 'vitest';
import { expressionToFieldPath, fieldPathToExpression, fieldPathToSchemaPath } from './paths';

describe('FHIRPath <-> form path', () => {
  it.each([
    ['ImagingStudy.series[1].instance[0].uid', 'series.1.instance.0.uid'],
    ['ImagingStudy.series[12].instance[345].sopClass.code', 'series.12.instance.345.sopClass.code'],
    ['ImagingStudy.identifier[0].value', 'identifier.0.value'],
    ['ImagingStudy.modality[2]', 'modality.2'],
    ['ImagingStudy.started', 'started'],
  ])('%s <-> %s', (expression, name) => {
    expect(expressionToFieldPath(expression)).toBe(name);
    expect(fieldPathToExpression(name)).toBe(expression);
  });

  it('maps every index of nested arrays, not only the first', () => {
    expect(expressionToFieldPath('ImagingStudy.series[3].instance[7].uid')).toBe('series.3.instance.7.uid');
  });

  it('maps the studyUID slice, by slice name or by its system, to the first identifier', () => {
    expect(expressionToFieldPath('ImagingStudy.identifier:studyUID.value')).toBe('identifier.0.value');
    expect(expressionToFieldPath("ImagingStudy.identifier.where(system = 'urn:dicom:uid').value")).toBe(
      'identifier.0.value',
    );
  });

  it('cuts unsupported tails so the issue lands on the nearest field', () => {
    expect(expressionToFieldPath('ImagingStudy.series[0].instance.exists()')).toBe('series.0.instance');
  });

  it('gives no field for the resource itself or another resource', () => {
    expect(expressionToFieldPath('ImagingStudy')).toBeUndefined();
    expect(expressionToFieldPath('Endpoint.address')).toBeUndefined();
  });

  it('knows the schema path of an indexed name', () => {
    expect(fieldPathToSchemaPath('series.1.instance.3.uid')).toBe('ImagingStudy.series.instance.uid');
  });
});
