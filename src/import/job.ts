/** What the import's entry (ImportBar) and its lazily loaded flow share. */
import type { DroppedItems } from './entries';

/** What the user asked for: files to read, or a PACS lookup. */
export type ImportRequest = { kind: 'files'; items: DroppedItems } | { kind: 'pacs' };

/** A request with an id, so that a new request restarts the flow. */
export type ImportJob = ImportRequest & { id: number };

/** How an import ended, shown under the drop zone. */
export interface ImportOutcome {
  severity: 'success' | 'info' | 'warning';
  text: string;
}

/** Performance marks around reading the headers (the benchmark reads the measure). */
export const IMPORT_START_MARK = 'imr:import:start';
export const IMPORT_READ_MARK = 'imr:import:read';
export const IMPORT_MEASURE = 'imr:import';
