/** What inputs need from the editor besides their own value: value sets, the patient, endpoints. */
import { createContext, useContext, type ComponentType } from 'react';
import type { Endpoint, OperationOutcome, Patient, Reference } from 'fhir/r4';
import type { ValueSetModel } from '../profile/model';
import type { Validator } from './ports';

/**
 * Features the app plugs into the editor (the DICOM import slice): the form renders them where they belong but never
 * imports them, so the import stays a slice of its own above the form.
 */
export interface EditorAddOns {
  /** The order the study is performed for, heading the form. */
  OrderPicker?: ComponentType;
  /** The drop zone and buttons that start a DICOM import, above the study fields. */
  ImportBar?: ComponentType;
  /** Under the endpoint picker: checks that the chosen endpoints serve the study. */
  EndpointChecks?: ComponentType<{ references: readonly Reference[] }>;
}

export interface EditorContextValue {
  addOns: EditorAddOns;
  valueSet(url: string | undefined): ValueSetModel | undefined;
  validator: Validator;
  /** Validates an Endpoint against the Imaging Study Endpoint profile. */
  validateEndpoint: (resource: unknown) => OperationOutcome;
  patient: Patient;
  readOnly: boolean;
  /** Why new Endpoints cannot be created (a missing permission); undefined when they can. */
  cannotCreateEndpoint?: string;
  /** The words for an encounter reference (its class and period), or why they cannot be shown. */
  describeEncounter?: (reference: string) => Promise<string>;
  /** The site's accession number namespace for this FHIR server (smart-config.json), if configured. */
  accessionSystem?: string;
  searchEndpoints: (text: string) => Promise<Endpoint[]>;
  /** Endpoints created inline, by their `urn:uuid:` reference. */
  newEndpoints: ReadonlyMap<string, Endpoint>;
  addNewEndpoint(reference: string, endpoint: Endpoint): void;
  /** Scrolls a virtualised row into view (if needed) and focuses the field. */
  focusField(name: string): void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

/**
 * What the UID inputs need of the study as the server has it. A context of its own: when a new study is saved it
 * changes, and only the UID inputs render again (not every input of the form).
 */
export interface StoredStudyValue {
  /**
   * The bare UIDs (study, series, instances) of the study as the server has it: the images in the PACS carry them, so
   * they are not regenerated and a hand edit asks first. Empty for a new study.
   */
  storedUids: Pick<ReadonlySet<string>, 'has'>;
  /** Whether the study is on the server (its UID is then fixed: no Generate). */
  storedStudy: boolean;
}

const NOT_STORED: StoredStudyValue = { storedUids: new Set(), storedStudy: false };

export const StoredStudyContext = createContext<StoredStudyValue>(NOT_STORED);

/** The stored study's UIDs (none outside an editor of a stored study). */
export function useStoredStudy(): StoredStudyValue {
  return useContext(StoredStudyContext);
}

/** The editor context; inputs are only rendered inside `StudyEditor`. */
export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside StudyEditor');
  return value;
}
