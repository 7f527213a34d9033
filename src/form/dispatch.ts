/**
 * Which input renders which element. Decided in this order: array or single, then choice `[x]`,
 * then the datatype, with a few IMR-specific elements recognised by path first.
 */
import type { ElementNode } from '../profile/model';
import { DICOM_UID_SYSTEM } from './uid';

export type InputKind =
  | 'study-uid'
  | 'patient-reference'
  | 'endpoint-references'
  | 'computed-count'
  | 'sop-class'
  | 'dicom-uid'
  | 'backbone-list'
  | 'coding-list'
  | 'codeable-concept-list'
  | 'string-list'
  | 'unsupported-list'
  | 'choice'
  | 'code'
  | 'coding'
  | 'codeable-concept'
  | 'reference'
  | 'date-time'
  | 'string'
  | 'markdown'
  | 'unsigned-int'
  | 'boolean'
  | 'uri'
  | 'identifier'
  | 'backbone';

const COUNT_PATHS = [
  'ImagingStudy.numberOfSeries',
  'ImagingStudy.numberOfInstances',
  'ImagingStudy.series.numberOfInstances',
];

function fixedOrPatternValue(el: ElementNode | undefined): unknown {
  return el?.fixed?.value ?? el?.pattern?.value;
}

/** Whether this is an Identifier slice whose system is fixed to `urn:dicom:uid` (the Study Instance UID). */
function isStudyUidSlice(el: ElementNode): boolean {
  if (el.path !== 'ImagingStudy.identifier' || el.sliceName === undefined) return false;
  const system = el.children.find((c) => c.name === 'system');
  const pattern = fixedOrPatternValue(el);
  const patternSystem =
    typeof pattern === 'object' && pattern !== null ? (pattern as Record<string, unknown>).system : undefined;
  return fixedOrPatternValue(system) === DICOM_UID_SYSTEM || patternSystem === DICOM_UID_SYSTEM;
}

function targetsOnly(el: ElementNode, resource: string): boolean {
  const targets = el.types.flatMap((t) => t.targetProfiles);
  return targets.length > 0 && targets.every((t) => t.endsWith(`/${resource}`) || isEndpointProfile(t, resource));
}

function isEndpointProfile(target: string, resource: string): boolean {
  return resource === 'Endpoint' && target.includes('/StructureDefinition/') && /endpoint/i.test(target);
}

function arrayKind(el: ElementNode, type: string | undefined): InputKind {
  if (el.children.length > 0 || type === 'BackboneElement') return 'backbone-list';
  switch (type) {
    case 'Coding':
      return 'coding-list';
    case 'CodeableConcept':
      return 'codeable-concept-list';
    case 'Reference':
      return targetsOnly(el, 'Endpoint') ? 'endpoint-references' : 'unsupported-list';
    case 'string':
    case 'markdown':
      return 'string-list';
    default:
      return 'unsupported-list';
  }
}

function singleKind(type: string | undefined, el: ElementNode): InputKind {
  switch (type) {
    case 'code':
      return 'code';
    case 'Coding':
      return 'coding';
    case 'CodeableConcept':
      return 'codeable-concept';
    case 'Reference':
      return 'reference';
    case 'dateTime':
    case 'date':
    case 'instant':
      return 'date-time';
    case 'string':
      return 'string';
    case 'markdown':
      return 'markdown';
    case 'unsignedInt':
    case 'positiveInt':
    case 'integer':
      return 'unsigned-int';
    case 'boolean':
      return 'boolean';
    case 'uri':
    case 'url':
    case 'canonical':
      return 'uri';
    case 'id':
      return 'string';
    case 'Identifier':
      return 'identifier';
    default:
      return el.children.length > 0 ? 'backbone' : 'string';
  }
}

/** The input kind for an element of the ImagingStudy profile. */
export function inputKindFor(el: ElementNode): InputKind {
  const type = el.types.length === 1 ? el.types[0]?.code : undefined;
  // IMR-specific elements, recognised from the profile rather than hard-wired widgets.
  if (isStudyUidSlice(el)) return 'study-uid';
  if (el.path === 'ImagingStudy.subject') return 'patient-reference';
  if (COUNT_PATHS.includes(el.path)) return 'computed-count';
  if (el.path === 'ImagingStudy.series.instance.sopClass') return 'sop-class';
  if (el.name === 'uid' && type === 'id') return 'dicom-uid';
  // Array or single.
  if (el.isArray && el.max !== 1) return arrayKind(el, type);
  // Choice.
  if (el.isChoice) return 'choice';
  return singleKind(type, el);
}
