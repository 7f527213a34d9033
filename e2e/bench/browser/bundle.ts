/**
 * Bundle figures from Vite's build manifest: the JavaScript and CSS a route loads before it can render (its entry or
 * lazy chunk with every static import, recursively, and their CSS), gzipped, and the total of the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk of `.vite/manifest.json` (the fields used here). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

/** The files (JS and CSS) that loading the chunks `keys` fetches before running them: static imports only. */
export function staticClosure(manifest: Manifest, keys: readonly string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The build manifest has no chunk "${key}"`);
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  keys.forEach(visit);
  return [...files].sort();
}

/** Every JS and CSS file of the build (the manifest's chunks and their CSS). */
export function allFiles(manifest: Manifest): string[] {
  const files = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    if (/\.(m?js|css)$/.test(chunk.file)) files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
  }
  return [...files].sort();
}

/** Gzipped size in KB (level 9, as a static host would precompress) of build files. */
export function gzipKb(distDir: string, files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  return bytes / 1024;
}

export interface BundleFigures {
  listInitialKb: number;
  editorInitialKb: number;
  totalKb: number;
  /** The editor route's initial files, largest first, with their gzipped KB. */
  editorFiles: { file: string; kb: number }[];
}

/**
 * The list page loads the `index.html` entry and the app's shell, which the entry imports at once (dynamically, so
 * that the launch's code exchange starts before the shell is evaluated: src/app/main.tsx); the editor route adds the
 * lazily loaded EditorPage chunk.
 */
export function bundleFigures(
  distDir: string,
  manifest: Manifest,
  editorKey = 'src/app/EditorPage.tsx',
  shellKey = 'src/app/render.tsx',
): BundleFigures {
  const list = staticClosure(manifest, ['index.html', shellKey]);
  const editor = staticClosure(manifest, ['index.html', shellKey, editorKey]);
  return {
    listInitialKb: gzipKb(distDir, list),
    editorInitialKb: gzipKb(distDir, editor),
    totalKb: gzipKb(distDir, allFiles(manifest)),
    editorFiles: editor.map((file) => ({ file, kb: gzipKb(distDir, [file]) })).sort((a, b) => b.kb - a.kb),
  };
}

/** Reads the manifest a build wrote. */
export function readManifest(file: string): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** Gzipped KB of the scripts and stylesheets an HTML file of the build references (the bare page's baseline). */
export function htmlAssetsKb(distDir: string, htmlFile: string): number {
  const html = readFileSync(join(distDir, htmlFile), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:m?js|css))"/g)].map((m) => m[1] as string);
  return gzipKb(distDir, [...new Set(files)]);
}
