/**
 * `npm start`: builds the app, serves the production build on APP_PORT (default 5173) and the SMART sandbox on
 * SANDBOX_PORT (default 8080), on two loopback origins as in a real deployment, and prints the EHR page's URL.
 * Set SKIP_BUILD=1 to serve the existing dist/.
 */
import { build, preview } from 'vite';
import { startSandbox } from './sandbox/server';

const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8080);
const appPort = Number(process.env.APP_PORT ?? 5173);
const appOrigin = `http://127.0.0.1:${appPort}`;

if (!process.env.SKIP_BUILD) {
  await build({ logLevel: 'warn' });
}
const app = await preview({ logLevel: 'warn', preview: { port: appPort, host: '127.0.0.1', strictPort: true } });
const sandbox = await startSandbox({ port: sandboxPort, appOrigin });

console.log(`App:          ${appOrigin}/`);
console.log(`FHIR server:  ${sandbox.fhirBase}`);
console.log(`EHR sandbox:  ${sandbox.url}   <- open this page and launch the app for a patient`);

async function shutdown(): Promise<void> {
  await Promise.allSettled([sandbox.close(), new Promise((resolve) => app.httpServer.close(resolve))]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
