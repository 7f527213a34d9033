/**
 * The browser benchmark's servers: a production build of the app (plus the bare baseline page, built on its own so
 * the app's chunks are exactly those of `vite build`), served by `vite preview` with the app's security headers, and
 * the SMART sandbox, both in this process.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { cspSourcesFromConfig, securityHeaders } from '../../../src/app/csp';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * Outside dist/, so the bench never fights `npm start` or Playwright over the app's build; BENCH_OUT_DIR moves it
 * (two checkouts that share node_modules must not share it).
 */
const OUT = process.env.BENCH_OUT_DIR ?? join(ROOT, 'node_modules/.cache');
export const BENCH_DIST = join(OUT, 'bench-dist');
const BARE_DIST = join(OUT, 'bench-bare-dist');

export interface BenchServers {
  appOrigin: string;
  sandbox: Sandbox;
  /** The build output (the app's files, then bare.html, floor.html and their assets copied in). */
  distDir: string;
  /** Vite's manifest of the app build (bare page excluded). */
  manifestFile: string;
  close(): Promise<void>;
}

async function buildApp(): Promise<void> {
  // The project's own config, so the chunks are those production gets; the manifest only lists them.
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: BENCH_DIST, emptyOutDir: true, manifest: true } });
  // The baseline pages: a build of their own, without the project config's inputs, then copied beside the app.
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { FHIRCLIENT_PURE: 'true' },
    build: {
      outDir: BARE_DIST,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { bare: join(ROOT, 'bare.html'), floor: join(ROOT, 'floor.html') } },
    },
  });
  for (const page of ['bare.html', 'floor.html']) copyFileSync(join(BARE_DIST, page), join(BENCH_DIST, page));
  mkdirSync(join(BENCH_DIST, 'assets'), { recursive: true });
  cpSync(join(BARE_DIST, 'assets'), join(BENCH_DIST, 'assets'), { recursive: true });
  rmSync(BARE_DIST, { recursive: true, force: true });
}

/** Builds and starts everything; `close()` stops both servers. */
export async function startBenchServers(appPort: number, sandboxPort: number): Promise<BenchServers> {
  await buildApp();
  return serveBuild(BENCH_DIST, appPort, sandboxPort);
}

/**
 * Serves the build in `distDir` with `vite preview` and the app's security headers, beside a SMART sandbox of its own;
 * `close()` stops both.
 */
export async function serveBuild(distDir: string, appPort: number, sandboxPort: number): Promise<BenchServers> {
  const appOrigin = `http://127.0.0.1:${appPort}`;
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  const sources = cspSourcesFromConfig(JSON.parse(readFileSync(join(distDir, 'smart-config.json'), 'utf8')));
  const headers = securityHeaders({
    connectSrc: [...sources.connectSrc, sandboxOrigin],
    frameAncestors: [...sources.frameAncestors, sandboxOrigin],
  });
  const app = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: distDir },
    preview: { port: appPort, host: '127.0.0.1', strictPort: true, headers },
  });
  const sandbox = await startSandbox({ port: sandboxPort, appOrigin });
  return {
    appOrigin,
    sandbox,
    distDir,
    manifestFile: join(distDir, '.vite/manifest.json'),
    close: async () => {
      await Promise.allSettled([sandbox.close(), new Promise((resolve) => app.httpServer.close(resolve))]);
    },
  };
}
