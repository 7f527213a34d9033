/**
 * The order a study is performed for, heading the editor. It lists the patient's imaging orders (ServiceRequests,
 * newest first): accession number, procedure, date, requester and status; revoked and entered-in-error orders are
 * shown but cannot be picked. Picking one shows what it fills in (the same review as a DICOM import) before applying;
 * "Unlink" removes only that order's link; "No order (unscheduled)" is a choice of its own.
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import type { Reference } from 'fhir/r4';
import { useContext, useEffect, useMemo, useState } from 'react';
import { OrderSourceContext, type OrderChoice, type OrderSource } from './order-source';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  applyOrder,
  isPickable,
  linkedOrders,
  orderAccession,
  orderReference,
  procedureText,
  unlinkOrder,
} from '../study/order';
import type { StudyFormValues } from '../study/values';
import { useFillForm } from './fill-form';
import { diffImport, type DiffRow } from './diff';
import { DiffTable } from './DiffTable';
import { OrderField } from './OrderField';
import { plural } from '../kernel/text';

const NO_ORDER = 'none';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; choices: OrderChoice[] };

/** The orders of `source` as they load (the source itself searches once); loading while there is none. */
function useLoadedOrders(source: OrderSource | undefined): Loaded {
  const [loaded, setLoaded] = useState<{ source: OrderSource; result: Loaded } | undefined>();
  useEffect(() => {
    if (!source || source.unavailable) return;
    let live = true;
    source.load().then(
      (choices) => live && setLoaded({ source, result: { state: 'ready', choices } }),
      (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        const message = `The orders could not be loaded (${why}). You can still fill in and save the study.`;
        if (live) setLoaded({ source, result: { state: 'failed', message } });
      },
    );
    return () => {
      live = false;
    };
  }, [source]);
  return loaded && loaded.source === source ? loaded.result : { state: 'loading' };
}

/** The orders of the context's source, or undefined while loading, failed or unavailable. */
export function useOrderChoices(): OrderChoice[] | undefined {
  const loaded = useLoadedOrders(useContext(OrderSourceContext));
  return loaded.state === 'ready' ? loaded.choices : undefined;
}

export function optionText({ order, requester }: OrderChoice): string {
  const parts = [
    orderAccession(order)?.value ?? 'no accession number',
    procedureText(order.code) || 'procedure not named',
    order.authoredOn?.slice(0, 10),
    requester,
    order.status === 'active' ? undefined : order.status,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** The review of what picking `choice` changes, with Apply and Cancel. */
function OrderReview({ rows, onApply, onCancel }: { rows: DiffRow[]; onApply: () => void; onCancel: () => void }) {
  return (
    <Dialog open onClose={onCancel} aria-labelledby="order-review-title" maxWidth="md" fullWidth>
      <DialogTitle id="order-review-title">Fill in from the order?</DialogTitle>
      <DialogContent>
        <DiffTable rows={rows} source="From the order" />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="contained" onClick={onApply}>
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The editor add-on: the picker for the context's source of orders. */
export function OrderPicker() {
  const source = useContext(OrderSourceContext);
  return source ? <SourcedOrderPicker source={source} /> : null;
}

function SourcedOrderPicker({ source }: { source: OrderSource }) {
  const { getValues } = useFormContext<StudyFormValues>();
  const fill = useFillForm();
  const basedOn = useWatch<StudyFormValues>({ name: 'basedOn' });
  const linked = useMemo(() => linkedOrders({ basedOn }), [basedOn]);
  const loaded = useLoadedOrders(source);
  const [unscheduled, setUnscheduled] = useState(false);
  const [review, setReview] = useState<{ next: StudyFormValues; rows: DiffRow[] } | undefined>();

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    // A new study launched for an order: nothing has been typed yet, so the order fills it in at once.
    const launchedFor = loaded.choices.find((c) => orderReference(c.order) === source.preselect);
    const current = getValues();
    if (launchedFor && isPickable(launchedFor.order) && !linkedOrders(current).includes(source.preselect ?? '')) {
      fill(applyOrder(current, launchedFor.order));
    }
    // The form's methods are stable; a new load result is what may fill the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  const choices = loaded.state === 'ready' ? loaded.choices : [];
  const byReference = new Map(choices.map((c) => [orderReference(c.order), c]));
  const pick = (value: string): void => {
    if (value === NO_ORDER) return setUnscheduled(true);
    const choice = byReference.get(value);
    if (!choice) return;
    setUnscheduled(false);
    const current = getValues();
    const next = applyOrder(current, choice.order);
    setReview({ next, rows: diffImport(current, next) });
  };
  const unlink = (reference: string): void => fill(unlinkOrder(getValues(), reference));
  const linkedText = (reference: string): string => {
    const choice = byReference.get(reference);
    if (choice) return optionText(choice);
    const stored = (Array.isArray(basedOn) ? (basedOn as Reference[]) : []).find((r) => r.reference === reference);
    return stored?.display ?? reference;
  };

  const helper =
    source.unavailable ??
    (loaded.state === 'loading'
      ? 'Loading the orders…'
      : loaded.state === 'failed'
        ? 'The orders could not be loaded.'
        : choices.length === 0
          ? 'This patient has no imaging orders.'
          : `${plural(choices.length, 'order')} for this patient, newest first.`);
  return (
    <OrderField
      label={linked.length > 0 ? 'Link another order' : 'Order'}
      helper={helper}
      disabled={source.unavailable !== undefined || loaded.state !== 'ready'}
      onPick={pick}
      before={
        <>
          {linked.map((reference) => (
            <Stack key={reference} direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
              <Box sx={{ overflowWrap: 'anywhere' }}>Linked to order: {linkedText(reference)}</Box>
              <Button
                size="small"
                onClick={() => unlink(reference)}
                aria-label={`Unlink order ${linkedText(reference)}`}
              >
                Unlink
              </Button>
            </Stack>
          ))}
          {unscheduled && linked.length === 0 && <Box sx={{ mb: 1 }}>No order: an unscheduled study.</Box>}
        </>
      }
      after={
        <>
          {loaded.state === 'failed' && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {loaded.message}
            </Alert>
          )}
          {review && (
            <OrderReview
              rows={review.rows}
              onCancel={() => setReview(undefined)}
              onApply={() => {
                fill(review.next);
                setReview(undefined);
              }}
            />
          )}
        </>
      }
    >
      {choices.map((choice) => {
        const reference = orderReference(choice.order);
        return (
          <option key={reference} value={reference} disabled={!isPickable(choice.order) || linked.includes(reference)}>
            {optionText(choice)}
          </option>
        );
      })}
      <option value={NO_ORDER}>No order (unscheduled)</option>
    </OrderField>
  );
}
