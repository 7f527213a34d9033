import { startSandbox } from './server.ts';

// Starts the sandbox from environment variables: SANDBOX_PORT (8080), APP_PORT (5173) or
// APP_ORIGIN, TOKEN_TTL (access token lifetime in seconds, 3600).
const port = Number(process.env.SANDBOX_PORT ?? 8080);
const appOrigin = process.env.APP_ORIGIN ?? `http://127.0.0.1:${process.env.APP_PORT ?? 5173}`;
const ttl = process.env.TOKEN_TTL ? Number(process.env.TOKEN_TTL) : undefined;

const sandbox = await startSandbox({ port, appOrigin, accessTokenTtlSeconds: ttl });
console.log(`Sandbox EHR:  ${sandbox.url}/`);
console.log(`FHIR base:    ${sandbox.fhirBase}`);
console.log(`App origin:   ${appOrigin}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().finally(() => process.exit(0));
  });
}
