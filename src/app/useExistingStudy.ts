/**
 * Looks up the Study Instance UID of a new study while it is edited, so that a study that already exists is pointed
 * out before the first save. The save reuses a recent answer "no study has this UID" (see study-uid-lookup.ts) and
 * asks itself otherwise; its conditional create is the last guard.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImagingStudy } from 'fhir/r4';
import type { EditorSnapshot } from '../form';
import { lookUpStudyUid, UID_ANSWER_FRESH_MS } from '../fhir/study-uid-lookup';
import type { FhirSession } from '../fhir/session';
import { isValidUid } from '../kernel/uid-syntax';
import { studyUidOf } from '../study/study-uid';

export interface ExistingStudyLookup {
  /** The study on the server with the UID the form shows, if any. */
  existing?: ImagingStudy;
  /** Pass each editor state; a changed, well-formed UID is looked up (and looked up again while edits go on). */
  check: (snapshot: EditorSnapshot) => void;
}

/**
 * While edits go on, an answer older than this is asked again, so that the save finds one younger than
 * UID_ANSWER_FRESH_MS and need not ask itself.
 */
const REFRESH_AFTER_MS = UID_ANSWER_FRESH_MS / 2;

/** Looks up UIDs only while `active` (a new study). A failed lookup shows nothing: the save checks again. */
export function useExistingStudy(session: FhirSession, active: boolean): ExistingStudyLookup {
  const [found, setFound] = useState<{ uid: string; study: ImagingStudy } | undefined>();
  const [shown, setShown] = useState<string | undefined>();
  const current = useRef<string | undefined>(undefined);
  const asked = useRef<Promise<ImagingStudy | undefined> | undefined>(undefined);

  const check = useCallback(
    (snapshot: EditorSnapshot) => {
      if (!active) return;
      const uid = studyUidOf(snapshot.study);
      if (uid !== current.current) {
        current.current = uid;
        asked.current = undefined;
        setShown(uid);
      }
      if (!uid || !isValidUid(uid)) return;
      const answer = lookUpStudyUid(session, uid, REFRESH_AFTER_MS);
      if (answer === asked.current) return;
      asked.current = answer;
      answer.then(
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
