/**
 * Field names for messages: what a radiographer sees on the form, not FHIR element paths.
 *
 * Looked up by element id (which carries slice names, e.g. `ImagingStudy.identifier:studyUID.value`)
 * and then by the path without indexes; an unlabelled element is named after its nearest
 * labelled ancestor plus its own name in words ("Patient reference", "Identifier system").
 */

interface FieldText {
  label: string;
  /** What to enter, for "is required" messages. */
  hint?: string;
}

const FIELDS: Record<string, FieldText> = {
  ImagingStudy: { label: 'Imaging study' },
  'ImagingStudy.id': { label: 'Resource id' },
  'ImagingStudy.identifier': { label: 'Identifier' },
  'ImagingStudy.identifier:studyUID': {
    label: 'Study Instance UID',
    hint: 'add an identifier with system urn:dicom:uid and the study UID as value (e.g. urn:oid:1.2.840.113619.2.55.3)',
  },
  'ImagingStudy.identifier:studyUID.value': {
    label: 'Study Instance UID',
    hint: 'enter the DICOM Study Instance UID (e.g. urn:oid:1.2.840.113619.2.55.3)',
  },
  'ImagingStudy.identifier:studyUID.system': { label: 'Study Instance UID system', hint: 'use urn:dicom:uid' },
  'ImagingStudy.status': { label: 'Status', hint: 'choose the study status (e.g. available)' },
  'ImagingStudy.modality': { label: 'Modality', hint: 'choose at least one modality (e.g. CT)' },
  'ImagingStudy.subject': { label: 'Patient', hint: 'choose the patient the study belongs to (e.g. Patient/123)' },
  'ImagingStudy.encounter': { label: 'Encounter' },
  'ImagingStudy.started': {
    label: 'Started',
    hint: 'enter the date and time the study started (e.g. 2024-05-01T14:30:00+02:00)',
  },
  'ImagingStudy.basedOn': { label: 'Based on' },
  'ImagingStudy.referrer': { label: 'Referring physician' },
  'ImagingStudy.interpreter': { label: 'Interpreter' },
  'ImagingStudy.endpoint': {
    label: 'Endpoint',
    hint: 'add the endpoint (e.g. the DICOMweb service) from which the study can be retrieved',
  },
  'ImagingStudy.numberOfSeries': { label: 'Number of series' },
  'ImagingStudy.numberOfInstances': { label: 'Number of instances' },
  'ImagingStudy.procedureReference': { label: 'Procedure' },
  'ImagingStudy.procedureCode': { label: 'Procedure code' },
  'ImagingStudy.location': { label: 'Location' },
  'ImagingStudy.reasonCode': { label: 'Reason' },
  'ImagingStudy.reasonReference': { label: 'Reason' },
  'ImagingStudy.note': { label: 'Note' },
  'ImagingStudy.description': { label: 'Study description' },
  'ImagingStudy.contained': { label: 'Contained resource' },
  'ImagingStudy.series': { label: 'Series' },
  'ImagingStudy.series.uid': {
    label: 'Series Instance UID',
    hint: 'enter the DICOM Series Instance UID (e.g. 1.2.3.4.5.1)',
  },
  'ImagingStudy.series.number': { label: 'Series number' },
  'ImagingStudy.series.modality': { label: 'Series modality', hint: 'choose the modality of the series (e.g. CT)' },
  'ImagingStudy.series.description': { label: 'Series description' },
  'ImagingStudy.series.numberOfInstances': { label: 'Number of instances in the series' },
  'ImagingStudy.series.endpoint': { label: 'Series endpoint' },
  'ImagingStudy.series.bodySite': { label: 'Body site' },
  'ImagingStudy.series.laterality': { label: 'Laterality' },
  'ImagingStudy.series.specimen': { label: 'Specimen' },
  'ImagingStudy.series.started': { label: 'Series started' },
  'ImagingStudy.series.performer': { label: 'Performer' },
  'ImagingStudy.series.performer.function': { label: 'Performer role' },
  'ImagingStudy.series.performer.actor': { label: 'Performer', hint: 'choose who performed the series' },
  'ImagingStudy.series.instance': { label: 'Instance' },
  'ImagingStudy.series.instance.uid': {
    label: 'SOP Instance UID',
    hint: 'enter the DICOM SOP Instance UID (e.g. 1.2.3.4.5.1.1)',
  },
  'ImagingStudy.series.instance.sopClass': {
    label: 'SOP Class',
    hint: 'enter the DICOM SOP Class (e.g. urn:oid:1.2.840.10008.5.1.4.1.1.2 for CT Image Storage)',
  },
  'ImagingStudy.series.instance.number': { label: 'Instance number' },
  'ImagingStudy.series.instance.title': { label: 'Instance title' },
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
 * The form label of the element with snapshot id `elementId` at indexed path `path`.
 * `elementId` may come from a base datatype (`Reference.reference`); then the path decides.
 */
export function fieldLabel(elementId: string, path: string): string {
  const parts = segments(path);
  // A choice's concrete key (valueBoolean) is named after the element (value).
  if (elementId.endsWith('[x]') && parts.length > 0)
    parts[parts.length - 1] = elementId.slice(elementId.lastIndexOf('.') + 1);
  return fromPrefix(elementId.split('.')) ?? fromPrefix(parts) ?? capitalize(words(parts[parts.length - 1] ?? path));
}

/** The "what to enter" hint of a required element, if the form has one. */
export function fieldHint(elementId: string): string | undefined {
  return FIELDS[elementId]?.hint;
}
