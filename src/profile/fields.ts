/**
 * The IMR field table: for every element the editor shows, the radiographer's label, its section, the widget
 * that edits it, the "what to enter" hint and its order on screen; plus the lists that belong to the profile
 * (named identifier entries here, SOP classes in ./sop-classes.ts, which only the lazily loaded instance rows
 * need). Plain TypeScript, read by the form (labels, layout, widgets) and by
 * the validator (field names in messages), so a field has one name everywhere.
 */
import type { ElementNode } from './model';
import type { ProfileWidget } from './widgets';

/**
 * Where a field is shown: the main section (which also shows every mandatory and must-support element), "More
 * details", a series or an instance row.
 */
export type FieldSection = 'main' | 'details' | 'series' | 'instance';

export type { ProfileWidget } from './widgets';

export interface FieldSpec {
  /** The name on screen and in every message about the element. */
  label: string;
  /** For elements shown outside the main section (which shows the mandatory and must-support ones). */
  section?: FieldSection;
  /** Position within its section (lower first); unordered fields follow the profile's order. */
  order?: number;
  widget?: ProfileWidget;
  /** What to enter, for "is required" messages. */
  hint?: string;
}

/** The table, by snapshot element id (slice names included). */
const FIELDS: Readonly<Record<string, FieldSpec>> = {
  ImagingStudy: { label: 'Imaging study' },
  'ImagingStudy.id': { label: 'Resource id' },
  'ImagingStudy.identifier': { label: 'Identifier' },
  'ImagingStudy.identifier:studyUID': {
    label: 'Study Instance UID',
    widget: 'study-uid',
    hint: 'enter the DICOM Study Instance UID (e.g. 1.2.840.113619.2.55.3)',
  },
  'ImagingStudy.identifier:studyUID.value': {
    label: 'Study Instance UID',
    hint: 'enter the DICOM Study Instance UID (e.g. 1.2.840.113619.2.55.3)',
  },
  'ImagingStudy.identifier:studyUID.system': { label: 'Study Instance UID system', hint: 'use urn:dicom:uid' },
  'ImagingStudy.status': { label: 'Status', hint: 'choose the study status (e.g. available)' },
  'ImagingStudy.modality': { label: 'Modality', hint: 'choose at least one modality (e.g. CT)' },
  'ImagingStudy.subject': {
    label: 'Subject',
    widget: 'patient-reference',
    hint: 'choose the patient the study belongs to (e.g. Patient/123)',
  },
  'ImagingStudy.encounter': { label: 'Encounter', section: 'main', widget: 'encounter-reference' },
  'ImagingStudy.started': {
    label: 'Started',
    hint: 'enter the date and time the study started (e.g. 2024-05-01T14:30:00+02:00)',
  },
  'ImagingStudy.basedOn': { label: 'Based on' },
  'ImagingStudy.referrer': { label: 'Referrer', section: 'details', order: 4, widget: 'practitioner-reference' },
  'ImagingStudy.interpreter': { label: 'Interpreter' },
  'ImagingStudy.endpoint': {
    label: 'Endpoint',
    hint: 'add the endpoint (e.g. the DICOMweb service) from which the study can be retrieved',
  },
  'ImagingStudy.numberOfSeries': {
    label: 'Number of series',
    section: 'details',
    order: 5,
    widget: 'computed-count',
  },
  'ImagingStudy.numberOfInstances': {
    label: 'Number of instances',
    section: 'details',
    order: 6,
    widget: 'computed-count',
  },
  'ImagingStudy.procedureReference': { label: 'Procedure' },
  'ImagingStudy.procedureCode': { label: 'Study type', section: 'details', order: 2, widget: 'order-concepts' },
  'ImagingStudy.location': { label: 'Location' },
  'ImagingStudy.reasonCode': { label: 'Reason', section: 'details', order: 3, widget: 'order-concepts' },
  'ImagingStudy.reasonReference': { label: 'Reason' },
  'ImagingStudy.note': { label: 'Note' },
  'ImagingStudy.description': { label: 'Description', section: 'details', order: 1 },
  'ImagingStudy.contained': { label: 'Contained resource' },
  'ImagingStudy.series': { label: 'Series' },
  'ImagingStudy.series.uid': {
    label: 'Series Instance UID',
    section: 'series',
    order: 1,
    widget: 'dicom-uid',
    hint: 'enter the DICOM Series Instance UID (e.g. 1.2.3.4.5.1)',
  },
  'ImagingStudy.series.number': { label: 'Series number', section: 'series', order: 2 },
  'ImagingStudy.series.modality': {
    label: 'Series modality',
    section: 'series',
    order: 3,
    hint: 'choose the modality of the series (e.g. CT)',
  },
  'ImagingStudy.series.description': { label: 'Series description', section: 'series', order: 4 },
  'ImagingStudy.series.bodySite': { label: 'Body site', section: 'series', order: 5, widget: 'anatomic-region' },
  'ImagingStudy.series.laterality': { label: 'Laterality', section: 'series', order: 6, widget: 'laterality' },
  'ImagingStudy.series.started': { label: 'Series started', section: 'series', order: 7 },
  'ImagingStudy.series.numberOfInstances': { label: 'Number of instances in series', widget: 'computed-count' },
  'ImagingStudy.series.endpoint': { label: 'Series endpoint' },
  'ImagingStudy.series.specimen': { label: 'Specimen' },
  'ImagingStudy.series.performer': { label: 'Performer' },
  'ImagingStudy.series.performer.function': { label: 'Performer role' },
  'ImagingStudy.series.performer.actor': { label: 'Performer', hint: 'choose who performed the series' },
  'ImagingStudy.series.instance': { label: 'Instances', section: 'series', order: 8 },
  'ImagingStudy.series.instance.uid': {
    label: 'SOP Instance UID',
    section: 'instance',
    order: 1,
    widget: 'dicom-uid',
    hint: 'enter the DICOM SOP Instance UID (e.g. 1.2.3.4.5.1.1)',
  },
  'ImagingStudy.series.instance.sopClass': {
    label: 'SOP class',
    section: 'instance',
    order: 2,
    widget: 'sop-class',
    hint: 'choose the DICOM SOP class (e.g. CT Image Storage)',
  },
  'ImagingStudy.series.instance.number': { label: 'Instance number', section: 'instance', order: 3 },
  'ImagingStudy.series.instance.title': { label: 'Instance title', section: 'instance', order: 4 },
  Endpoint: { label: 'Endpoint' },
  'Endpoint.id': { label: 'Endpoint id' },
  'Endpoint.status': { label: 'Endpoint status', hint: 'choose the endpoint status (e.g. active)' },
  'Endpoint.connectionType': {
    label: 'Connection type',
    hint: 'choose how the study is retrieved (e.g. DICOM WADO-RS)',
  },
  'Endpoint.name': { label: 'Endpoint name' },
  'Endpoint.managingOrganization': { label: 'Managing organization' },
  'Endpoint.payloadType': { label: 'Payload type', hint: 'choose what the endpoint returns (e.g. Study)' },
  'Endpoint.payloadMimeType': { label: 'Payload MIME type' },
  'Endpoint.address': {
    label: 'Endpoint address',
    hint: 'enter the URL of the service (e.g. https://pacs.example.org/dicomweb)',
  },
  'Endpoint.header': { label: 'Endpoint header' },
};

