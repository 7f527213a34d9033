/**
 * Issue 15: `npm start` brings up the PACS. Runs `npm start`'s script (e2e/start.ts) on ports of its own, reusing the
 * app build the test run already made, and asks the PACS it started, as the PACS lookup does (QIDO-RS), for the
 * study of a seeded order by its accession number.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test } from './fixtures';
import { PACS_SEED_STUDIES } from './dicom/seed-pacs';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves with the line `prefix …` the process prints, or rejects when it exits first. */
function lineOf(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith(prefix));
      if (line) resolve(line);
    });
    child.once('exit', (code) =>
      reject(new Error(`npm start ended (${code ?? 'signal'}) before "${prefix}":\n${out}`)),
    );
  });
}

test('npm start starts the PACS, seeded: a lookup by a seeded order’s accession number finds its study; Ctrl-C stops it', async () => {
  test.setTimeout(180_000);
  const [sandboxPort, appPort, pacsPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn('npx', ['tsx', 'e2e/start.ts'], {
    env: {
      ...process.env,
      SKIP_BUILD: '1',
      SANDBOX_PORT: String(sandboxPort),
      APP_PORT: String(appPort),
      PACS_PORT: String(pacsPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let folder: string | undefined;
  try {
    const line = await lineOf(child, 'PACS:');
    expect(line).toContain(`http://127.0.0.1:${pacsPort}/dicom-web`);
    folder = /Orthanc in (\S+);/.exec(line)?.[1];
    expect(folder && existsSync(folder)).toBe(true);
    const seeded = PACS_SEED_STUDIES[0];
    expect(seeded).toBeDefined();
    const response = await fetch(
      `http://127.0.0.1:${pacsPort}/dicom-web/studies?AccessionNumber=${encodeURIComponent(seeded?.accession ?? '')}`,
      { headers: { accept: 'application/dicom+json' } },
    );
    expect(response.status).toBe(200);
    const studies = (await response.json()) as Record<string, { Value?: unknown[] }>[];
    expect(studies.map((s) => s['0020000D']?.Value?.[0])).toEqual([seeded?.studyUid]);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
  // Stopped as Ctrl-C stops it (a signal to the whole process group): the PACS stops and its folder goes.
  await expect.poll(() => folder !== undefined && existsSync(folder), { timeout: 30_000 }).toBe(false);
  await expect(fetch(`http://127.0.0.1:${pacsPort}/dicom-web/studies`)).rejects.toThrow();
});
