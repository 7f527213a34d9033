/** The rows of an instance list: virtualised, so a series of thousands stays responsive. Loaded lazily (see InstanceList). */
import { Box, Button, Stack } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type CSSProperties } from 'react';
import { useFormContext } from 'react-hook-form';
import { ElementInput } from './ElementInput';
import { rowOf } from './focus';
import { useFocusBus } from './focus-context';
import type { FormField } from './form-model';
import { fieldId } from './inputs/a11y';
import { SopClassInput } from './inputs/SopClassInput';
import { RowIssue } from './RowIssue';
import { LIST_FRAME_SX, LIST_HEIGHT, ROW_HEIGHT } from './instance-list-size';

/** Plain styles, not sx: the rows re-render on every scrolled frame, and sx is resolved on every render. */
const ROW_STYLE: CSSProperties = {
  position: 'absolute',
  top: 0,
  left: 0,
  width: '100%',
  height: ROW_HEIGHT,
  padding: 8,
  // What happens in a row (a focus ring, an error line) never lays out or repaints its neighbours.
  contain: 'layout paint',
};

export interface VirtualRowsProps {
  seriesIndex: number;
  name: string;
  /** useFieldArray's items: only their `_key` is read. */
  keys: readonly { _key: string }[];
  fields: FormField[];
  readOnly: boolean;
  onRemove: (index: number) => void;
}

/**
 * The scrolling rows. A component of its own so that scrolling re-renders only it: re-rendering the component that
 * holds useFieldArray costs a new id per item (1,000 UUIDs for a large series) on every scrolled frame.
 */
const VirtualRows = memo(function VirtualRows({
  seriesIndex,
  name,
  keys,
  fields,
  readOnly,
  onRemove,
}: VirtualRowsProps) {
  const bus = useFocusBus();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualiser is a mutable object: this component must re-render as the list scrolls (do not memoise it).
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    // Without layout (jsdom, first paint) the list still renders its first rows.
    initialRect: { width: 800, height: LIST_HEIGHT },
  });

  // Rows that scroll into view during a scroll are drawn as text (PassingRow) and get their inputs once the list
  // rests: mounting a row's inputs costs more than a frame, and a fling passes dozens of rows. Rows that had inputs
  // when the scroll began keep them, so a focused input is never swapped out under the user.
  const scrolling = virtualizer.isScrolling;
  const liveKeys = useRef(new Set<string>());
  if (!scrolling) liveKeys.current = new Set();
  const live0 = liveKeys.current;

  const keysRef = useRef(keys);
  keysRef.current = keys;
  useEffect(
    () =>
      bus.listen((target) => {
        const { series, instance } = rowOf(target);
        if (series !== seriesIndex || instance === undefined) return;
        // The row a link focuses gets its inputs at once, even while the list scrolls to it.
        const key = keysRef.current[instance]?._key;
        if (key) liveKeys.current.add(key);
        virtualizer.scrollToIndex(instance, { align: 'center' });
      }),
    [bus, seriesIndex, virtualizer],
  );

  return (
    <Box ref={scrollRef} sx={{ maxHeight: LIST_HEIGHT, overflow: 'auto', ...LIST_FRAME_SX }}>
      <Box
        sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        // No hover hit-testing of the rows while they fly past.
        style={scrolling ? NO_POINTER : undefined}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const item = keys[row.index];
          if (!item) return null;
          const live = !scrolling || live0.has(item._key);
          if (!scrolling) liveKeys.current.add(item._key);
          return (
            <div key={item._key} style={{ ...ROW_STYLE, transform: `translateY(${row.start}px)` }}>
              {live ? (
                <InstanceRow
                  name={`${name}.${row.index}`}
                  index={row.index}
                  fields={fields}
                  readOnly={readOnly}
                  onRemove={onRemove}
                />
              ) : (
                <PassingRow name={`${name}.${row.index}`} index={row.index} fields={fields} />
              )}
            </div>
          );
        })}
      </Box>
    </Box>
  );
});

interface InstanceRowProps {
  name: string;
  index: number;
  fields: FormField[];
  readOnly: boolean;
  onRemove: (index: number) => void;
}

const InstanceRow = memo(function InstanceRow({ name, index, fields, readOnly, onRemove }: InstanceRowProps) {
  // The group takes focus from the issue summary when the issue is about the row (an empty row), and shows it.
  return (
    <Box role="group" aria-label={`Instance ${index + 1}`} id={fieldId(name)} tabIndex={-1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        {fields.map((f) => (
          <Box key={f.elementId} sx={{ flex: f.name === 'number' ? '0 0 9rem' : '1 1 0', minWidth: 0 }}>
            {f.kind === 'sop-class' ? (
              // Here rather than in ElementInput: the SOP class list only loads with the instance rows.
              <SopClassInput field={f} name={`${name}.${f.name}`} />
            ) : (
              <ElementInput field={f} name={`${name}.${f.name}`} />
            )}
          </Box>
        ))}
        {!readOnly && (
          <Button
            size="small"
            color="error"
            onClick={() => onRemove(index)}
            aria-label={`Remove instance ${index + 1}`}
          >
            Remove
          </Button>
        )}
      </Stack>
      <RowIssue name={name} />
    </Box>
  );
});

const NO_POINTER: CSSProperties = { pointerEvents: 'none' };

/** Plain styles (no Emotion work per row): a box shaped like the row's inputs. */
const PASSING_ROW: CSSProperties = { display: 'flex', gap: 8, alignItems: 'flex-start' };
const PASSING_CELL: CSSProperties = {
  boxSizing: 'border-box',
  height: 40,
  padding: '8.5px 14px',
  border: '1px solid rgba(0, 0, 0, 0.23)',
  borderRadius: 4,
  overflow: 'hidden',
  whiteSpace: 'nowrap',
  textOverflow: 'ellipsis',
  font: 'inherit',
};

function cellText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const coding = value as { display?: unknown; code?: unknown };
    if (typeof coding.display === 'string') return coding.display;
    if (typeof coding.code === 'string') return coding.code;
  }
  return '';
}

/** A row passing by during a scroll: its values as text, in the shape of its inputs; inputs come when it rests. */
const PassingRow = memo(function PassingRow({
  name,
  index,
  fields,
}: {
  name: string;
  index: number;
  fields: FormField[];
}) {
  const { getValues } = useFormContext();
  return (
    <div style={PASSING_ROW} role="group" aria-label={`Instance ${index + 1}`} aria-busy="true">
      {fields.map((f) => (
        <div
          key={f.elementId}
          style={{ ...PASSING_CELL, flex: f.name === 'number' ? '0 0 9rem' : '1 1 0', minWidth: 0 }}
        >
          {cellText(getValues(`${name}.${f.name}`))}
        </div>
      ))}
    </div>
  );
});

export default VirtualRows;
