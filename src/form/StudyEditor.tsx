/** The ImagingStudy editor: a form generated from the IMR profile, validated live. */
import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import type { Endpoint, ImagingStudy, OperationOutcome, OperationOutcomeIssue, Patient } from 'fhir/r4';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import {
  EditorContext,
  StoredStudyContext,
  type EditorAddOns,
  type EditorContextValue,
  type StoredStudyValue,
} from './context';
import { FieldList } from './ElementInput';
import { instanceRows } from './InstanceList';
import { FocusBus, rowOf } from './focus';
import { FocusBusContext, useFocusBus } from './focus-context';
import { buildFormModel, type FormField, type FormModel } from './form-model';
import { fieldId } from './inputs/a11y';
import { IssueSummary } from './IssueSummary';
import {
  flattenErrors,
  heldErrors,
  indexInputs,
  REQUIRED_TYPE,
  toFieldErrors,
  toFormIssues,
  type FormIssue,
} from './issues';
import { JsonTab } from './JsonTab';
import { whenIdle } from './lazy-module';
import { ViewTabs, type ViewTab } from './ViewTabs';
import { deepEqual, isRecord } from '../kernel/json';
import { outcomeFromError } from '../kernel/outcome';
import type { ProfileRegistry, Validator } from './ports';
import { studyResolver } from './resolver';
import { SeriesSection } from './SeriesSection';
import { staleNarrativeWarning } from '../study/narrative-status';
import { changedFields, incrementalBuilder, toFormValues, toResource, type StudyFormValues } from '../study/values';
import { studyUidOf } from '../study/study-uid';
import { validateEndpoint } from '../validation/api';

/** An Endpoint created inline: the study refers to it as `{ reference: fullUrl }` (a `urn:uuid:`). */
export interface InlineEndpoint {
  fullUrl: string;
  resource: Endpoint;
}

export interface StudyEditorProps {
  registry: ProfileRegistry;
  validator: Validator;
  initial?: ImagingStudy;
  /** The study as the server has it (undefined for a new one): its UIDs are fixed. */
  stored?: ImagingStudy;
  patient: Patient;
  searchEndpoints: (text: string) => Promise<Endpoint[]>;
  /**
   * Saves the study; `newEndpoints` are the Endpoints created inline that the study refers to by `fullUrl`. Resolves
   * to the problems to show (an OperationOutcome with an error: not saved), or to what was saved.
   */
  onSave: (study: ImagingStudy, newEndpoints: InlineEndpoint[]) => Promise<OperationOutcome | SaveReport | undefined>;
  readOnly?: boolean;
  /** Why new Endpoints cannot be created (a missing permission, in plain words); undefined when they can. */
  cannotCreateEndpoint?: string;
  /** Endpoints created inline earlier (in a restored draft) that `initial` may refer to by `fullUrl`. */
  initialNewEndpoints?: readonly InlineEndpoint[];
  /**
   * Called after every edit with a reader of the editor's state, for drafts and leave warnings. Reading builds the
   * whole resource, so the caller reads at its own pace.
   */
  onEdit?: (read: () => EditorSnapshot) => void;
  /** Features the app plugs in (the DICOM import); the editor works without them. */
  addOns?: EditorAddOns;
  /** The accession number namespace of the launch's FHIR server, from smart-config.json. */
  accessionSystem?: string;
  /** What a new study starts with besides its defaults (the launch's encounter). Ignored with `initial`. */
  newStudy?: Partial<ImagingStudy>;
  /** The words for an encounter reference (class and period), for the Encounter field. */
  describeEncounter?: (reference: string) => Promise<string>;
}

const NO_ADD_ONS: EditorAddOns = {};

const VIEWS: readonly ViewTab<'form' | 'json'>[] = [
  { value: 'form', label: 'Form', id: 'tab-form', panel: 'panel-form' },
  { value: 'json', label: 'FHIR JSON', id: 'tab-json', panel: 'panel-json' },
];

