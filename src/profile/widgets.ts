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
  | 'dicom-uid'
  /** A series' body site, picked from DICOM CID 4031 (lazily loaded). */
  | 'anatomic-region'
  /** A series' laterality, picked from DICOM CID 244 (lazily loaded). */
  | 'laterality'
  /** Coded concepts the patient's orders carry (procedure, reason), or free text. */
  | 'order-concepts'
  /** A Practitioner found on the server by name. */
  | 'practitioner-reference';
