/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { cacheControlFor } from './src/app/caching.ts';
import { browserProfileArtefacts } from './src/profile/tools/browser-artefacts.ts';

const appPort = Number(process.env.APP_PORT ?? 5173);

/** `vite preview` (npm start, e2e, bench) sends the Cache-Control a production server must send (src/app/caching.ts). */
function productionCaching(): Plugin {
  return {
    name: 'production-caching',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        res.setHeader('Cache-Control', cacheControlFor(new URL(req.url ?? '/', 'http://app').pathname));
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), browserProfileArtefacts(), productionCaching()],
  // fhirclient's browser entry polyfills fetch unless told the browser is modern.
  define: { FHIRCLIENT_PURE: 'true' },
  resolve: {
    // fhirclient's fallback for browsers without Web Crypto: see src/fhir/web-crypto.ts.
    alias: { 'isomorphic-webcrypto': fileURLToPath(new URL('./src/fhir/web-crypto.ts', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: appPort, strictPort: true },
  preview: { host: '127.0.0.1', port: appPort, strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        launch: fileURLToPath(new URL('./launch.html', import.meta.url)),
      },
    },
  },
  test: {
    // fhirclient's package "main" is its Node entry; the app uses the browser build.
    // Only the bare name: `fhirclient/lib/...` imports stay what they are.
    alias: [
      {
        find: /^fhirclient$/,
        replacement: fileURLToPath(new URL('./node_modules/fhirclient/lib/entry/browser.js', import.meta.url)),
      },
    ],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Plain logic runs in Node; a test file that needs a DOM says so (`// @vitest-environment jsdom`). Setting up a
          // jsdom environment costs about half a second a file, most of a minute over the suite on 2 cores.
          include: ['src/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['src/testing/setup-dom.ts'],
          testTimeout: 30000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          // React components, rendered in jsdom.
          include: ['src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['src/testing/setup-dom.ts'],
          // Rendering the whole editor in jsdom is slow on a busy 2-core machine.
          testTimeout: 30000,
        },
      },
      {
        extends: true,
        test: {
          name: 'sandbox',
          // The sandbox, and the bench's own figure-keeping helpers.
          include: ['e2e/sandbox/**/*.test.ts', 'e2e/bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30000,
          hookTimeout: 60000,
        },
      },
    ],
  },
});
