/**
 * Looks up the Study Instance UID of a new study while it is typed, so that a study that already exists is
 * pointed out before the first save (the save checks again, and its conditional create is the last guard).
 */
import { useCallback, useRef, useState } from 'react';
import type { ImagingStudy } from 'fhir/r4';
import type { EditorSnapshot } from '../form';
import { findStudyByUid } from '../fhir/requests';
import type { FhirSession } from '../fhir/session';
import { isValidUid } from '../kernel/uid-syntax';
import { studyUidOf } from '../study/study-uid';

export interface ExistingStudyLookup {
  /** The study on the server with the UID the form shows, if any. */
  existing?: ImagingStudy;
  /** Pass each editor state; a changed, well-formed UID is looked up. */
  check: (snapshot: EditorSnapshot) => void;
}

/** Looks up UIDs only while `active` (a new study). A failed lookup shows nothing: the save checks again. */
export function useExistingStudy(session: FhirSession, active: boolean): ExistingStudyLookup {
  const [found, setFound] = useState<{ uid: string; study: ImagingStudy } | undefined>();
  const [shown, setShown] = useState<string | undefined>();
  const current = useRef<string | undefined>(undefined);

  const check = useCallback(
    (snapshot: EditorSnapshot) => {
      if (!active) return;
      const uid = studyUidOf(snapshot.study);
      if (uid === current.current) return;
      current.current = uid;
      setShown(uid);
      if (!uid || !isValidUid(uid)) return;
      findStudyByUid(session, uid).then(
        (study) => {
          if (current.current === uid) setFound(study ? { uid, study } : undefined);
        },
        () => undefined,
      );
    },
    [session, active],
  );

  const existing = active && found && found.uid === shown ? found.study : undefined;
  return { existing, check };
}
