/**
 * The FHIRPath engine the invariants are evaluated with, plugged in rather than imported: fhirpath.js and its R4
 * model are about 200 KB gzipped, so the browser loads them after the editor is usable (see `loadFhirpath` in
 * ./api.ts), while Node (CLI, tests, the sandbox) plugs the engine in at once (./index.ts).
 */

/** An expression compiled for one context path: evaluates it on a value with `%resource`-style variables. */
export type FhirpathEvaluator = (value: unknown, env: Record<string, unknown>) => unknown[];

export interface FhirpathEngine {
  /** Compiles `expression` with `base` (the element's path) as its context type; throws on a syntax error. */
  compile(base: string, expression: string): FhirpathEvaluator;
}

let engine: FhirpathEngine | undefined;

/** Plugs in the engine; invariants compiled from now on use it. */
export function setFhirpathEngine(next: FhirpathEngine): void {
  engine = next;
}

/** The engine, or undefined while it is not loaded (invariants are then undeterminable, i.e. not reported). */
export function fhirpathEngine(): FhirpathEngine | undefined {
  return engine;
}
