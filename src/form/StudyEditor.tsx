/** The ImagingStudy editor: a form generated from the IMR profile, validated live. */
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, Stack, Typography } from '@mui/material';
import type { Endpoint, ImagingStudy, OperationOutcome, OperationOutcomeIssue, Patient } from 'fhir/r4';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { EditorContext, type EditorAddOns, type EditorContextValue } from './context';
import { FieldList } from './ElementInput';
import { instanceRows } from './InstanceList';
import { FocusBus, rowOf } from './focus';
import { FocusBusContext, useFocusBus } from './focus-context';
import { buildFormModel, type FormField } from './form-model';
import { fieldId } from './inputs/a11y';
import { IssueSummary } from './IssueSummary';
import { flattenErrors, indexInputs, toFieldErrors, toFormIssues, type FormIssue } from './issues';
import { JsonTab } from './JsonTab';
import { ViewTabs, type ViewTab } from './ViewTabs';
import { outcomeFromError } from '../kernel/outcome';
import type { ProfileRegistry, Validator } from './ports';
import { studyResolver } from './resolver';
import { SeriesSection } from './SeriesSection';
import { staleNarrativeWarning } from '../study/narrative-status';
import { incrementalBuilder, toFormValues, toResource, type StudyFormValues } from '../study/values';
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
  patient: Patient;
  searchEndpoints: (text: string) => Promise<Endpoint[]>;
  /** Saves the study; `newEndpoints` are the Endpoints created inline that the study refers to by `fullUrl`. */
  onSave: (study: ImagingStudy, newEndpoints: InlineEndpoint[]) => Promise<OperationOutcome | undefined>;
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
  readonly emit = (): void => this.listener?.();
  /** Sets the listener; returns the cleanup that removes it. */
  listen(listener: (() => void) | undefined): () => void {
    this.listener = listener;
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }
}

/** The "More details" section; opens itself when one of its fields is to be focused. */
function DetailsSection({ fields }: { fields: readonly FormField[] }) {
  const [open, setOpen] = useState(false);
  const bus = useFocusBus();
  useEffect(
    () => bus.listen((name) => fields.some((f) => name.split('.')[0] === f.name) && setOpen(true)),
    [bus, fields],
  );
  if (fields.length === 0) return null;
  return (
    <Accordion
      expanded={open}
      onChange={(_e, next) => setOpen(next)}
      disableGutters
      variant="outlined"
      // The summary button sits in this heading; a heading inside it would nest one heading in another.
      slotProps={{ heading: { component: 'h2' } }}
    >
      <AccordionSummary aria-controls="more-details-content" id="more-details-header">
        <Typography component="span" variant="h6">
          More details
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="more-details-content">
        <FieldList fields={fields} />
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The editor for one ImagingStudy. Edits are merged onto `initial`; Save validates the whole
 * resource and calls `onSave` only when there are no errors (warnings do not block).
 */
export function StudyEditor({
  registry,
  validator,
  initial,
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
  const resolver = useMemo(
    () =>
      studyResolver({
        validator,
        inputs,
        toResource: incrementalBuilder({ patient, profileUrl: model.profileUrl, order, opened: initial }),
        onValidated: edits.emit,
      }),
    [validator, inputs, patient, model, order, edits, initial],
  );
  const [defaultValues] = useState(() =>
    initial || !newStudy ? toFormValues(initial) : { ...toFormValues(undefined), ...structuredClone(newStudy) },
  );
  const methods = useForm<StudyFormValues>({ defaultValues, resolver, mode: 'onChange', shouldFocusError: false });
  const { getValues, setError, clearErrors, setFocus } = methods;

  const [newEndpoints, setNewEndpoints] = useState<ReadonlyMap<string, Endpoint>>(
    () => new Map(initialNewEndpoints?.map((e) => [e.fullUrl, e.resource])),
  );
  const [pristine] = useState(() => JSON.stringify(build(defaultValues)));
  const read = useCallback((): EditorSnapshot => {
    const study = build(getValues());
    return { study, newEndpoints: referencedEndpoints(study, newEndpoints), dirty: JSON.stringify(study) !== pristine };
  }, [build, getValues, newEndpoints, pristine]);
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
  const [formIssues, setFormIssues] = useState<FormIssue[]>([]);
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
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
    clearErrors();
    for (const issue of flattenErrors(toFieldErrors(all))) {
      setError(issue.name as string, { type: issue.severity, message: issue.message });
    }
    setFormIssues(all.filter((i) => i.name === undefined));
    return all.some((i) => i.severity === 'error');
  };

  const save = async (): Promise<void> => {
    setSaved(false);
    const study = build(getValues());
    if (showOutcome(validator.validate(study).issue)) {
      summaryHeading.current?.focus();
      return;
    }
    const created = referencedEndpoints(study, newEndpoints);
    setSaving(true);
    try {
      const outcome = await onSave(study, created);
      if (outcome && showOutcome(outcome.issue)) summaryHeading.current?.focus();
      else setSaved(true);
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
              <Stack spacing={3}>
                {!readOnly && addOns.OrderPicker && <addOns.OrderPicker />}
                {!readOnly && addOns.ImportBar && <addOns.ImportBar />}
                <Box component="section" aria-labelledby="study-heading">
                  <Typography id="study-heading" component="h2" variant="h6" gutterBottom>
                    Study
                  </Typography>
                  <FieldList fields={model.main} />
                </Box>
                <DetailsSection fields={model.details} />
                {model.series && (
                  <Box component="section" aria-labelledby="series-heading">
                    <Typography id="series-heading" component="h2" variant="h6" gutterBottom>
                      Series
                    </Typography>
                    <SeriesSection field={model.series} />
                  </Box>
                )}
              </Stack>
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
            <IssueSummary
              inputs={inputs}
              formIssues={formIssues}
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
                  <Alert severity="success" role="status">
                    Saved
                  </Alert>
                )}
              </Stack>
            )}
          </Box>
        </FormProvider>
      </FocusBusContext.Provider>
    </EditorContext.Provider>
  );
}
