/** The instances of one series: a virtualised list, so a series of thousands stays responsive. */
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useEditor } from './context';
import type { FormField } from './form-model';
import { lazyModule } from './lazy-module';
import type { VirtualRowsProps } from './InstanceRows';
import { LIST_FRAME_SX, listBoxHeight } from './instance-list-size';

/**
 * The rows (and the virtualiser) in a chunk of their own: a new study has no instances and a loaded one starts with
 * its series collapsed, so the editor shows without them. SeriesSection preloads them once the page is idle.
 */
export const instanceRows = lazyModule(() => import('./InstanceRows'));

interface InstanceListProps {
  seriesIndex: number;
  field: FormField;
}

export function InstanceList({ seriesIndex, field }: InstanceListProps) {
  const { readOnly } = useEditor();
  const name = `series.${seriesIndex}.instance`;
  const { fields, append, remove } = useFieldArray({ name, keyName: '_key' });
  const { getValues } = useFormContext();
  /** A new instance takes the SOP class of the one before it: the instances of a series are mostly of one class. */
  const addInstance = (): void => {
    const before: unknown = fields.length > 0 ? getValues(`${name}.${fields.length - 1}.sopClass`) : undefined;
    append(before === undefined ? {} : { sopClass: structuredClone(before) });
  };

  return (
    <Box role="group" aria-label={`Instances of series ${seriesIndex + 1}`}>
      <Typography variant="subtitle2" component="h4">
        {field.label} ({fields.length})
      </Typography>
      {fields.length > 0 && (
        <Rows
          seriesIndex={seriesIndex}
          name={name}
          keys={fields}
          fields={field.children}
          readOnly={readOnly}
          onRemove={remove}
        />
      )}
      {!readOnly && (
        <Button
          size="small"
          sx={{ mt: 1 }}
          onClick={addInstance}
          aria-label={`Add instance to series ${seriesIndex + 1}`}
        >
          Add instance
        </Button>
      )}
    </Box>
  );
}

/** The rows once their chunk is there; until then a labelled progress indicator. */
function Rows(props: VirtualRowsProps) {
  const rows = instanceRows.useModule();
  if (rows.status === 'failed') {
    return (
      <Alert severity="error" role="alert">
        The instances could not be shown. Check the network connection and reload the page.
      </Alert>
    );
  }
  if (rows.status === 'loading') {
    // The list's own size, so that nothing below it moves when the rows arrive.
    return (
      <Stack
        role="status"
        direction="row"
        spacing={1}
        sx={{
          alignItems: 'flex-start',
          boxSizing: 'border-box',
          height: listBoxHeight(props.keys.length),
          p: 1,
          ...LIST_FRAME_SX,
        }}
      >
        <CircularProgress size={16} aria-hidden />
        <Typography variant="body2">Loading the instances…</Typography>
      </Stack>
    );
  }
  const VirtualRows = rows.module.default;
  return <VirtualRows {...props} />;
}
