/**
 * The frame of the order picker: its heading and its select, with a helper line that is always there. The picker's
 * chunk loads in this same frame, so nothing below the picker moves while the orders arrive (a click aimed at the
 * DICOM import's buttons must not land elsewhere because the picker grew meanwhile).
 */
import { Box } from '@mui/material';
import { TextBox } from '../form/inputs/TextBox';
import { useId, type ReactNode } from 'react';

interface OrderFieldProps {
  label: string;
  helper: string;
  disabled: boolean;
  /** Rows above the select (the linked orders). */
  before?: ReactNode;
  /** The select's options. */
  children?: ReactNode;
  /** Below the select (a load failure, the review dialog). */
  after?: ReactNode;
  onPick?: (value: string) => void;
}

export function OrderField({ label, helper, disabled, before, children, after, onPick }: OrderFieldProps) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={`${id}-heading`}>
      <Box component="h3" id={`${id}-heading`} sx={{ typography: 'subtitle1', m: 0, mb: 1 }}>
        Order
      </Box>
      {before}
      <TextBox
        select
        label={label}
        value=""
        disabled={disabled}
        onChange={(e) => onPick?.(e.target.value)}
        helperText={helper}
        fullWidth
        size="small"
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="">Choose an order…</option>
        {children}
      </TextBox>
      {after}
    </Box>
  );
}

/** The picker while its code loads: the same frame, disabled. */
export function OrderFieldLoading() {
  return <OrderField label="Order" helper="Loading the orders…" disabled />;
}
