/**
 * Canonical URLs of the IMR profiles and the code systems the app writes, in a module of its own with no
 * generated JSON behind it, so the launch page and the study list can use them without loading the profiles.
 * The one product module that spells the IMR canonical base.
 */
const IMR_BASE = 'https://profiles.ihe.net/RAD/IMR';

export const IMR_IMAGINGSTUDY_URL = `${IMR_BASE}/StructureDefinition/imr-imagingstudy`;
export const IMAGING_STUDY_ENDPOINT_URL = `${IMR_BASE}/StructureDefinition/imaging-study-endpoint`;
/** The value set bound to the ImagingStudyEndpoint's connectionType. */
export const CONNECTION_TYPE_VS = `${IMR_BASE}/ValueSet/imaging-study-endpoint-connectiontype-vs`;

/** The identifier system of the studyUID slice (its pattern in the IMR profile). */
export const DICOM_UID_SYSTEM = 'urn:dicom:uid';
/** The system of a SOP class Coding: the code is the SOP class UID as an OID URI (the R4 ImagingStudy convention). */
export const SOP_CLASS_SYSTEM = 'urn:ietf:rfc:3986';
/** DICOM Controlled Terminology (PS3.16). */
export const DCM_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const LOINC_SYSTEM = 'http://loinc.org';
/** HL7 v2 table 0203, identifier types (MR, ACSN, ...). */
export const V2_0203_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const ENDPOINT_CONNECTION_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type';
