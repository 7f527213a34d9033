/**
 * The architecture, checked over the source tree: README's layout table and the lint zones agree, the import graph
 * has no cycle and never reaches into e2e/, and each piece of shared knowledge has one home.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../eslint.config.js';
import { findCycles, readImportGraph } from './import-graph';

const ROOT = join(import.meta.dirname, '..', '..');

/** Product modules: every .ts/.tsx under src/ except tests, `testing/` folders and type declarations. */
function productFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'generated' ? [] : productFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The text of every string, template and regular-expression literal in a file (comments are not literals). */
function literals(file: string): string[] {
  const out: string[] = [];
  walk(sourceOf(file), (node) => {
    if (ts.isStringLiteralLike(node) || ts.isRegularExpressionLiteral(node) || ts.isTemplateLiteralToken(node))
      out.push(node.text);
  });
  return out;
}

/** The product files with at least one node for which `matches` holds. */
function filesWhere(matches: (node: ts.Node) => boolean): string[] {
  return productFiles().filter((file) => {
    let found = false;
    walk(sourceOf(file), (node) => {
      found ||= matches(node);
    });
    return found;
  });
}

const PRODUCT = productFiles();

describe('layout', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  /** README's layout rows: `src/<folder>` -> what it may import (folder names, or none). */
  const rows = new Map(
    [...readme.matchAll(/^\| `src\/([a-z]+)` +\|[^|]*\| ([^|]*)\|$/gm)].map(([, folder, imports]) => [
      folder ?? '',
      (imports ?? '')
        .trim()
        .split(/,\s*/)
        .filter((w) => /^[a-z]+$/.test(w)),
    ]),
  );

  it("README's layout table names every folder of src/, with the imports the lint zones allow", () => {
    const folders = readdirSync(join(ROOT, 'src')).filter((name) => statSync(join(ROOT, 'src', name)).isDirectory());
    expect([...rows.keys()].sort()).toEqual(folders.sort());
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(Object.entries(LAYERS).map(([layer, { imports }]) => [layer, imports])),
    );
  });

  it('has an import graph without cycles, in which src/ never imports e2e/', () => {
    const graph = readImportGraph(ROOT, ['src', 'e2e']);
    expect(findCycles(graph)).toEqual([]);
    const intoE2e = [...graph.edges].flatMap(([from, to]) =>
      from.startsWith('src/') ? to.filter((t) => t.startsWith('e2e/')).map((t) => `${from} -> ${t}`) : [],
    );
    expect(intoE2e).toEqual([]);
  });
});

describe('one home for each piece of shared knowledge', () => {
  it('spells the IMR canonical base in one product module', () => {
    const spelled = PRODUCT.filter((f) => literals(f).some((l) => l.includes('profiles.ihe.net/RAD/IMR')));
    expect(spelled).toEqual(['src/kernel/canonicals.ts']);
  });

  it('handles urn:oid: in one product module', () => {
    const handled = PRODUCT.filter((f) => literals(f).some((l) => l.toLowerCase().includes('urn:oid:')));
    expect(handled).toEqual(['src/kernel/uid.ts']);
  });

  it('builds OperationOutcomes in one module', () => {
    const building = filesWhere(
      (node) =>
        ts.isPropertyAssignment(node) &&
        node.name.getText() === 'resourceType' &&
        ts.isStringLiteralLike(node.initializer) &&
        node.initializer.text === 'OperationOutcome',
    );
    expect(building).toEqual(['src/kernel/outcome.ts']);
  });

  it('defines the JSON-object guard once', () => {
    // A type predicate onto a record type (`value is Record<string, unknown>`, `value is JsonRecord`, ...).
    const guards = filesWhere(
      (node) =>
        ts.isTypePredicateNode(node) &&
        node.type !== undefined &&
        /^(Record<|Json(Record|Object)\b|\{\s*\[)/.test(node.type.getText()),
    );
    expect(guards).toEqual(['src/kernel/json.ts']);
  });

  it('keeps one label table: element paths are object keys only in the profile field table', () => {
    const tables = filesWhere(
      (node) =>
        ts.isPropertyAssignment(node) &&
        ts.isStringLiteralLike(node.name) &&
        /^(ImagingStudy|Endpoint)\.[a-zA-Z]/.test(node.name.text),
    );
    expect(tables).toEqual(['src/profile/fields.ts']);
  });
});
