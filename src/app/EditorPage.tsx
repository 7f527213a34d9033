import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, CircularProgress, Link, Typography } from '@mui/material';
import type { ImagingStudy, OperationOutcome, Patient } from 'fhir/r4';
import { loadImrRegistry } from '../profile';
import { imrValidator, loadFhirpath } from '../validation/api';
import {
  EditorLookupsContext,
  lazyModule,
  StudyEditor,
  whenIdle,
  type EditorSnapshot,
  type InlineEndpoint,
  type SaveReport,
} from '../form';
import { IMPORT_ADD_ONS, OrderSourceContext } from '../import';
import { encounterDescriber } from './encounter';
import { editorLookups } from './lookups';
import { orderSource } from './orders';
import type { FhirSession } from '../fhir/session';
import { makeIssue, outcomeMessages, outcomeOf } from '../kernel/outcome';
import { toOperationOutcome } from '../fhir/outcome';
import type { SaveInput, SaveResult } from '../fhir/save';
import { endpointRestriction, saveRestriction } from './access';
import { ConflictDialog } from './ConflictDialog';
import { DraftPrompt } from './DraftPrompt';
import { dropDraft, draftKey, type Draft } from './drafts';
import {
  AccessionDuplicateAlert,
  ExistingStudyAlert,
  NoticeAlert,
  SessionEndedAlert,
  type Notice,
} from './EditorNotices';
import { useAccessionDuplicates } from './useAccessionDuplicates';
import { LeaveDialog } from './LeaveDialog';
import { replaceRoute, routeHref } from './router';
import { loadStudyDraft, useDraftAutosave, type StudyDraft } from './useDraftAutosave';
import { useExistingStudy } from './useExistingStudy';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

interface EditorPageProps {
  session: FhirSession;
  patient: Patient;
  /** Undefined for a new study. */
  studyId?: string;
  /** For a new study: the order it is performed for (a launch for an order), linked as soon as it is loaded. */
  orderId?: string;
  /** The accession number namespace configured for this FHIR server; new accession numbers get it as their system. */
  accessionSystem?: string;
}

/**
 * The page's state for the study whose draft key is `key` (or `alias`: a new study just saved keeps its editor while
 * the address changes to it); for any other study the page is loading.
 */
type Phase = { key: string; alias?: string } & (
  | { status: 'loading' }
  | { status: 'failed'; messages: string[] }
  | { status: 'offer'; draft: Draft<StudyDraft>; server?: ImagingStudy }
  | { status: 'editing' }
);

/** What the editor is mounted with; `generation` remounts it. */
interface Editing {
  /** The server version the edits are against; undefined for a new study. */
  original?: ImagingStudy;
  /** What the form starts from: the original, a restored draft, or a rebased version after a conflict. */
  initial?: ImagingStudy;
  newEndpoints: InlineEndpoint[];
  generation: number;
}

type Conflict = Extract<SaveResult, { kind: 'conflict' }> & { newEndpoints: InlineEndpoint[] };

const STUDY_UID_FIELD = 'ImagingStudy.identifier[0].value';

/**
 * The save layer (transaction or separate requests, diff and merge, Provenance, retries), in a chunk of its own:
 * showing the editor does not need it. The page fetches it once it is idle, well before anyone saves; a save that
 * comes first waits for it under its "Saving…" status.
 */
const saveLayer = lazyModule(() => import('../fhir/save'));

const SESSION_ENDED = (outcome: OperationOutcome) => outcome.issue.some((i) => i.code === 'login');

/** A save whose code could not be loaded (the app's server is unreachable): nothing was sent, trying again may help. */
const SAVE_LAYER_MISSING: SaveResult = {
  kind: 'failed',
  outcome: outcomeOf(
    makeIssue(
      'error',
      'transient',
      'The app could not load what it needs to save. Check the network connection and save again.',
    ),
  ),
  retryable: true,
};

