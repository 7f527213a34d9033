import { describe, expect, it } from 'vitest';
import { buildStudy, CT_IMAGE, notDicomFile } from '../testing/build';
import { readHeaders } from './header';
import type { WorkerReply, WorkerRequest } from './protocol';
import { readDicomFiles, type NamedFile, type WorkerLike } from './reader';

/** Runs the worker's job (readHeaders) in-process, asynchronously like a real worker. */
class FakeWorker implements WorkerLike {
  static created = 0;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.created++;
  }
  postMessage({ batch, files }: WorkerRequest): void {
    void readHeaders(files).then((results) => {
      if (!this.terminated) this.onmessage?.({ data: { batch, results } } as MessageEvent<WorkerReply>);
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

const built = buildStudy({
  patientId: 'P',
  patientName: 'Doe^Jo',
  date: '20240101',
  series: [{ modality: 'CT', sopClassUid: CT_IMAGE, instances: 7 }],
});
const files: NamedFile[] = built.instances.map((i) => ({
  file: new File([i.bytes as Uint8Array<ArrayBuffer>], i.name),
  path: `disc/${i.name}`,
}));
files.splice(3, 0, {
  file: new File([notDicomFile() as Uint8Array<ArrayBuffer>], 'notes.txt'),
  path: 'disc/notes.txt',
});

describe('readDicomFiles', () => {
  it('reads every file on the pool, reports progress and lists skipped files by path', async () => {
    const progress: number[] = [];
    const outcome = await readDicomFiles(files, {
      batchSize: 3,
      workers: 2,
      createWorker: () => new FakeWorker(),
      onProgress: (done, total) => {
        expect(total).toBe(8);
        progress.push(done);
      },
    });
    expect(outcome.headers.map((h) => h.header.instance.uid)).toEqual(built.instances.map((i) => i.sopInstanceUid));
    expect(outcome.skipped).toEqual([{ file: 'disc/notes.txt', reason: expect.stringContaining('not a DICOM file') }]);
    expect(progress.at(-1)).toBe(8);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('stops the workers and rejects with AbortError when cancelled', async () => {
    const controller = new AbortController();
    const workers: FakeWorker[] = [];
    const reading = readDicomFiles(files, {
      batchSize: 1,
      workers: 2,
      signal: controller.signal,
      createWorker: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      onProgress: (done) => done === 2 && controller.abort(),
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('resolves at once for no files', async () => {
    expect(await readDicomFiles([], { createWorker: () => new FakeWorker() })).toEqual({ headers: [], skipped: [] });
  });
});
