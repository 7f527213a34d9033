/**
 * The header-reading Web Worker: reads batches of files with `readHeader` and answers with the
 * results in the same order. Parsing happens here so that a large drop never blocks the page.
 */
import dcmjs from 'dcmjs';
import { readHeader, type HeaderResult } from './header';
import type { WorkerReply, WorkerRequest } from './protocol';

// dcmjs warns on the console about oddities in files; the user sees skipped files in the UI instead.
dcmjs.log.setLevel('error');

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

/** Reads in flight per worker: file reads wait on the browser's I/O, so several overlap while one is parsed. */
const LANES = 16;

/** Reads every file with at most LANES reads in flight, results in input order. */
async function readAll(files: readonly File[]): Promise<HeaderResult[]> {
  const results = new Array<HeaderResult>(files.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      results[index] = file ? await readHeader(file) : { ok: false, reason: 'was not read' };
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, files.length) }, lane));
  return results;
}

scope.onmessage = (event) => {
  const { batch, files } = event.data;
  void readAll(files).then(
    (results) => scope.postMessage({ batch, results }),
    (error: unknown) =>
      scope.postMessage({
        batch,
        results: files.map(() => ({ ok: false, reason: `could not be read (${String(error)})` })),
      }),
  );
};
