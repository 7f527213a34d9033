/** The series editor: add, remove and reorder series; each series' instances in a virtualised list. */
import { Box, Button, Chip, Stack, Typography, useTheme, type Theme } from '@mui/material';
import { memo, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { get, useFieldArray, useFormState, useWatch } from 'react-hook-form';
import { useEditor } from './context';
import { ElementInput } from './ElementInput';
import type { FormField } from './form-model';
import { InstanceList, instanceRows } from './InstanceList';
import { RowIssue } from './RowIssue';
import { whenIdle } from './lazy-module';
import { useSkipOffscreen } from './skip-offscreen';
import { codingLabel, isCoding } from './inputs/coding';
import { useFocusBus } from './focus-context';
import { rowOf } from './focus';
import { plural } from '../kernel/text';

interface SeriesSectionProps {
  field: FormField;
}

/** A new series: empty, with an (empty) instance list so the list editor has an array to work on. */
const newSeries = (): Record<string, unknown> => ({ instance: [] });

/**
 * Series off screen are neither laid out nor painted (`content-visibility: auto`, set by `useSkipOffscreen` once a
 * series' size is known), so scrolling a study of fifty expanded series paints only what is in view. Their content
 * stays in the accessibility tree, find-in-page and the tab order.
 */
function seriesBox(theme: Theme): CSSProperties {
  return {
    padding: theme.spacing(2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.paper,
    containIntrinsicSize: 'auto 320px',
  };
}

/**
 * Series drawn in full with the editor's first frame; the others show their summary line first (plain elements, the
 * same height) and get their buttons a few at a time when the page is idle. Fifty series headers of MUI buttons and
 * chips were a third of a 50x1000 study's opening. The series begin below the first screen (at 1,290 px in a
 * 1280x800 window), so two are enough for the first frame.
 */
const FIRST_SCREEN = 2;
const PER_IDLE = 6;

export function SeriesSection({ field }: SeriesSectionProps) {
  const { readOnly } = useEditor();
  const bus = useFocusBus();
  const { fields, append, remove, move } = useFieldArray({ name: 'series', keyName: '_key' });
  // Series loaded with the study start collapsed (a study may have many); added ones start open.
  const [initialKeys] = useState<ReadonlySet<string>>(() => new Set(fields.map((f) => f._key)));
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const isExpanded = (key: string): boolean => overrides.get(key) ?? !initialKeys.has(key);
  const setOpen = (key: string, open: boolean): void => setOverrides((prev) => new Map(prev).set(key, open));

  useEffect(
    () =>
      bus.listen((name) => {
        const { series } = rowOf(name);
        const key = series === undefined ? undefined : fields[series]?._key;
        if (key !== undefined) setOverrides((prev) => (prev.get(key) === true ? prev : new Map(prev).set(key, true)));
      }),
    [bus, fields],
  );

  // Instance rows are not needed to show the editor: fetched once the page is idle, before a series is opened.
  useEffect(() => whenIdle(instanceRows.load), []);
  const [drawn, setDrawn] = useState(FIRST_SCREEN);
  const total = fields.length;
  useEffect(() => (drawn < total ? whenIdle(() => setDrawn((n) => n + PER_IDLE), 500) : undefined), [drawn, total]);

  // An outlined paper's look as one plain style for every series: fifty MUI Papers were fifty Emotion style passes.
  const theme = useTheme();
  const seriesStyle = useMemo(() => seriesBox(theme), [theme]);
  const instanceField = field.children.find((c) => c.name === 'instance');
  const seriesFields = field.children.filter((c) => c.name !== 'instance');
  return (
    <Stack spacing={2}>
      {fields.map((item, index) => (
        <SeriesBox key={item._key} style={seriesStyle} index={index} expanded={isExpanded(item._key)}>
          {index < drawn || isExpanded(item._key) ? (
            <SeriesHeader
              index={index}
              count={fields.length}
              expanded={isExpanded(item._key)}
              onToggle={() => setOpen(item._key, !isExpanded(item._key))}
              onMove={(to) => move(index, to)}
              onRemove={() => remove(index)}
              readOnly={readOnly}
            />
          ) : (
            <SeriesLine index={index} />
          )}
          {isExpanded(item._key) && <SeriesBody index={index} fields={seriesFields} instanceField={instanceField} />}
        </SeriesBox>
      ))}
      {!readOnly && (
        <Box>
          <Button variant="outlined" onClick={() => append(newSeries())}>
            Add series
          </Button>
        </Box>
      )}
    </Stack>
  );
}

/** A series' frame; skipped by the browser while off screen, laid out again when the series is opened or closed. */
function SeriesBox({
  style,
  index,
  expanded,
  children,
}: {
  style: CSSProperties;
  index: number;
  expanded: boolean;
  children: ReactNode;
}) {
  const ref = useSkipOffscreen<HTMLDivElement>(expanded);
  return (
    <div ref={ref} style={style} role="group" aria-label={`Series ${index + 1}`}>
      {children}
    </div>
  );
}

interface SeriesHeaderProps {
  index: number;
  count: number;
  expanded: boolean;
  readOnly: boolean;
  onToggle: () => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** What a series' header line says: modality, UID and instance count, as the form has them now. */
function useSeriesSummary(name: string): { uid: string; modality: string; instances: number } {
  return useWatch({
    name,
    compute: (s: unknown) => {
      const series = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
      return {
        uid: typeof series.uid === 'string' ? series.uid : '',
        modality: isCoding(series.modality) ? codingLabel(series.modality) : '',
        instances: Array.isArray(series.instance) ? series.instance.length : 0,
      };
    },
  });
}

/** A series' header line before its buttons are drawn: the same words and height, in plain elements. */
const SeriesLine = memo(function SeriesLine({ index }: { index: number }) {
  const summary = useSeriesSummary(`series.${index}`);
  return (
    <div style={LINE_STYLE}>
      <h3 style={LINE_HEADING_STYLE}>{`Series ${index + 1}`}</h3>
      {summary.modality && <span style={LINE_CHIP_STYLE}>{summary.modality}</span>}
      <span style={{ ...LINE_TEXT_STYLE, fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{summary.uid}</span>
      <span style={LINE_TEXT_STYLE}>{plural(summary.instances, 'instance')}</span>
    </div>
  );
});

/** The header's look (Stack spacing 1, subtitle1, body2, a small Chip) and its buttons' height (small: 30.75 px). */
const LINE_STYLE: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: 8,
  minHeight: 30.75,
};
const LINE_HEADING_STYLE: CSSProperties = { margin: 0, fontSize: '1rem', fontWeight: 400, lineHeight: 1.75 };
const LINE_TEXT_STYLE: CSSProperties = { fontSize: '0.875rem', lineHeight: 1.43 };
const LINE_CHIP_STYLE: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  height: 24,
  padding: '0 8px',
  borderRadius: 16,
  fontSize: '0.8125rem',
  background: 'rgba(0, 0, 0, 0.08)',
};

/** One line per series: number, modality, UID, instance count, issue marker and the row actions. */
const SeriesHeader = memo(function SeriesHeader({
  index,
  count,
  expanded,
  readOnly,
  onToggle,
  onMove,
  onRemove,
}: SeriesHeaderProps) {
  const name = `series.${index}`;
  const summary = useSeriesSummary(name);
  const label = `Series ${index + 1}`;
  return (
    <Stack direction="row" spacing={1} sx={HEADER_SX}>
      <Typography variant="subtitle1" component="h3">
        {label}
      </Typography>
      {summary.modality && <Chip size="small" label={summary.modality} />}
      <Typography variant="body2" sx={UID_SX}>
        {summary.uid}
      </Typography>
      <Typography variant="body2">{plural(summary.instances, 'instance')}</Typography>
      <SeriesIssueMark name={name} />
      <Box sx={SPACER_SX} />
      <SeriesActions
        label={label}
        first={index === 0}
        last={index === count - 1}
        expanded={expanded}
        readOnly={readOnly}
        onToggle={onToggle}
        onMove={onMove}
        onRemove={onRemove}
        index={index}
      />
    </Stack>
  );
});

/**
 * "Has issues" on a series' line while the series or a field in it has an error or a warning. A component of its own,
 * so that a keystroke that changes an error in the series re-renders this mark, not the whole header.
 */
function SeriesIssueMark({ name }: { name: string }) {
  const { errors } = useFormState({ name });
  // react-hook-form drops the branches of its error tree that a change leaves empty.
  return get(errors, name) === undefined ? null : <Chip size="small" color="error" label="Has issues" />;
}

const HEADER_SX = { alignItems: 'center', flexWrap: 'wrap' } as const;
const UID_SX = { fontFamily: 'monospace', overflowWrap: 'anywhere' } as const;
const SPACER_SX = { flexGrow: 1 } as const;

interface SeriesActionsProps {
  label: string;
  index: number;
  first: boolean;
  last: boolean;
  expanded: boolean;
  readOnly: boolean;
  onToggle: () => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/**
 * The row actions. Memoised: the header re-renders as the series' fields are edited (its summary and issue marker),
 * its buttons only when what they do changes.
 */
const SeriesActions = memo(function SeriesActions({
  label,
  index,
  first,
  last,
  expanded,
  readOnly,
  onToggle,
  onMove,
  onRemove,
}: SeriesActionsProps) {
  return (
    <>
      <Button
        size="small"
        onClick={onToggle}
        aria-expanded={expanded}
        aria-label={`${expanded ? 'Collapse' : 'Edit'} ${label}`}
      >
        {expanded ? 'Collapse' : 'Edit'}
      </Button>
      {!readOnly && (
        <>
          <Button size="small" disabled={first} onClick={() => onMove(index - 1)} aria-label={`Move ${label} up`}>
            Up
          </Button>
          <Button size="small" disabled={last} onClick={() => onMove(index + 1)} aria-label={`Move ${label} down`}>
            Down
          </Button>
          <Button size="small" color="error" onClick={onRemove} aria-label={`Remove ${label}`}>
            Remove
          </Button>
        </>
      )}
    </>
  );
});

const SeriesBody = memo(function SeriesBody({
  index,
  fields,
  instanceField,
}: {
  index: number;
  fields: FormField[];
  instanceField: FormField | undefined;
}) {
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <RowIssue name={`series.${index}`} />
      {fields.map((f) => (
        <ElementInput key={f.elementId} field={f} name={`series.${index}.${f.name}`} />
      ))}
      {instanceField && <InstanceList seriesIndex={index} field={instanceField} />}
    </Stack>
  );
});
