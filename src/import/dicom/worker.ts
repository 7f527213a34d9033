/**
 * The header-reading Web Worker: reads batches of files with `readHeaders` and answers with the
 * results in the same order. Parsing happens here so that a large drop never blocks the page.
 */
import dcmjs from 'dcmjs';
import { readHeaders } from './header';
import type { WorkerReply, WorkerRequest } from './protocol';

// dcmjs warns on the console about oddities in files; the user sees skipped files in the UI instead.
dcmjs.log.setLevel('error');

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

// Each request is one batch, read with one joint read (readHeaders); the page keeps a few requests in flight per
// worker, so that one batch is parsed while the next one's bytes are on their way.
scope.onmessage = (event) => {
  const { batch, files } = event.data;
  void readHeaders(files).then(
    (results) => scope.postMessage({ batch, results }),
    // readHeaders does not throw; should it ever, the page still gets an answer for every file.
    (error: unknown) =>
      scope.postMessage({
        batch,
        results: files.map(() => ({ ok: false, reason: `could not be read (${String(error)})` })),
      }),
  );
};
