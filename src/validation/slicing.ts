import type { ElementNode, SlicingDiscriminator } from '../profile';
import { deepContains, deepEqual, isRecord } from './json';

/** Which slice each item of a sliced array belongs to. */
export interface SliceMatcher {
  slices: readonly ElementNode[];
  /** The index in `slices` of the slice `item` belongs to, or -1 for none. */
  match(item: unknown): number;
}

type Test = (item: unknown) => boolean;

/** The values at a dotted discriminator path under `item` (`$this` = the item; arrays are flattened). */
function valuesAt(item: unknown, path: string): unknown[] {
  let current: unknown[] = [item];
  for (const step of path.split('.')) {
    if (step === '$this') continue;
    const next: unknown[] = [];
    for (const value of current) {
      if (!isRecord(value)) continue;
      const v = value[step];
      if (Array.isArray(v)) next.push(...v);
      else if (v !== undefined && v !== null) next.push(v);
    }
    current = next;
  }
  return current;
}

/** The element a discriminator path names inside a slice (`$this` = the slice itself). */
function nodeAt(slice: ElementNode, path: string): ElementNode | undefined {
  let node: ElementNode | undefined = slice;
  for (const step of path.split('.')) {
    if (step === '$this') continue;
    node = node?.children.find((c) => c.name === step);
  }
  return node;
}

function discriminatorTest(slice: ElementNode, d: SlicingDiscriminator): Test | undefined {
  if (!/^(\$this|[A-Za-z][A-Za-z0-9]*)(\.[A-Za-z][A-Za-z0-9]*)*$/.test(d.path)) return undefined;
  const node = nodeAt(slice, d.path);
  if (node === undefined) return undefined;
  switch (d.type) {
    case 'value':
    case 'pattern': {
      const fixed = node.fixed?.value;
      const pattern = node.pattern?.value;
      if (fixed !== undefined) return (item) => valuesAt(item, d.path).some((v) => deepEqual(v, fixed));
      if (pattern !== undefined) return (item) => valuesAt(item, d.path).some((v) => deepContains(v, pattern));
      return undefined;
    }
    case 'exists':
      if (node.min > 0) return (item) => valuesAt(item, d.path).length > 0;
      if (node.max === 0) return (item) => valuesAt(item, d.path).length === 0;
      return undefined;
    default:
      // type and profile discriminators need type inference or profile resolution: not supported.
      return undefined;
  }
}

/**
 * Compiles the slicing of `node`. Returns undefined when the node is not sliced, has no named
 * slices, or uses a discriminator this validator cannot evaluate; the items are then checked
 * against the base element only, and no slice cardinality is reported (never a false error).
 */
export function compileSlicing(node: ElementNode): SliceMatcher | undefined {
  const slicing = node.slicing;
  if (slicing === undefined || node.slices.length === 0 || slicing.discriminator.length === 0) return undefined;
  const tests: Test[][] = [];
  for (const slice of node.slices) {
    const sliceTests: Test[] = [];
    for (const d of slicing.discriminator) {
      const test = discriminatorTest(slice, d);
      if (test === undefined) return undefined;
      sliceTests.push(test);
    }
    tests.push(sliceTests);
  }
  return {
    slices: node.slices,
    match: (item) => tests.findIndex((sliceTests) => sliceTests.every((t) => t(item))),
  };
}