/** The table entry of an element, by snapshot element id. */
export function fieldSpec(elementId: string): FieldSpec | undefined {
  return FIELDS[elementId];
}

/** `numberOfInstances` -> `number of instances`; `valueString` -> `value string`. */
function words(name: string): string {
  return name
    .replace(/\[x\]$/, '')
    .replace(/^_/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label of an element's input on screen: the table's, else its name in words. */
export function labelFor(el: ElementNode): string {
  return FIELDS[el.id]?.label ?? FIELDS[el.path]?.label ?? capitalize(words(el.name));
}

/** The path's segments without indexes: `ImagingStudy.series[2].uid` -> [ImagingStudy, series, uid]. */
function segments(path: string): string[] {
  return path.replace(/\[\d+\]/g, '').split('.');
}

/**
 * The longest labelled prefix of `parts` plus the rest in words. The resource itself does not
 * count as a prefix ("Meta", not "Imaging study meta").
 */
function fromPrefix(parts: string[]): string | undefined {
  for (let n = parts.length; n > 0; n--) {
    const field = FIELDS[parts.slice(0, n).join('.')];
    if (field === undefined) continue;
    const rest = parts.slice(n).map(words);
    if (rest.length === 0) return field.label;
    return n === 1 ? capitalize(rest.join(' ')) : `${field.label} ${rest.join(' ')}`;
  }
  return undefined;
}

/**
 * The name of the element with snapshot id `elementId` at indexed path `path`, for messages: the label on
 * screen, or for an element the form does not show, its nearest labelled ancestor plus its own name in words
 * ("Subject reference", "Identifier system"). `elementId` may come from a base datatype (`Reference.reference`);
 * then the path decides.
 */
export function fieldLabel(elementId: string, path: string): string {
  const parts = segments(path);
  // A choice's concrete key (valueBoolean) is named after the element (value).
  if (elementId.endsWith('[x]') && parts.length > 0)
    parts[parts.length - 1] = elementId.slice(elementId.lastIndexOf('.') + 1);
  return fromPrefix(elementId.split('.')) ?? fromPrefix(parts) ?? capitalize(words(parts[parts.length - 1] ?? path));
}

/** The "what to enter" hint of a required element, if the table has one. */
export function fieldHint(elementId: string): string | undefined {
  return FIELDS[elementId]?.hint;
}

/** The section and order of the optional elements that a section shows, by element path. */
export function sectionFields(section: FieldSection): { path: string; order: number }[] {
  return Object.entries(FIELDS)
    .filter(([, spec]) => spec.section === section)
    .map(([path, spec]) => ({ path, order: spec.order ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.order - b.order);
}

export {
  ACCESSION_ENTRY,
  IDENTIFIER_ENTRIES,
  isIdentifierEntry,
  STUDY_UID_ENTRY,
  type IdentifierEntry,
} from './identifiers';

/** The label of an element on screen, by snapshot element id (for lists that name fields, e.g. the import review). */
export function labelOf(elementId: string): string {
  return fieldLabel(elementId, elementId);
}
