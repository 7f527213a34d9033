/**
 * The DICOM import slice as the editor sees it: what the app plugs into the form. Header reading, mapping, the PACS
 * lookup and the endpoint check load on first use behind these two components.
 */
import { lazy, Suspense } from 'react';
import type { EditorAddOns } from '../form';
import { EndpointChecks } from './EndpointChecks';
import { ImportBar } from './ImportBar';
import { OrderFieldLoading } from './OrderField';

/** The order picker arrives in its own chunk, while the orders it lists are being fetched anyway. */
const LazyOrderPicker = lazy(() => import('./OrderPicker').then((m) => ({ default: m.OrderPicker })));

function OrderPicker() {
  return (
    <Suspense fallback={<OrderFieldLoading />}>
      <LazyOrderPicker />
    </Suspense>
  );
}

export const IMPORT_ADD_ONS: EditorAddOns = { OrderPicker, ImportBar, EndpointChecks };

export { OrderSourceContext, type OrderChoice, type OrderSource } from './order-source';
