import fc from 'fast-check';
import type { OperationOutcome } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { asMultiset, inSubtree, isError, showIssue } from './corpus/issues';
import {
  deepFreeze,
  expressionFor,
  type Json,
  type JsonPath,
  isObject,
  jsonAt,
  jsonPaths,
  MUTATIONS,
  mutate,
  type Mutation,
} from './testing/json-mutations';
import { isImrStudyCase, loadCorpus } from './corpus/load';
import { imrValidator, isValid } from './index';

const validator = imrValidator();
// The IMR ImagingStudy cases, as JSON.parse reads them (mutations copy them with structuredClone).
const corpus = loadCorpus().filter(isImrStudyCase);
const noErrorSeeds = corpus.filter((c) => c.kind !== 'invalid').map((c) => ({ file: c.file, json: c.json as Json }));
const allSeeds = corpus.map((c) => c.json as Json);
/** Whether `ancestor` is `expression` or one of its parents (`a.b` for `a.b[0].c`). */
const isAtOrAbove = (ancestor: string, expression: string) =>
  expression === ancestor || expression.startsWith(`${ancestor}.`) || expression.startsWith(`${ancestor}[`);
const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

// Bounded so the file runs in a few seconds; fast-check prints the seed of any failure for replay.
const RUNS = 250;

/** JSON whose object keys look like FHIR property names, so every issue expression is plain FHIRPath. */
const plainKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
const plainJson: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(plainKey, tie('json'), { maxKeys: 3 }),
  ),
})).json;

/** A corpus instance (valid, warning or invalid) after one to four random mutations anywhere in it. */
function mutatedResource(randomValue: fc.Arbitrary<Json>, key: fc.Arbitrary<string>): fc.Arbitrary<Json> {
  const step = fc.record({ at: fc.nat(), mutation: fc.constantFrom(...MUTATIONS), random: randomValue, key });
  return fc
    .record({ seed: fc.nat(), steps: fc.array(step, { minLength: 1, maxLength: 4 }) })
    .map(({ seed, steps }) =>
      steps.reduce<Json>(
        (value, s) => mutate(value, pick(jsonPaths(value), s.at), s.mutation, s.random, s.key) ?? null,
        pick(allSeeds, seed),
      ),
    );
}
// Anything JSON can hold, including keys no FHIRPath can name ("a.b", "").
const anyMutation = mutatedResource(
  fc.jsonValue({ maxDepth: 3 }).map((value) => value as Json),
  fc.string({ minLength: 1, maxLength: 10 }),
);
const plainMutation = mutatedResource(plainJson, plainKey);

/**
 * Whether a path leads into a contained resource other than an Endpoint. The validator checks only
 * contained Endpoints (against the Imaging Study Endpoint profile); other contained resources are
 * resolved as reference targets but their content is not validated (see src/validation/index.ts).
 */
function insideUncheckedContained(root: Json, path: JsonPath): boolean {
  if (path[0] !== 'contained' || path.length < 3) return false;
  const contained = jsonAt(root, path.slice(0, 2));
  return !(isObject(contained) && contained.resourceType === 'Endpoint');
}

function expectWellFormed(outcome: OperationOutcome): void {
  expect(outcome.resourceType).toBe('OperationOutcome');
  for (const issue of outcome.issue) {
    expect(['fatal', 'error', 'warning', 'information']).toContain(issue.severity);
    expect(issue.details?.text, showIssue(issue)).toMatch(/\S/);
    expect(issue.expression?.length, showIssue(issue)).toBeGreaterThan(0);
  }
}

describe('validator under random mutation', () => {
  it('never throws, does not touch its input, and gives the same verdict twice', () => {
    fc.assert(
      fc.property(anyMutation, (resource) => {
        deepFreeze(resource);
        const first = validator.validate(resource);
        expectWellFormed(first);
        expect(validator.validate(resource)).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  it('validateAt on each issue expression returns exactly the full run’s issues under it', () => {
    fc.assert(
      fc.property(plainMutation, (resource) => {
        const { issue } = validator.validate(resource);
        const expressions = new Set(issue.flatMap((i) => i.expression ?? []));
        for (const expression of expressions) {
          const full = issue.filter((i) => inSubtree(i, expression));
          expect(asMultiset(validator.validateAt(resource, expression)), expression).toEqual(asMultiset(full));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects any JSON value that is not an ImagingStudy, without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const outcome = validator.validate(value);
        expectWellFormed(outcome);
        expect(isValid(outcome)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  // FHIR JSON never allows null, "", {}, [] or an unknown property, so each of them, anywhere in a
  // valid instance, must make it invalid and be reported at (or above) the place it was put. The
  // space is small (every node of every no-error corpus file), so it is walked exhaustively.
  const forbidden: Mutation[] = ['null', 'emptyString', 'emptyObject', 'emptyArray', 'unknownKey'];
  it.each(forbidden)('reports %s at every place of every valid instance as an error there', (mutation) => {
    const key = 'zzUnknown';
    const misses: string[] = [];
    for (const { file, json: seed } of noErrorSeeds) {
      for (const path of jsonPaths(seed)) {
        if (mutation === 'unknownKey' ? !isObject(jsonAt(seed, path)) : path.length === 0) continue;
        // A null already there holds a place in a primitive list beside its `_x` data: nothing changes.
        if (mutation === 'null' && jsonAt(seed, path) === null) continue;
        // Where the forbidden value ends up: the new key for unknownKey, else the replaced node.
        const placePath = mutation === 'unknownKey' ? [...path, key] : path;
        if (insideUncheckedContained(seed, placePath)) continue;
        const errors = validator.validate(mutate(seed, path, mutation, 'x', key)).issue.filter(isError);
        const place = expressionFor('ImagingStudy', placePath);
        // Primitive extensions (`_x`) have no settled FHIRPath spelling; any error will do there.
        const anywhere = placePath.some((k) => typeof k === 'string' && k.startsWith('_'));
        const related = errors.filter(
          (issue) =>
            anywhere ||
            inSubtree(issue, place) ||
            (issue.expression ?? []).some((e) => e !== 'ImagingStudy' && isAtOrAbove(e, place)),
        );
        if (related.length === 0)
          misses.push(`${JSON.stringify(placePath)} in ${file}: ${errors.map(showIssue).join('; ') || 'no error'}`);
      }
    }
    expect(misses).toEqual([]);
  });
});
