/** Stable accessible names for the inputs (end-to-end tests and assistive technology rely on them). */
import type { ElementNode } from '../profile/model';

const LABELS: Record<string, string> = {
  'ImagingStudy.identifier': 'Study Instance UID',
  'ImagingStudy.status': 'Status',
  'ImagingStudy.modality': 'Modality',
  'ImagingStudy.subject': 'Subject',
  'ImagingStudy.started': 'Started',
  'ImagingStudy.endpoint': 'Endpoint',
  'ImagingStudy.description': 'Description',
  'ImagingStudy.procedureCode': 'Study type',
  'ImagingStudy.reasonCode': 'Reason',
  'ImagingStudy.referrer': 'Referrer',
  'ImagingStudy.numberOfSeries': 'Number of series',
  'ImagingStudy.numberOfInstances': 'Number of instances',
  'ImagingStudy.series': 'Series',
  'ImagingStudy.series.uid': 'Series Instance UID',
  'ImagingStudy.series.number': 'Series number',
  'ImagingStudy.series.modality': 'Series modality',
  'ImagingStudy.series.description': 'Series description',
  'ImagingStudy.series.bodySite': 'Body site',
  'ImagingStudy.series.laterality': 'Laterality',
  'ImagingStudy.series.started': 'Series started',
  'ImagingStudy.series.numberOfInstances': 'Number of instances in series',
  'ImagingStudy.series.instance': 'Instances',
  'ImagingStudy.series.instance.uid': 'SOP Instance UID',
  'ImagingStudy.series.instance.sopClass': 'SOP class',
  'ImagingStudy.series.instance.number': 'Instance number',
  'ImagingStudy.series.instance.title': 'Instance title',
};

/** `numberOfSeries` -> `Number of series`. */
function humanize(name: string): string {
  const words = name.replace(/\[x\]$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** The label of an element's input. The identifier slice is labelled after its value (the UID). */
export function labelFor(el: ElementNode): string {
  if (el.path === 'ImagingStudy.identifier' && el.sliceName === undefined) return 'Identifier';
  return LABELS[el.path] ?? humanize(el.name);
}
