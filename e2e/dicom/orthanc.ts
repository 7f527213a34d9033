/**
 * Orthanc for the e2e tests: the Debian packages `orthanc` and `orthanc-dicomweb` (installed with
 * apt when missing and running as root), a throw-away config and storage in a temp dir, loopback
 * only, no DICOM port, its DICOMweb plugin on /dicom-web/, behind the CORS proxy on PACS_PORT.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startCorsProxy, type CorsProxy } from './cors-proxy';
import { tempDir } from './generate';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** Where the seeded "Main PACS (DICOMweb)" Endpoint points: the proxy in front of Orthanc. */
export const PACS_PORT = 8042;
export const PACS_URL = `http://127.0.0.1:${PACS_PORT}`;
export const DICOMWEB_BASE = `${PACS_URL}/dicom-web`;

/** Installs Orthanc and its DICOMweb plugin from Debian when they are missing. */
export function ensureOrthancInstalled(): void {
  if (fs.existsSync(ORTHANC_BINARY) && fs.existsSync(DICOMWEB_PLUGIN)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'Orthanc is missing: run `sudo apt-get install orthanc orthanc-dicomweb` (the e2e setup is not root).',
    );
  }
  execFileSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq orthanc orthanc-dicomweb'],
    {
      stdio: 'inherit',
    },
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}); see ${log}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Orthanc did not start within 30 s; see ${log}`);
}

export interface RunningPacs {
  url: string;
  dicomWebBase: string;
  /** Orthanc's folder (configuration, index, storage, log), removed by stop(). */
  folder: string;
  stop(): Promise<void>;
}

/** Whether something already answers DICOMweb on the PACS port (e.g. another test run's Orthanc). */
export async function pacsAlreadyRunning(pacsUrl: string = PACS_URL): Promise<boolean> {
  try {
    const response = await fetch(`${pacsUrl}/dicom-web/studies?limit=1`, {
      headers: { accept: 'application/dicom+json' },
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts Orthanc on a free loopback port and the CORS proxy on PACS_PORT. */
export async function startPacs(port: number = PACS_PORT): Promise<RunningPacs> {
  ensureOrthancInstalled();
  const dir = tempDir('imr-orthanc-');
  const httpPort = await freePort();
  const config = {
    Name: 'IMR-TEST-PACS',
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'index'),
    HttpPort: httpPort,
    DicomServerEnabled: false,
    DicomPort: 0,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpCompressionEnabled: false,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false },
  };
  const configFile = path.join(dir, 'orthanc.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const log = path.join(dir, 'orthanc.log');
  const out = fs.openSync(log, 'w');
  const child = spawn(ORTHANC_BINARY, [configFile], { stdio: ['ignore', out, out] });
  let proxy: CorsProxy | undefined;
  try {
    await waitFor(`http://127.0.0.1:${httpPort}/system`, child, log);
    proxy = await startCorsProxy({ host: '127.0.0.1', port, targetPort: httpPort });
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  const running = proxy;
  return {
    url: running.url,
    dicomWebBase: `${running.url}/dicom-web`,
    folder: dir,
    async stop() {
      await running.close();
      // Stopped by a signal to the whole process group (Ctrl-C on `npm start`), Orthanc may have exited already.
      const gone = child.exitCode !== null || child.signalCode !== null;
      const exited = gone ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      fs.closeSync(out);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stores DICOM files in the PACS through Orthanc's REST API (POST /instances). */
export async function storeInPacs(files: readonly Uint8Array[], pacsUrl: string = PACS_URL): Promise<void> {
  for (const bytes of files) {
    const response = await fetch(`${pacsUrl}/instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/dicom' },
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    });
    if (!response.ok) throw new Error(`Orthanc refused an instance: HTTP ${response.status} ${await response.text()}`);
  }
}