/** A save that succeeded, as the editor shows it beside Save. */
export interface SaveReport {
  /**
   * The study as the server stored it. The editor takes the parts that differ from its values (new Endpoints' ids,
   * `meta`) in place, without remounting: open sections, tabs and series stay as they were.
   */
  saved?: ImagingStudy;
  /** What is announced beside Save; warnings make it a warning. */
  message?: string;
  severity?: 'success' | 'warning';
  /**
   * Called once the editor has taken `saved` in and set its message, in the same task: what the page changes because
   * of the save (its address) then shows in the same render as the editor's changes.
   */
  onShown?: () => void;
}

function isOutcome(result: OperationOutcome | SaveReport | undefined): result is OperationOutcome {
  return result !== undefined && 'resourceType' in result && result.resourceType === 'OperationOutcome';
}

/**
 * Whether the opening issue goes once the field `checked` is validated: an issue in its subtree is checked again, and
 * a required element is filled once anything under it is (`endpoint` when `endpoint.0.reference` is set).
 */
function covers(checked: string, issue: FormIssue): boolean {
  const { name } = issue;
  if (name === undefined) return false;
  return name === checked || name.startsWith(`${checked}.`) || (!!issue.required && checked.startsWith(`${name}.`));
}

/** The fields validated so far (all of them after a full pass). */
class CheckedFields {
  private readonly names = new Set<string>();
  private all = false;
  note(names: readonly string[] | undefined): void {
    if (names) for (const name of names) this.names.add(name);
    else this.all = true;
  }
  get none(): boolean {
    return !this.all && this.names.size === 0;
  }
  /** Whether a validation since covered the issue's field. */
  covers(issue: FormIssue): boolean {
    return this.all || [...this.names].some((n) => covers(n, issue));
  }
}

/** The editor's state at one moment. */
export interface EditorSnapshot {
  study: ImagingStudy;
  /** The inline Endpoints the study refers to. */
  newEndpoints: InlineEndpoint[];
  /** Whether the study differs from the one the editor opened with. */
  dirty: boolean;
}

function referencedEndpoints(study: ImagingStudy, endpoints: ReadonlyMap<string, Endpoint>): InlineEndpoint[] {
  const referenced = new Set((study.endpoint ?? []).map((r) => r.reference));
  return [...endpoints].filter(([ref]) => referenced.has(ref)).map(([fullUrl, resource]) => ({ fullUrl, resource }));
}

/** Tells the one current listener that the form was edited. */
class EditSignal {
  private listener: (() => void) | undefined;
  private checked: ((names: readonly string[] | undefined) => void) | undefined;
  readonly emit = (names?: readonly string[]): void => {
    this.listener?.();
    this.checked?.(names);
  };
  /** Sets who learns which fields each validation checked (undefined: all); returns the cleanup. */
  onChecked(listener: (names: readonly string[] | undefined) => void): () => void {
    this.checked = listener;
    return () => {
      if (this.checked === listener) this.checked = undefined;
    };
  }
  /** Sets the listener; returns the cleanup that removes it. */
  listen(listener: (() => void) | undefined): () => void {
    this.listener = listener;
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }
}

/**
 * The Study fields a new study's editor draws with its first frame: those on its first screen, under the order picker
 * and the DICOM bar (1280x800 window). The fields below them, More details, the series, the issue summary and Save
 * follow at once in a transition: rendered in slices that the user's first keys interrupt, and only appended below, so
 * nothing on screen moves. The whole first frame after "New study" was one task of about 240 ms on a launch.
 *
 * A stored study is drawn whole: its series are what its opening waits for, and in a transition (slices, with the
 * opening validation between them) they came about 1.6 times later.
 */
const FIRST_SCREEN_FIELDS = 3;

/** Whether to draw the whole editor: from the start when `whole`, else right after the first frame. */
function useWholeEditor(whole: boolean): boolean {
  const [rest, setRest] = useState(whole);
  useEffect(() => {
    if (!whole) startTransition(() => setRest(true));
  }, [whole]);
  return rest;
}

