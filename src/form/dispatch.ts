/**
 * Which input renders which element. Decided in this order: array or single, then choice `[x]`,
 * then the datatype; the IMR-specific widgets named in the profile's field table come first.
 */
import { fieldSpec, type ProfileWidget } from '../profile/fields';
import type { ElementNode } from '../profile/model';

/** The widget of an element: a profile-specific one from the field table, else its datatype's. */
export type InputKind =
  | ProfileWidget
  | 'endpoint-references'
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
  // IMR-specific widgets come from the profile's field table.
  const widget = fieldSpec(el.id)?.widget;
  if (widget !== undefined) return widget;
  // Array or single.
  if (el.isArray && el.max !== 1) return arrayKind(el, type);
  // Choice.
  if (el.isChoice) return 'choice';
  return singleKind(type, el);
}
