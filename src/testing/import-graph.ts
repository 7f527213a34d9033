/**
 * The project's module graph, read with TypeScript's own module resolution (no hand-written import parser):
 * which source file imports which. Used by the architecture test and by `npx tsx src/testing/import-graph.ts`,
 * which prints the counts of modules, edges and cycles.
 */
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export interface ImportGraph {
  /** Project-relative paths of the modules, e.g. `src/form/StudyEditor.tsx`. */
  modules: string[];
  /** Each module's imports that resolve to project files (static, dynamic and type-only). */
  edges: Map<string, string[]>;
}

const SOURCE = /\.(ts|tsx)$/;

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The graph of every `.ts`/`.tsx` file under `roots` (relative to `root`), tests included unless `withTests` is false. */
export function readImportGraph(root: string, roots: string[], withTests = true): ImportGraph {
  const options: ts.CompilerOptions = {
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
  };
  const host = ts.createCompilerHost(options);
  const files = roots
    .flatMap((r) => listSources(resolve(root, r)))
    .filter((f) => withTests || !/\.(test|spec)\.tsx?$/.test(f));
  const known = new Set(files.map((f) => relative(root, f)));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const ref of info.importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, file, options, host).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = relative(root, resolved.resolvedFileName);
      if (known.has(target)) targets.add(target);
    }
    edges.set(relative(root, file), [...targets].sort());
  }
  return { modules: [...known].sort(), edges };
}

/** The strongly connected components with more than one module (or a module importing itself): Tarjan's algorithm. */
export function findCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indexes.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!indexes.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indexes.get(w)!));
      }
    }
    if (low.get(v) === indexes.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const m of graph.modules) if (!indexes.has(m)) visit(m);
  return cycles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = readImportGraph(process.cwd(), process.argv.slice(2).length ? process.argv.slice(2) : ['src']);
  const edgeCount = [...graph.edges.values()].reduce((n, e) => n + e.length, 0);
  const cycles = findCycles(graph);
  console.log(`modules ${graph.modules.length}, edges ${edgeCount}, cycles ${cycles.length}`);
  for (const c of cycles) console.log(`  cycle: ${c.join(' ↔ ')}`);
}
