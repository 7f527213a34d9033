// Real files on disk (Node's file-backed Blobs behave like the browser's File: a read fails once the file changed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStudy, CT_IMAGE, notDicomFile, truncatedFile } from '../testing/build';
import { readHeader, readHeaders, REASONS } from './header';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-header-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const study = buildStudy({
  patientId: 'MRN-1',
  patientName: 'Lovelace^Ada',
  date: '20240314',
  matrix: 128,
  series: [{ modality: 'CT', sopClassUid: CT_IMAGE, instances: 4 }],
});

/** Writes the bytes and opens the file as a file-backed Blob, as a file picker hands it over. */
async function onDisk(name: string, bytes: Uint8Array): Promise<Blob> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return fs.openAsBlob(file);
}

async function sampleFiles(): Promise<Blob[]> {
  const [first] = study.instances;
  if (!first) throw new Error('no instance');
  return [
    ...(await Promise.all(study.instances.map((i) => onDisk(i.name, i.bytes)))),
    await onDisk('notes.txt', notDicomFile()),
    await onDisk('broken.dcm', truncatedFile(first.bytes, 300)),
  ];
}

describe('readHeaders', () => {
  it('reads several files in one go with the same results as one by one, in order', async () => {
    const files = await sampleFiles();
    const joint = await readHeaders(files);
    expect(joint).toEqual(await Promise.all(files.map((f) => readHeader(f))));
    expect(joint.map((r) => (r.ok ? r.header.instance.uid : r.reason))).toEqual([
      ...study.instances.map((i) => i.sopInstanceUid),
      REASONS.notDicom,
      REASONS.cutShort,
    ]);
  });

  it('reads a file again with growing slices when its header is longer than the first slice', async () => {
    const files = await sampleFiles();
    expect(await readHeaders(files, 200)).toEqual(await readHeaders(files));
  });

  it('names the file that changed on disk after it was chosen and still reads the others', async () => {
    const files = await sampleFiles();
    const changed = study.instances[1];
    if (!changed) throw new Error('no instance');
    fs.writeFileSync(path.join(dir, changed.name), notDicomFile());
    const results = await readHeaders(files);
    expect(results[1]).toEqual({ ok: false, reason: expect.stringContaining('could not be read') as string });
    expect(results.filter((r) => r.ok)).toHaveLength(study.instances.length - 1);
  });
});
