/**
 * Looks up the accession number of the open study once it has settled, so that another study with the same number
 * is pointed out (departments differ on whether one order may yield two studies, so it is a warning, never an error).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Identifier, ImagingStudy } from 'fhir/r4';
import type { EditorSnapshot } from '../form';
import { findStudiesByIdentifier } from '../fhir/requests';
import { shProblem } from '../kernel/dicom-vr';
import type { FhirSession } from '../fhir/session';
import { accessionOf as accessionIdentifier } from '../profile/identifiers';

/** How long the number must stay unchanged before it is looked up: a typist's pause, not every keystroke. */
const SETTLE_MS = 600;

export interface AccessionDuplicates {
  /** The accession number the studies were found for, and the other studies that carry it. */
  found?: { value: string; studies: ImagingStudy[] };
  /** Pass each editor state. */
  check: (snapshot: EditorSnapshot) => void;
}

function accessionOf(study: ImagingStudy): Identifier | undefined {
  const entry = accessionIdentifier(study.identifier);
  return entry?.system && entry.value ? entry : undefined;
}

/** `studyId` is the open study's own id (it is not its own duplicate). A failed lookup shows nothing. */
export function useAccessionDuplicates(session: FhirSession, studyId: string | undefined): AccessionDuplicates {
  const [found, setFound] = useState<AccessionDuplicates['found']>();
  const current = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const check = useCallback(
    (snapshot: EditorSnapshot) => {
      const accession = accessionOf(snapshot.study);
      const key = accession ? `${accession.system}|${accession.value}` : undefined;
      if (key === current.current) return;
      current.current = key;
      clearTimeout(timer.current);
      // A number DICOM would not accept (too long, a backslash...) is flagged at the field and not looked up.
      if (!accession?.system || !accession.value || shProblem(accession.value) !== undefined)
        return setFound(undefined);
      const { system, value } = accession;
      timer.current = setTimeout(() => {
        findStudiesByIdentifier(session, system, value).then(
          (studies) => {
            if (current.current !== key) return;
            const others = studies.filter((s) => s.id !== studyId);
            setFound(others.length > 0 ? { value, studies: others } : undefined);
          },
          () => undefined,
        );
      }, SETTLE_MS);
    },
    [session, studyId],
  );
  return { ...(found ? { found } : {}), check };
}