/** The "More details" section; opens itself when one of its fields is to be focused. */
function DetailsSection({ fields }: { fields: readonly FormField[] }) {
  const [open, setOpen] = useState(false);
  // Its fields are drawn once the page is idle after the first paint (or when it is opened), not with it.
  const [drawn, setDrawn] = useState(false);
  useEffect(() => whenIdle(() => setDrawn(true), 500), []);
  const bus = useFocusBus();
  useEffect(
    () => bus.listen((name) => fields.some((f) => name.split('.')[0] === f.name) && setOpen(true)),
    [bus, fields],
  );
  if (fields.length === 0) return null;
  // A plain disclosure (WAI-ARIA): a button in the heading that shows and hides the region. MUI's Accordion brought
  // Collapse and its transition into the editor's first load for one section.
  return (
    <Paper variant="outlined" component="section" aria-labelledby="more-details-header">
      <Typography component="h2" variant="h6" sx={{ m: 0 }}>
        <Button
          id="more-details-header"
          aria-expanded={open}
          aria-controls="more-details-content"
          onClick={() => setOpen(!open)}
          color="inherit"
          fullWidth
          sx={{ justifyContent: 'space-between', font: 'inherit', textTransform: 'none', px: 2, py: 1.5 }}
        >
          More details
          <Box component="span" aria-hidden sx={{ transform: open ? 'rotate(180deg)' : undefined }}>
            ▾
          </Box>
        </Button>
      </Typography>
      {/* Once drawn, kept mounted while hidden: its fields stay registered with the form. */}
      <Box id="more-details-content" hidden={!open} sx={{ p: 2, pt: 0 }}>
        {(open || drawn) && <FieldList fields={fields} />}
      </Box>
    </Paper>
  );
}

/** The series or instance row a field lies in (`series.0.instance.3` for `series.0.instance.3.uid`), if any. */
function enclosingRow(name: string): string | undefined {
  return /^(series\.\d+(?:\.instance\.\d+)?)\.[^.]/.exec(name)?.[1];
}

/**
 * The opening values with a key for each top-level input and each identifier's value, undefined where empty.
 * react-hook-form adds that key as it registers the input; while the values it started from lack one, it takes the
 * whole form for changed, and then rebuilds its tree of changed fields over the whole study on each keystroke that
 * brings a field back to its loaded value (a UID in a 2,000-instance study: about 4 ms a key). Identifiers are copied,
 * not changed: they are the opened study's own objects.
 */
function withInputKeys(values: StudyFormValues, model: FormModel): StudyFormValues {
  for (const field of [...model.main, ...model.details]) {
    if (!(field.name in values)) values[field.name] = undefined;
  }
  if (Array.isArray(values.identifier)) {
    values.identifier = values.identifier.map((entry: unknown) =>
      isRecord(entry) && !('value' in entry) ? { ...entry, value: undefined } : entry,
    );
  }
  return values;
}

/**
 * The bare study, series and instance UIDs of a stored study, as a lookup. The instances' set (50,000 UIDs in a large
 * study, 13 ms to build) is made on the first question the study and series UIDs do not answer: the editor's first
 * render only asks about the study's and its first series' UIDs, which are stored.
 */
function storedUidsOf(study: ImagingStudy | undefined): Pick<ReadonlySet<string>, 'has'> {
  if (!study) return new Set<string>();
  const upper = new Set<string>();
  const studyUid = studyUidOf(study);
  if (studyUid !== undefined) upper.add(studyUid);
  for (const series of study.series ?? []) upper.add(series.uid);
  let instances: Set<string> | undefined;
  return {
    has: (uid) => {
      if (upper.has(uid)) return true;
      instances ??= new Set((study.series ?? []).flatMap((series) => (series.instance ?? []).map((i) => i.uid)));
      return instances.has(uid);
    },
  };
}

/**
 * The editor for one ImagingStudy. Edits are merged onto `initial`; Save validates the whole
 * resource and calls `onSave` only when there are no errors (warnings do not block).
 */
