/**
 * Reads the headers of many files on a small pool of Web Workers, in batches, with progress and
 * cancellation. Only header bytes are read (see header.ts); nothing is sent anywhere.
 */
import type { HeaderResult } from './header';
import type { WorkerReply, WorkerRequest } from './protocol';
import type { InstanceHeader, SkippedFile } from './types';

/** A file and the name the user knows it by (its path inside a dropped folder, or its name). */
export interface NamedFile {
  file: File;
  path: string;
}

export interface ReadOutcome {
  headers: { path: string; header: InstanceHeader }[];
  skipped: SkippedFile[];
}

/** What the pool needs of a Worker (a test can pass a fake). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: WorkerRequest): void;
  terminate(): void;
}

export interface ReadOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Number of workers; default 4 (see POOL_SIZE). */
  workers?: number;
  batchSize?: number;
  createWorker?: () => WorkerLike;
}

/**
 * Files per message to a worker, each batch read with one joint read (see readHeaders): the cost per file hardly
 * changes between 25 and 250 files a batch (measured), so batches stay small enough for progress and balance.
 */
const BATCH_SIZE = 50;
/** Batches in flight per worker: the next batch's bytes are on their way while one is parsed. */
const IN_FLIGHT = 2;
/** Idle workers are kept this long for the next import (a second drop is common), then stopped. */
const IDLE_MS = 30_000;

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

/**
 * Most of a header read is waiting for the browser to hand over file bytes, not parsing, so more workers than cores
 * pay off a little (measured on 2 cores); 4 keeps memory modest.
 */
const POOL_SIZE = 4;

function poolSize(batches: number, requested: number | undefined): number {
  return Math.max(1, Math.min(batches, requested ?? POOL_SIZE));
}

const idle: WorkerLike[] = [];
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function stopIdleLater(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => idle.splice(0).forEach((w) => w.terminate()), IDLE_MS);
}

/**
 * Starts the default workers ahead of the read (loading dcmjs takes a moment), e.g. while a dropped
 * folder is still being walked.
 */
export function prewarmWorkers(count: number = POOL_SIZE): void {
  while (idle.length < count) idle.push(defaultWorker());
  stopIdleLater();
}

/** Default workers go back to the idle pool after a completed read; others (tests' fakes) are stopped. */
function release(workers: readonly WorkerLike[], reusable: boolean): void {
  for (const worker of workers) {
    worker.onmessage = null;
    worker.onerror = null;
  }
  if (!reusable) {
    workers.forEach((w) => w.terminate());
    return;
  }
  idle.push(...workers);
  stopIdleLater();
}

/** Resolves with the headers read and the files skipped (with reasons); rejects with an AbortError when cancelled. */
export function readDicomFiles(files: readonly NamedFile[], options: ReadOptions = {}): Promise<ReadOutcome> {
  const size = options.batchSize ?? BATCH_SIZE;
  const batches: NamedFile[][] = [];
  for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
  const results: HeaderResult[][] = new Array<HeaderResult[]>(batches.length);
  const total = files.length;
  if (total === 0) return Promise.resolve({ headers: [], skipped: [] });

  return new Promise<ReadOutcome>((resolve, reject) => {
    const workers: WorkerLike[] = [];
    let next = 0;
    let finished = 0;
    let done = 0;
    let settled = false;
    // A cancelled or failed read may leave a worker busy: only a clean finish returns them to the pool.
    const stop = (clean: boolean): void => {
      settled = true;
      release(workers, clean && options.createWorker === undefined);
      options.signal?.removeEventListener('abort', abort);
    };
    function abort(): void {
      if (settled) return;
      stop(false);
      reject(new DOMException('The import was cancelled.', 'AbortError'));
    }
    const send = (worker: WorkerLike): void => {
      const batch = next++;
      if (batch >= batches.length) return;
      worker.postMessage({ batch, files: (batches[batch] ?? []).map((f) => f.file) });
    };
    const onReply = (worker: WorkerLike, reply: WorkerReply): void => {
      if (settled) return;
      results[reply.batch] = reply.results;
      done += reply.results.length;
      finished++;
      options.onProgress?.(done, total);
      if (finished === batches.length) {
        stop(true);
        resolve(collect(batches, results));
      } else {
        send(worker);
      }
    };
    if (options.signal?.aborted) return abort();
    options.signal?.addEventListener('abort', abort);
    const count = poolSize(batches.length, options.workers);
    for (let i = 0; i < count; i++) {
      const worker = options.createWorker ? options.createWorker() : (idle.pop() ?? defaultWorker());
      workers.push(worker);
      worker.onmessage = (event) => onReply(worker, event.data);
      worker.onerror = (event) => {
        if (settled) return;
        stop(false);
        reject(new Error(`The DICOM reader stopped: ${event.message || 'unknown error'}`));
      };
      for (let k = 0; k < IN_FLIGHT; k++) send(worker);
    }
  });
}

function collect(batches: readonly NamedFile[][], results: readonly HeaderResult[][]): ReadOutcome {
  const outcome: ReadOutcome = { headers: [], skipped: [] };
  batches.forEach((batch, b) =>
    batch.forEach((file, i) => {
      const result = results[b]?.[i];
      if (!result) outcome.skipped.push({ file: file.path, reason: 'was not read' });
      else if (result.ok) outcome.headers.push({ path: file.path, header: result.header });
      else outcome.skipped.push({ file: file.path, reason: result.reason });
    }),
  );
  return outcome;
}
