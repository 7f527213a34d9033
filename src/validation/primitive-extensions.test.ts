import { describe, expect, it } from 'vitest';
import { imrValidator } from './index';
import type { JsonObject } from './json';
import { studyWith, summary } from './testing/fixtures';

/**
 * R4 JSON, "Representation of primitive elements": a primitive's id and extensions go in `_name`
 * beside `name`; either may be absent; in lists the two arrays line up, with null where one side
 * has nothing; only primitive elements have a `_name`.
 */
const validator = imrValidator();
const EXT = { extension: [{ url: 'http://example.org/fhir/StructureDefinition/note', valueString: 'checked' }] };
const issues = (edit: (s: JsonObject) => void) => summary(validator.validate(studyWith(edit)).issue);
const texts = (edit: (s: JsonObject) => void) => validator.validate(studyWith(edit)).issue.map((i) => i.details?.text);

describe('primitive extensions (_name): every legal shape is accepted', () => {
  it.each<[string, (s: JsonObject) => void]>([
    ['value with _name holding an extension', (s) => (s._status = EXT)],
    ['value with _name holding only an id', (s) => (s._status = { id: 'st1' })],
    ['value with _name holding an id and an extension', (s) => (s._status = { id: 'st1', ...EXT })],
    ['_name alone (no value), with an extension', (s) => (s._description = EXT)],
    [
      'list with values and aligned extension data, null where none',
      (s) => {
        s.meta = { profile: ['http://example.org/a', 'http://example.org/b'], _profile: [null, EXT] };
      },
    ],
    [
      'list entry with only extension data (null value)',
      (s) => {
        s.meta = { profile: ['http://example.org/a', null], _profile: [null, EXT] };
      },
    ],
    ['list of extension data only', (s) => (s.meta = { _profile: [EXT, { id: 'p2', ...EXT }] })],
    [
      'choice value with its _name',
      (s) => {
        s.extension = [{ url: 'http://example.org/x', valueString: 'a', _valueString: { id: 'v1' } }];
      },
    ],
  ])('%s', (_name, edit) => {
    expect(issues(edit)).toEqual([]);
  });
});

describe('primitive extensions (_name): every illegal shape gets a clear message', () => {
  it('a value inside _name', () => {
    const edit = (s: JsonObject) => (s._status = { value: 'available' });
    expect(issues(edit)).toEqual(['error structure ImagingStudy.status']);
    expect(texts(edit)[0]).toBe(
      'Status has a "value" inside its extension data (_status): the value belongs in "status" itself',
    );
  });

  it('lists that do not line up', () => {
    const edit = (s: JsonObject) => (s.meta = { profile: ['http://example.org/a'], _profile: [null, EXT] });
    expect(issues(edit)).toEqual(['error structure ImagingStudy.meta.profile']);
    expect(texts(edit)[0]).toContain('has 1 value but 2 entries of extension data: the two lists must line up');
  });

  it('null on both sides of a list entry', () => {
    const edit = (s: JsonObject) => (s.meta = { profile: ['http://example.org/a', null], _profile: [null, null] });
    expect(issues(edit)).toEqual(['error structure ImagingStudy.meta.profile[1]']);
  });

  it('_name for an element that is not a primitive', () => {
    const edit = (s: JsonObject) => (s._subject = EXT);
    expect(issues(edit)).toEqual(['error structure ImagingStudy._subject']);
    expect(texts(edit)[0]).toContain('subject is not a primitive value, so its id and extensions go inside "subject"');
  });

  it('_name with nothing but an id and no value (ele-1), or empty', () => {
    expect(issues((s) => (s._description = { id: 'd1' }))).toEqual(['error invariant ImagingStudy.description']);
    expect(issues((s) => (s._status = {}))).toEqual(['error structure ImagingStudy.status']);
  });

  it('_name of the wrong shape: a list for a single value, an object for a list, text, null', () => {
    expect(issues((s) => (s._status = [EXT]))).toEqual(['error structure ImagingStudy.status']);
    expect(issues((s) => (s.meta = { profile: ['http://example.org/a'], _profile: EXT }))).toEqual([
      'error structure ImagingStudy.meta.profile',
    ]);
    expect(issues((s) => (s._status = 'x'))).toEqual(['error structure ImagingStudy.status']);
    expect(issues((s) => (s._status = null))).toEqual(['error structure ImagingStudy.status']);
  });

  it('the same rules inside _name: its id and extensions are checked', () => {
    // Element.id is a string in R4 (not an id), so only its JSON type and emptiness are checked.
    expect(issues((s) => (s._status = { id: 5 }))).toEqual(['error structure ImagingStudy.status.id']);
    expect(issues((s) => (s._status = { extension: [{ valueString: 'no url' }] }))).toEqual([
      'error required ImagingStudy.status.extension[0].url',
    ]);
  });
});
