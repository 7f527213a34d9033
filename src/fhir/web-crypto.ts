/**
 * The app's `isomorphic-webcrypto` (see the alias in vite.config.ts). fhirclient uses `globalThis.crypto` whenever it
 * exists and falls back to that package, whose shims serve browsers without Web Crypto (IE 11, old Safari). Every
 * browser that runs this app (an ES2022 build) has it, so the fallback is the same object and the shims stay out of
 * the bundle.
 */
export default globalThis.crypto;
