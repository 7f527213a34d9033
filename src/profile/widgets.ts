/**
 * Widgets the profile needs beyond a plain datatype input. Every other element gets the widget of its datatype
 * (decided by the form's dispatcher).
 */
export type ProfileWidget =
  | 'study-uid'
  | 'accession'
  | 'patient-reference'
  | 'encounter-reference'
  | 'computed-count'
  | 'sop-class'
  | 'dicom-uid';
