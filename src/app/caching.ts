/**
 * How long browsers may keep the app's files. Vite names every file under `assets/` after a hash of its content, so
 * a deployment never changes one in place: those are kept for a year without asking again, and a launch loads its
 * scripts from the browser's cache instead of revalidating each one with the server. Everything else (the HTML pages,
 * `smart-config.json`, the icon) keeps its name across deployments and is revalidated on every use.
 */

/** Files Vite names by content hash (`/assets/EditorPage-CKrWczUK.js`). */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The `Cache-Control` header for a request path of the app's origin. */
export function cacheControlFor(pathname: string): string {
  return HASHED_ASSET.test(pathname) ? IMMUTABLE : REVALIDATE;
}