/**
 * The study editor page: loads the study (or starts a new one), offers a draft left in this tab, autosaves a draft
 * while editing, saves through the save layer and handles what a save can come to: an edit conflict (dialog), an
 * existing study with the same UID, an ended session (relaunch), or a failure (the draft stays).
 */
export default function EditorPage({ session, patient, studyId, orderId, accessionSystem }: EditorPageProps) {
  const registry = useMemo(() => loadImrRegistry(), []);
  const validator = useMemo(() => imrValidator(), []);
  // fhirpath.js (FHIRPath invariants) is not needed to show the form: fetch it once the editor is up and the page is
  // idle, so that evaluating its megabyte of code does not hold up the form's first paint.
  // Should it fail to load, invariants stay unchecked here; the FHIR server still validates on save.
  useEffect(() => whenIdle(loadFhirpath), []);
  useEffect(() => whenIdle(saveLayer.load), []);
  const save = useCallback(
    async (input: SaveInput): Promise<SaveResult> => {
      let layer: typeof import('../fhir/save');
      try {
        layer = await saveLayer.load();
      } catch {
        return SAVE_LAYER_MISSING;
      }
      return layer.saveStudy(session, input, { validate: (study) => validator.validate(study).issue });
    },
    [session, validator],
  );
  const { iss, patientId, grantedScopes } = session.context;
  const describeEncounter = useMemo(() => encounterDescriber(session), [session]);
  const { encounterId } = session.context;
  // A new study is performed in the launch's encounter (the user may remove it); existing studies keep theirs.
  const newStudy = useMemo(
    () => (encounterId ? { encounter: { reference: `Encounter/${encounterId}` } } : undefined),
    [encounterId],
  );
  const orders = useMemo(() => orderSource(session, orderId), [session, orderId]);
  const lookups = useMemo(() => editorLookups(session, orders), [session, orders]);
  const key = draftKey({ iss, patientId, studyId });

  const [shown, setPhase] = useState<Phase>({ key: '', status: 'loading' });
  const phase: Phase = shown.key === key || shown.alias === key ? shown : { key, status: 'loading' };
  const [editing, setEditing] = useState<Editing>({ newEndpoints: [], generation: 0 });
  const [notice, setNotice] = useState<Notice | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [overwriting, setOverwriting] = useState(false);
  const [sessionEnded, setSessionEnded] = useState(false);
  const openedId = useRef<string | undefined>(undefined);

  const isNew = !editing.original;
  const lookup = useExistingStudy(session, phase.status === 'editing' && isNew);
  const accession = useAccessionDuplicates(session, editing.original?.id);
  const { check: checkUid } = lookup;
  const { check: checkAccession } = accession;
  const check = useCallback(
    (snapshot: EditorSnapshot) => {
      checkUid(snapshot);
      checkAccession(snapshot);
    },
    [checkUid, checkAccession],
  );
  const autosave = useDraftAutosave(key, check);
  const guard = useUnsavedChangesGuard(autosave.isDirty);
  const { restart } = autosave;

  const startEditing = useCallback(
    (next: Omit<Editing, 'generation'>, unsaved?: StudyDraft) => {
      restart({ base: next.original, unsaved });
      openedId.current = next.original?.id;
      setEditing((prev) => ({ ...next, generation: prev.generation + 1 }));
      setPhase({ key: draftKey({ iss, patientId, studyId: next.original?.id }), status: 'editing' });
    },
    [restart, iss, patientId],
  );

  // A layout effect: a new study (or a draft to offer) is known at once, so the first frame shows it rather than a
  // "Loading" status that one more render replaces.
  useLayoutEffect(() => {
    // A study this page has just created needs no second read when the address changes to it.
    if (studyId !== undefined && studyId === openedId.current) return;
    let live = true;
    const open = (server: ImagingStudy | undefined) => {
      if (!live) return;
      const draft = loadStudyDraft(key);
      if (draft) setPhase({ key, status: 'offer', draft, server });
      else startEditing({ original: server, initial: server, newEndpoints: [] });
    };
    if (studyId === undefined) {
      open(undefined);
    } else {
      session.readStudy(studyId).then(open, async (err: unknown) => {
        const messages = outcomeMessages(await toOperationOutcome(err));
        if (live) setPhase({ key, status: 'failed', messages });
      });
    }
    return () => {
      live = false;
    };
  }, [session, studyId, key, startEditing]);

  /**
   * A study saved from the editor: the page now edits the server's version, in the same editor (no remount, so open
   * sections stay open and the save result keeps the focus beside Save).
   */
  const savedInPlace = useCallback(
    (study: ImagingStudy) => {
      autosave.drop();
      restart({ base: study });
      openedId.current = study.id;
      setEditing((prev) => ({ original: study, initial: study, newEndpoints: [], generation: prev.generation }));
      setPhase({ key: draftKey({ iss, patientId, studyId: study.id }), alias: key, status: 'editing' });
    },
    [autosave, restart, iss, patientId, key],
  );

  /** Turns a save's result into the page's state; returns what the editor should show at its fields. */
  const settle = useCallback(
    (
      result: SaveResult,
      newEndpoints: InlineEndpoint[],
      wasNew: boolean,
      inEditor = true,
    ): OperationOutcome | SaveReport => {
      switch (result.kind) {
        case 'saved': {
          const warnings = result.outcome ? ` ${outcomeMessages(result.outcome).join(' ')}` : '';
          const text = `The imaging study was saved.${warnings}`;
          if (inEditor) savedInPlace(result.study);
          else {
            // Saved from the conflict dialog: the editor still shows the edits of before, so it starts again.
            autosave.drop();
            setNotice({ severity: warnings ? 'warning' : 'success', text });
            startEditing({ original: result.study, initial: result.study, newEndpoints: [] });
          }
          // The address now names the saved study, so a reload opens it for editing. In the editor, once it has taken
          // the saved study in: the new address and heading then render together with the editor's changes.
          const id = result.study.id;
          const rename = wasNew && id ? () => replaceRoute({ page: 'study', id }) : undefined;
          if (!inEditor) rename?.();
          return {
            saved: result.study,
            message: text,
            severity: warnings ? 'warning' : 'success',
            ...(inEditor && rename ? { onShown: rename } : {}),
          };
        }
        case 'duplicate':
          return outcomeOf(
            makeIssue(
              'error',
              'duplicate',
              'A study with this Study Instance UID already exists on the server. Open it instead, or use another UID.',
              STUDY_UID_FIELD,
            ),
          );
        case 'conflict':
          setConflict({ ...result, newEndpoints });
          return outcomeOf(
            makeIssue(
              'error',
              'conflict',
              'Not saved yet: someone else changed this study on the server. Choose how to go on; your changes are still here.',
            ),
          );
        case 'failed':
          if (SESSION_ENDED(result.outcome)) setSessionEnded(true);
          else
            setNotice({ severity: 'error', text: 'Not saved. Your changes are kept as a draft in this browser tab.' });
          return result.outcome;
      }
    },
    [savedInPlace, autosave, startEditing],
  );

  const onSave = useCallback(
    async (study: ImagingStudy, newEndpoints: InlineEndpoint[]): Promise<OperationOutcome | SaveReport> => {
      autosave.flush();
      setNotice(undefined);
      const result = await save({ original: editing.original, study, newEndpoints });
      if (result.kind === 'duplicate') setNotice(undefined);
      return settle(result, newEndpoints, !editing.original);
    },
    [autosave, save, editing.original, settle],
  );

  const reloadKeepingMine = (): void => {
    if (!conflict) return;
    const { server, rebased, newEndpoints } = conflict;
    setConflict(undefined);
    startEditing({ original: server, initial: rebased, newEndpoints }, { study: rebased, newEndpoints, base: server });
    setNotice({
      severity: 'info',
      text: "The form now shows the server's current version with your changes applied again. Check it, then save.",
    });
  };

  const overwrite = async (): Promise<void> => {
    if (!conflict) return;
    const { server, mine, newEndpoints } = conflict;
    setOverwriting(true);
    const result = await save({ original: server, study: mine, newEndpoints });
    setOverwriting(false);
    setConflict(undefined);
    const outcome = settle(result, newEndpoints, false, false);
    if (result.kind !== 'saved' && result.kind !== 'conflict' && 'issue' in outcome) {
      setNotice({ severity: 'error', text: `Not saved. ${outcomeMessages(outcome).join(' ')}` });
    }
  };

  const relaunch = (): void => {
    autosave.flush();
    guard.allowUnload();
    window.location.assign(`launch.html?iss=${encodeURIComponent(iss)}`);
  };

  if (phase.status === 'loading') {
    return (
      <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <CircularProgress size={24} aria-hidden />
        <Typography>Loading the imaging study…</Typography>
      </Box>
    );
  }
  if (phase.status === 'failed') {
    return (
      <Alert severity="error" role="alert">
        The imaging study could not be opened. {phase.messages.join(' ')}
      </Alert>
    );
  }

  const cannotSave = saveRestriction(grantedScopes, isNew);
  return (
    <>
      {/* An in-app link: the unsaved-changes guard asks before it leaves edits behind. */}
      <Link href={routeHref({ page: 'studies' })} sx={{ display: 'inline-block', mb: 1 }}>
        Back to studies
      </Link>
      <Typography variant="h5" component="h2" gutterBottom>
        {studyId ? 'Edit imaging study' : 'New imaging study'}
      </Typography>
      {phase.status === 'offer' ? (
        <DraftPrompt
          savedAt={phase.draft.savedAt}
          isNew={!phase.server}
          serverChanged={!!phase.server && phase.draft.value.base?.meta?.versionId !== phase.server.meta?.versionId}
          onRestore={() => {
            const { study, newEndpoints, base } = phase.draft.value;
            startEditing({ original: base ?? phase.server, initial: study, newEndpoints }, phase.draft.value);
          }}
          onDiscard={() => {
            dropDraft(key);
            startEditing({ original: phase.server, initial: phase.server, newEndpoints: [] });
          }}
        />
      ) : (
        <>
          {cannotSave && (
            <Alert severity="info" sx={{ mb: 2 }}>
              You can view this study but not save it. {cannotSave}
            </Alert>
          )}
          {sessionEnded && <SessionEndedAlert onRelaunch={relaunch} />}
          {notice && <NoticeAlert notice={notice} />}
          {lookup.existing && <ExistingStudyAlert study={lookup.existing} />}
          {accession.found && <AccessionDuplicateAlert {...accession.found} />}
          <OrderSourceContext.Provider value={orders}>
            <EditorLookupsContext.Provider value={lookups}>
              <StudyEditor
                key={editing.generation}
                registry={registry}
                validator={validator}
                initial={editing.initial}
                {...(editing.original ? { stored: editing.original } : {})}
                initialNewEndpoints={editing.newEndpoints}
                patient={patient}
                searchEndpoints={session.searchEndpoints}
                onSave={onSave}
                onEdit={autosave.onEdit}
                readOnly={!!cannotSave}
                cannotCreateEndpoint={endpointRestriction(grantedScopes)}
                addOns={IMPORT_ADD_ONS}
                describeEncounter={describeEncounter}
                {...(newStudy ? { newStudy } : {})}
                {...(accessionSystem === undefined ? {} : { accessionSystem })}
              />
            </EditorLookupsContext.Provider>
          </OrderSourceContext.Provider>
        </>
      )}
      {conflict && (
        <ConflictDialog
          diff={conflict.diff}
          busy={overwriting}
          onReload={reloadKeepingMine}
          onOverwrite={() => void overwrite()}
          onClose={() => setConflict(undefined)}
        />
      )}
      {guard.pendingHref !== undefined && (
        <LeaveDialog
          onLeave={() => {
            autosave.flush();
            guard.leave();
          }}
          onStay={guard.stay}
        />
      )}
    </>
  );
}
