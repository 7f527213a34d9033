/**
 * The DICOM import slice as the editor sees it: what the app plugs into the form. Header reading, mapping, the PACS
 * lookup and the endpoint check load on first use behind these two components.
 */
import type { Reference } from 'fhir/r4';
import { lazy, Suspense } from 'react';
import type { EditorAddOns } from '../form';
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

/** The endpoint checks arrive once the study has an Endpoint to check (a new study has none). */
const LazyEndpointChecks = lazy(() => import('./EndpointChecks').then((m) => ({ default: m.EndpointChecks })));

function EndpointChecks({ references }: { references: readonly Reference[] }) {
  if (references.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <LazyEndpointChecks references={references} />
    </Suspense>
  );
}

export const IMPORT_ADD_ONS: EditorAddOns = { OrderPicker, ImportBar, EndpointChecks };

export { OrderSourceContext, type OrderChoice, type OrderSource } from './order-source';
