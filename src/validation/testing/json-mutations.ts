/** A JSON value (what JSON.parse returns). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a value sits in a JSON tree: object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

/** The kinds of damage the property tests do to a JSON tree. */
export const MUTATIONS = [
  'delete',
  'null',
  'emptyString',
  'emptyObject',
  'emptyArray',
  'random',
  'retype',
  'duplicate',
  'unknownKey',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** A JSON object (not null, not an array). */
export const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every path in the tree, root (`[]`) first, depth-first. */
export function jsonPaths(value: Json, prefix: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...jsonPaths(item, [...prefix, i])));
  else if (isObject(value))
    for (const [key, item] of Object.entries(value)) paths.push(...jsonPaths(item, [...prefix, key]));
  return paths;
}

/** The value at `path`, or `undefined` when there is none. */
export function jsonAt(root: Json, path: JsonPath): Json | undefined {
  let node: Json | undefined = root;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === 'number') node = node[step];
    else if (isObject(node) && typeof step === 'string') node = node[step];
    else return undefined;
  }
  return node;
}

/** A value of another JSON type that still carries the original's content, like a careless converter. */
function retyped(value: Json): Json {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : [value];
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value[0] ?? {};
  if (isObject(value)) return [value];
  return 0;
}

/** Replaces (or, for `delete`, removes) the node at `path`, returning the new root. */
function replaceAt(root: Json, path: JsonPath, next: Json | undefined): Json | undefined {
  if (path.length === 0) return next;
  const parent = jsonAt(root, path.slice(0, -1));
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (next === undefined) parent.splice(last, 1);
    else parent[last] = next;
  } else if (isObject(parent) && typeof last === 'string') {
    if (next === undefined) delete parent[last];
    else parent[last] = next;
  }
  return root;
}

/**
 * Applies one mutation at `path` to a copy of `root`. `random` supplies the value for `random` and
 * `unknownKey`, `key` the name of an inserted property. Returns `undefined` only when the root is deleted.
 */
export function mutate(root: Json, path: JsonPath, mutation: Mutation, random: Json, key: string): Json | undefined {
  const copy = structuredClone(root);
  const target = jsonAt(copy, path);
  if (target === undefined) return copy;
  switch (mutation) {
    case 'delete':
      return replaceAt(copy, path, undefined);
    case 'null':
      return replaceAt(copy, path, null);
    case 'emptyString':
      return replaceAt(copy, path, '');
    case 'emptyObject':
      return replaceAt(copy, path, {});
    case 'emptyArray':
      return replaceAt(copy, path, []);
    case 'random':
      return replaceAt(copy, path, random);
    case 'retype':
      return replaceAt(copy, path, retyped(target));
    case 'duplicate':
      if (Array.isArray(target) && target.length > 0) target.push(structuredClone(target[0] as Json));
      else replaceAt(copy, path, [target, structuredClone(target)]);
      return copy;
    case 'unknownKey':
      if (isObject(target)) target[key] = random;
      else replaceAt(copy, path, { [key]: random });
      return copy;
  }
}

/** The FHIRPath expression the validator would use for a JSON path (`_x` primitive extensions map to `x`). */
export function expressionFor(resourceType: string, path: JsonPath): string {
  return path.reduce<string>(
    (expr, step) => (typeof step === 'number' ? `${expr}[${step}]` : `${expr}.${step.replace(/^_/, '')}`),
    resourceType,
  );
}

/** Freezes a value and everything in it, so any write by the validator throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
