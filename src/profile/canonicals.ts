/**
 * The canonical URLs and the DICOM identifier system of the IMR profiles, in a module of their own with no
 * generated JSON behind it, so the launch page and the study list can use them without loading the profiles.
 */
export const IMR_IMAGINGSTUDY_URL = 'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy';
export const IMAGING_STUDY_ENDPOINT_URL = 'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imaging-study-endpoint';
/** The identifier system of the studyUID slice (its pattern in the IMR profile). */
export const DICOM_UID_SYSTEM = 'urn:dicom:uid';
