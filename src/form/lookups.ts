/**
 * What the coded pickers look up beyond the editor's own props, provided by the page around the editor (like the
 * order source): the codes the patient's orders carry, and a search of the server's Practitioners. The editor works
 * without them: the pickers then offer free text and codes, and the referrer picker says why it cannot search.
 */
import type { CodeableConcept, Practitioner } from 'fhir/r4';
import { createContext, useContext } from 'react';

/** The coded procedures and reasons of the patient's orders, each list without repeats. */
export interface OrderConcepts {
  procedureCode: CodeableConcept[];
  reasonCode: CodeableConcept[];
}

export interface EditorLookups {
  /** The orders' concepts; rejects when the orders cannot be loaded. Absent: the orders cannot be listed. */
  orderConcepts?: () => Promise<OrderConcepts>;
  /** Practitioners whose name contains the text. Absent: the referrer cannot be searched. */
  searchPractitioners?: (text: string) => Promise<Practitioner[]>;
  /** Why Practitioners cannot be searched (a missing permission, in plain words). */
  practitionersUnavailable?: string;
}

export const EditorLookupsContext = createContext<EditorLookups>({});

export function useEditorLookups(): EditorLookups {
  return useContext(EditorLookupsContext);
}