export function StudyEditor({
  registry,
  validator,
  initial,
  stored,
  patient,
  searchEndpoints,
  onSave,
  readOnly = false,
  cannotCreateEndpoint,
  initialNewEndpoints,
  onEdit,
  addOns = NO_ADD_ONS,
  accessionSystem,
  newStudy,
  describeEncounter,
}: StudyEditorProps): JSX.Element {
  const model = useMemo(() => buildFormModel(registry), [registry]);
  const inputs = useMemo(() => indexInputs(model), [model]);
  const order = useMemo(
    () => registry.profiles.get(model.profileUrl)?.root.children.map((c) => c.name) ?? [],
    [registry, model],
  );
  const build = useCallback(
    (values: StudyFormValues) => toResource(values, { patient, profileUrl: model.profileUrl, order, opened: initial }),
    [patient, model, order, initial],
  );
  // Edits are reported from the resolver (see its onValidated) to whoever listens now; the resolver stays the same.
  const [edits] = useState(() => new EditSignal());
  const openingValues = useCallback(
    () => (initial || !newStudy ? toFormValues(initial) : { ...toFormValues(undefined), ...structuredClone(newStudy) }),
    [initial, newStudy],
  );
  // The form shares these values' series and instance rows and edits them in place (see FormRow): read them only until the
  // first edit; openingValues() makes them anew.
  const [defaultValues] = useState(() => withInputKeys(openingValues(), model));
  // The study is validated in full when it opens, right after its first paint (a 50x1000 study's full pass would
  // hold that paint back by a fifth of a second); until then the status says it is checking. These issues are listed
  // in the summary (required fields as "still to fill") but not painted at their untouched inputs; an issue leaves
  // this list once its field is validated again (react-hook-form's errors are then the truth) or on Save.
  const [opening, setOpening] = useState<readonly FormIssue[] | undefined>(undefined);
  // Fields validated before the opening pass ended: their react-hook-form errors are newer than its issues.
  const [checkedEarly] = useState(() => new CheckedFields());
  const resolver = useMemo(
    () =>
      studyResolver({
        validator,
        inputs,
        toResource: incrementalBuilder({ patient, profileUrl: model.profileUrl, order, opened: initial }),
        onValidated: (names) => {
          edits.emit(names);
          checkedEarly.note(names);
          // The incremental path: only the checked fields' opening issues go (a cheap filter, no second pass).
          setOpening((prev) => {
            if (prev === undefined) return prev;
            const next = names ? prev.filter((i) => !names.some((n) => covers(n, i))) : [];
            return next.length === prev.length ? prev : next;
          });
        },
      }),
    [validator, inputs, patient, model, order, edits, initial, checkedEarly],
  );
  const methods = useForm<StudyFormValues>({ defaultValues, resolver, mode: 'onChange', shouldFocusError: false });
  const { getValues, getErrors, setValue, setError, clearErrors, setFocus } = methods;
  // A row's own issue ("Series 1 has no UID") sits at the row's name, which an edit of one of its fields does not
  // validate: when a field of a row with such an issue changes, the row is checked again, so a filled row clears.
  const { getFieldState, trigger } = methods;
  useEffect(
    () =>
      edits.onChecked((names) => {
        for (const row of new Set((names ?? []).map(enclosingRow))) {
          // Only a row's own issue (an empty row) has a type; the errors of its fields (a UID typed wrong) nest
          // under it and are the field's own check. Re-checking the row for those would re-render every input in it.
          if (row !== undefined && typeof getFieldState(row).error?.type === 'string') void trigger(row);
        }
      }),
    [edits, getFieldState, trigger],
  );

  const [newEndpoints, setNewEndpoints] = useState<ReadonlyMap<string, Endpoint>>(
    () => new Map(initialNewEndpoints?.map((e) => [e.fullUrl, e.resource])),
  );
  // The study as opened, as JSON: what "changed" is measured against. Built on first need (the opening pass below,
  // or an edit), not while the editor first paints.
  const pristine = useRef<string | undefined>(undefined);
  const pristineJson = useCallback(
    (): string => (pristine.current ??= JSON.stringify(build(openingValues()))),
    [build, openingValues],
  );
  const read = useCallback((): EditorSnapshot => {
    const study = build(getValues());
    return {
      study,
      newEndpoints: referencedEndpoints(study, newEndpoints),
      dirty: JSON.stringify(study) !== pristineJson(),
    };
  }, [build, getValues, newEndpoints, pristineJson]);
  // A narrative a person wrote is not updated at save: once the study differs from the one opened, say so. Only such
  // studies pay for building the resource on an edit, and only until the first change.
  const [staleNarrative] = useState(() => staleNarrativeWarning(initial));
  const [narrativeChanged, setNarrativeChanged] = useState(false);
  const watchNarrative = staleNarrative !== undefined && !narrativeChanged;
  useEffect(
    () =>
      edits.listen(
        onEdit || watchNarrative
          ? () => {
              onEdit?.(read);
              if (watchNarrative && read().dirty) setNarrativeChanged(true);
            }
          : undefined,
      ),
    [edits, onEdit, read, watchNarrative],
  );
  // Issues that name no input: from the opening validation until a save shows a newer outcome.
  const [formIssues, setFormIssues] = useState<readonly FormIssue[]>([]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the frame that shows the study: a task queued from the next animation frame runs once it is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const values = getValues();
        const unchanged = checkedEarly.none;
        const study = build(unchanged ? defaultValues : values);
        if (unchanged) pristine.current ??= JSON.stringify(study);
        const issues = toFormIssues(validator.validate(study).issue, inputs);
        setOpening((prev) => prev ?? issues.filter((i) => i.name !== undefined && !checkedEarly.covers(i)));
        setFormIssues((prev) => (prev.length > 0 ? prev : issues.filter((i) => i.name === undefined)));
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [build, checkedEarly, defaultValues, getValues, inputs, validator]);
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const rest = useWholeEditor(stored !== undefined);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ message: string; severity: 'success' | 'warning' } | undefined>();
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const savedStatus = useRef<HTMLDivElement>(null);
  // The save result is announced beside Save and takes the focus there (not the page's top, not the body).
  useEffect(() => {
    if (saved) savedStatus.current?.focus();
  }, [saved]);
  const [bus] = useState(() => new FocusBus());

  const focusField = useCallback(
    (name: string) => {
      setTab('form');
      const reveal = () => {
        bus.reveal(name);
        // Two frames: one for the section to open, one for a virtualised row to mount.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            setFocus(name);
            const el = document.getElementById(fieldId(name));
            if (el && document.activeElement !== el) el.focus();
          }),
        );
      };
      // An instance row needs the rows' chunk (loaded on idle, see InstanceList): reveal once it is there and drawn.
      if (rowOf(name).instance === undefined) reveal();
      else void instanceRows.load().then(() => requestAnimationFrame(reveal), reveal);
    },
    [bus, setFocus],
  );

  const storedStudy = useMemo<StoredStudyValue>(
    () => ({ storedUids: storedUidsOf(stored), storedStudy: stored !== undefined }),
    [stored],
  );
  const context = useMemo<EditorContextValue>(
    () => ({
      valueSet: (url) => (url === undefined ? undefined : registry.valueSets.get(url)),
      validator,
      validateEndpoint,
      patient,
      readOnly,
      cannotCreateEndpoint,
      searchEndpoints,
      newEndpoints,
      addNewEndpoint: (reference, endpoint) => setNewEndpoints((prev) => new Map(prev).set(reference, endpoint)),
      focusField,
      addOns,
      ...(accessionSystem === undefined ? {} : { accessionSystem }),
      ...(describeEncounter === undefined ? {} : { describeEncounter }),
    }),
    [
      registry,
      validator,
      patient,
      readOnly,
      cannotCreateEndpoint,
      searchEndpoints,
      newEndpoints,
      focusField,
      addOns,
      accessionSystem,
      describeEncounter,
    ],
  );

  /** Shows a whole outcome (full validation or the server's); returns whether it has errors. */
  const showOutcome = (issues: readonly OperationOutcomeIssue[]): boolean => {
    const all = toFormIssues(issues, inputs);
    const next = flattenErrors(toFieldErrors(all)).map(({ name, required, severity, message }) => ({
      name: name as string,
      type: required ? REQUIRED_TYPE : severity,
      message,
    }));
    // The inputs already show exactly these errors (a valid study saved, a save refused for what the form shows):
    // nothing to change. Clearing and setting them again would render every input once more.
    const held = heldErrors(getErrors());
    if (!held || !deepEqual(held, next)) {
      clearErrors();
      for (const { name, type, message } of next) setError(name, { type, message });
    }
    setOpening((prev) => (prev?.length === 0 ? prev : []));
    const unnamed = all.filter((i) => i.name === undefined);
    setFormIssues((prev) => (prev.length === 0 && unnamed.length === 0 ? prev : unnamed));
    return all.some((i) => i.severity === 'error');
  };

  /** Takes what the server changed (ids of new Endpoints, `meta`) into the form in place; the result is pristine. */
  const adopt = (study: ImagingStudy): void => {
    const next = toFormValues(study);
    for (const key of changedFields(getValues(), next)) setValue(key, next[key]);
    pristine.current = JSON.stringify(build(getValues()));
  };

  const save = async (): Promise<void> => {
    setSaved(undefined);
    const study = build(getValues());
    if (showOutcome(validator.validate(study).issue)) {
      summaryHeading.current?.focus();
      return;
    }
    const created = referencedEndpoints(study, newEndpoints);
    setSaving(true);
    try {
      const result = await onSave(study, created);
      if (isOutcome(result)) {
        if (showOutcome(result.issue)) summaryHeading.current?.focus();
        else setSaved({ message: 'The imaging study was saved.', severity: 'warning' });
      } else {
        showOutcome([]);
        if (result?.saved) adopt(result.saved);
        setSaved({
          message: result?.message ?? 'The imaging study was saved.',
          severity: result?.severity ?? 'success',
        });
        result?.onShown?.();
      }
    } catch (error) {
      // Never reset: what the user typed stays, the problem goes to fields or the form message.
      showOutcome(outcomeFromError(error, 'Saving failed').issue);
      summaryHeading.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  return (
    <EditorContext.Provider value={context}>
      <FocusBusContext.Provider value={bus}>
        <FormProvider {...methods}>
          <Box component="form" noValidate aria-label="ImagingStudy editor" onSubmit={(e) => e.preventDefault()}>
            <ViewTabs label="Editor views" tabs={VIEWS} value={tab} onChange={setTab} />
            <Box role="tabpanel" id="panel-form" aria-labelledby="tab-form" hidden={tab !== 'form'}>
              <StoredStudyContext.Provider value={storedStudy}>
                <Stack spacing={3}>
                  {!readOnly && addOns.OrderPicker && <addOns.OrderPicker />}
                  {!readOnly && addOns.ImportBar && <addOns.ImportBar />}
                  <Box component="section" aria-labelledby="study-heading">
                    <Typography id="study-heading" component="h2" variant="h6" gutterBottom>
                      Study
                    </Typography>
                    <FieldList fields={rest ? model.main : model.main.slice(0, FIRST_SCREEN_FIELDS)} />
                  </Box>
                  {rest && <DetailsSection fields={model.details} />}
                  {rest && model.series && (
                    <Box component="section" aria-labelledby="series-heading">
                      <Typography id="series-heading" component="h2" variant="h6" gutterBottom>
                        Series
                      </Typography>
                      <SeriesSection field={model.series} />
                    </Box>
                  )}
                </Stack>
              </StoredStudyContext.Provider>
            </Box>
            {tab === 'json' && (
              <Box role="tabpanel" id="panel-json" aria-labelledby="tab-json">
                <JsonTab resource={build(getValues())} />
              </Box>
            )}
            {/*
              Below the form, beside Save: the summary changes as the user types, and above the form each change
              would move the field being typed in (a layout shift, and a scroll when the page is scrolled).
            */}
            {rest && (
              <>
                <IssueSummary
                  inputs={inputs}
                  formIssues={[...(opening ?? []), ...formIssues]}
                  checking={opening === undefined}
                  onFocusField={focusField}
                  headingRef={summaryHeading}
                />
                {narrativeChanged && (
                  <Alert severity="warning" role="status" sx={{ mt: 3 }}>
                    {staleNarrative}
                  </Alert>
                )}
                {!readOnly && (
                  <Stack direction="row" spacing={2} sx={{ mt: 3, alignItems: 'center' }}>
                    <Button variant="contained" onClick={() => void save()} disabled={saving}>
                      Save
                    </Button>
                    {saving && <Typography role="status">Saving…</Typography>}
                    {saved && (
                      <Alert severity={saved.severity} role="status" tabIndex={-1} ref={savedStatus}>
                        {saved.message}
                      </Alert>
                    )}
                  </Stack>
                )}
              </>
            )}
          </Box>
        </FormProvider>
      </FocusBusContext.Provider>
    </EditorContext.Provider>
  );
}
