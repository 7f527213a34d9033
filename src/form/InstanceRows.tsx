/** The rows of an instance list: virtualised, so a series of thousands stays responsive. Loaded lazily (see InstanceList). */
import { Box, Button, Stack } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { ElementInput } from './ElementInput';
import { rowOf } from './focus';
import { useFocusBus } from './focus-context';
import type { FormField } from './form-model';
import { fieldId } from './inputs/a11y';
import { SopClassInput } from './inputs/SopClassInput';
import { RowIssue } from './RowIssue';

/** Fixed row height (input + helper line): rows are not measured, so layout cannot feed back into rendering. */
const ROW_HEIGHT = 84;
const LIST_HEIGHT = 360;
const ROW_SX = { position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, p: 1 } as const;

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

  useEffect(
    () =>
      bus.listen((target) => {
        const { series, instance } = rowOf(target);
        if (series === seriesIndex && instance !== undefined) virtualizer.scrollToIndex(instance, { align: 'center' });
      }),
    [bus, seriesIndex, virtualizer],
  );

  return (
    <Box
      ref={scrollRef}
      sx={{ maxHeight: LIST_HEIGHT, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = keys[row.index];
          if (!item) return null;
          return (
            <Box
              key={item._key}
              sx={ROW_SX}
              // Inline, not in sx: a style rule per row offset would grow the stylesheet as the list
              // scrolls, and every inserted rule restyles the whole page.
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <InstanceRow
                name={`${name}.${row.index}`}
                index={row.index}
                fields={fields}
                readOnly={readOnly}
                onRemove={onRemove}
              />
            </Box>
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

export default VirtualRows;
