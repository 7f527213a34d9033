/**
 * `npm start`: builds the app, serves the production build on APP_PORT (default 5173) and the SMART sandbox on
 * SANDBOX_PORT (default 8080), on two loopback origins as in a real deployment, and prints the EHR page's URL.
 * Set SKIP_BUILD=1 to serve the existing build, APP_OUT_DIR to build into another folder than dist/.
 *
 * It also starts the embedded PACS as the e2e setup does (e2e/dicom: Orthanc, installed with apt when missing,
 * behind its CORS proxy on PACS_PORT, default 8042), seeded with DICOM studies for some of the seeded orders; the
 * sandbox's "Main PACS" Endpoint points at it. A PACS already answering on PACS_PORT is reused. Without Orthanc
 * (not installed and not root, or it fails to start) one line says so and everything else runs. PACS=0 skips it.
 *
 * The app is served with the security headers of src/app/csp.ts, built from the served smart-config.json plus the
 * sandbox's origin (its FHIR server and authorization server, and the EHR page that embeds the app).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { cspSourcesFromConfig, securityHeaders } from '../src/app/csp';
import { startSeededPacs, type SeededPacs } from './dicom/seed-pacs';
import { startSandbox } from './sandbox/server';

const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8080);
const appPort = Number(process.env.APP_PORT ?? 5173);
const appOrigin = `http://127.0.0.1:${appPort}`;
const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
const outDir = process.env.APP_OUT_DIR ?? 'dist';
const pacsPort = Number(process.env.PACS_PORT ?? 8042);
const pacsOrigin = `http://127.0.0.1:${pacsPort}`;

/** The PACS, or undefined (after one line saying why) when Orthanc cannot be started. */
async function startPacsOrSayWhy(): Promise<SeededPacs | undefined> {
  if (process.env.PACS === '0') {
    console.log('PACS:         skipped (PACS=0)');
    return undefined;
  }
  try {
    return await startSeededPacs(pacsPort);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    console.log(`PACS:         not started (${reason}); running without it`);
    return undefined;
  }
}

if (!process.env.SKIP_BUILD) {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}
const sources = cspSourcesFromConfig(JSON.parse(readFileSync(join(outDir, 'smart-config.json'), 'utf8')));
const headers = securityHeaders({
  connectSrc: [...sources.connectSrc, sandboxOrigin, pacsOrigin],
  frameAncestors: [...sources.frameAncestors, sandboxOrigin],
});
/** Removes the `event` listeners of `emitter` that are not among `before` (the ones added since). */
function dropAddedListeners(emitter: NodeJS.EventEmitter, event: string, before: readonly unknown[]): void {
  for (const listener of emitter.listeners(event)) {
    if (!before.includes(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
  }
}
const beforeVite = { sigterm: process.listeners('SIGTERM'), stdinEnd: process.stdin.listeners('end') };
const app = await preview({
  logLevel: 'warn',
  build: { outDir },
  preview: { port: appPort, host: '127.0.0.1', strictPort: true, headers },
});
// Vite's preview server ends the process on SIGTERM (and when stdin ends) as soon as its own server has closed, which
// left the PACS running or its files behind. shutdown() below closes everything, Vite's server included.
dropAddedListeners(process, 'SIGTERM', beforeVite.sigterm);
dropAddedListeners(process.stdin, 'end', beforeVite.stdinEnd);
const pacs = await startPacsOrSayWhy();
const sandbox = await startSandbox({ port: sandboxPort, appOrigin, mainPacsAddress: `${pacsOrigin}/dicom-web` });

console.log(`App:          ${appOrigin}/`);
console.log(`FHIR server:  ${sandbox.fhirBase}`);
console.log(`EHR sandbox:  ${sandbox.url}   <- open this page and launch the app for a patient`);
if (pacs) {
  const how = pacs.reused ? 'already running, reused' : `Orthanc in ${pacs.folder ?? '?'}`;
  console.log(`PACS:         ${pacs.dicomWebBase} (${how}; ${pacs.stored} seeded studies stored now)`);
}
console.log(`App CSP:      ${headers['Content-Security-Policy']}`);

async function shutdown(): Promise<void> {
  await Promise.allSettled([sandbox.close(), app.close(), pacs?.stop() ?? Promise.resolve()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
