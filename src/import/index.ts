/**
 * The DICOM import slice as the editor sees it: what the app plugs into the form. Header reading, mapping, the PACS
 * lookup and the endpoint check load on first use behind these two components.
 */
import type { EditorAddOns } from '../form';
import { EndpointChecks } from './EndpointChecks';
import { ImportBar } from './ImportBar';
import { OrderPicker } from './OrderPicker';

export const IMPORT_ADD_ONS: EditorAddOns = { OrderPicker, ImportBar, EndpointChecks };

export { OrderSourceContext, type OrderChoice, type OrderSource } from './OrderPicker';
