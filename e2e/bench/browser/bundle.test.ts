import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFiles, bundleFigures, staticClosure, type Manifest } from './bundle';

const manifest: Manifest = {
  'index.html': {
    file: 'assets/main.js',
    isEntry: true,
    imports: ['_shared.js'],
    dynamicImports: ['src/Shell.tsx', 'src/Editor.tsx'],
  },
  'src/Shell.tsx': { file: 'assets/shell.js', isDynamicEntry: true, imports: ['_shared.js'] },
  '_shared.js': { file: 'assets/shared.js', css: ['assets/shared.css'] },
  'src/Editor.tsx': {
    file: 'assets/editor.js',
    isDynamicEntry: true,
    imports: ['_shared.js', '_forms.js'],
    dynamicImports: ['src/Heavy.ts'],
  },
  '_forms.js': { file: 'assets/forms.js' },
  'src/Heavy.ts': { file: 'assets/heavy.js', isDynamicEntry: true },
};

describe('staticClosure', () => {
  it('follows static imports and their CSS but not dynamic imports', () => {
    expect(staticClosure(manifest, ['index.html'])).toEqual([
      'assets/main.js',
      'assets/shared.css',
      'assets/shared.js',
    ]);
    expect(staticClosure(manifest, ['index.html', 'src/Editor.tsx'])).toEqual([
      'assets/editor.js',
      'assets/forms.js',
      'assets/main.js',
      'assets/shared.css',
      'assets/shared.js',
    ]);
  });

  it('refuses a chunk the manifest does not have', () => {
    expect(() => staticClosure(manifest, ['src/Missing.tsx'])).toThrow('no chunk "src/Missing.tsx"');
  });
});

/**
 * The figures of a build of the test manifest in which `large` is over 100 KB of random text (it does not compress, so
 * it dominates any gzipped figure it is counted in) and every other file is one byte.
 */
function figuresWithLarge(large: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  mkdirSync(join(dir, 'assets'));
  const text = Array.from({ length: 20_000 }, () => Math.random().toString(36)).join('');
  try {
    for (const file of allFiles(manifest)) writeFileSync(join(dir, file), file === large ? text : 'x');
    return bundleFigures(dir, manifest, 'src/Editor.tsx', 'src/Shell.tsx');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('bundleFigures', () => {
  it('counts a lazily loaded chunk in the total but not in the editor route', () => {
    const figures = figuresWithLarge('assets/heavy.js');
    expect(figures.totalKb).toBeGreaterThan(figures.editorInitialKb + 50);
    expect(figures.editorInitialKb).toBeGreaterThan(figures.listInitialKb);
    expect(figures.editorFiles.map((f) => f.file)).not.toContain('assets/heavy.js');
  });

  it('counts the shell the entry imports at once in both routes', () => {
    const figures = figuresWithLarge('assets/shell.js');
    expect(figures.listInitialKb).toBeGreaterThan(50);
    expect(figures.editorFiles.map((f) => f.file)).toContain('assets/shell.js');
  });
});
