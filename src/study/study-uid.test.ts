import { describe, expect, it } from 'vitest';
import { displayStudyUid, normalizeStudyUid, uidCriteria } from './study-uid';

describe('Study Instance UID normalisation', () => {
  it('stores a bare UID with the urn:oid: prefix', () => {
    expect(normalizeStudyUid('1.2.3')).toBe('urn:oid:1.2.3');
  });

  it('accepts a pasted urn:oid: value (and stray whitespace) without doubling the prefix', () => {
    expect(normalizeStudyUid('urn:oid:1.2.3')).toBe('urn:oid:1.2.3');
    expect(normalizeStudyUid('  URN:OID:1.2.3\n')).toBe('urn:oid:1.2.3');
  });

  it('keeps invalid text for the validator to judge', () => {
    expect(normalizeStudyUid('1.02.a.')).toBe('urn:oid:1.02.a.');
  });

  it('treats an empty input as no value', () => {
    expect(normalizeStudyUid('')).toBeUndefined();
    expect(normalizeStudyUid('urn:oid:')).toBeUndefined();
  });

  it('shows the bare UID', () => {
    expect(displayStudyUid('urn:oid:1.2.3')).toBe('1.2.3');
    expect(displayStudyUid(undefined)).toBe('');
  });
});

describe('uidCriteria', () => {
  it('finds a study by its OID URI, whichever form the UID was given in', () => {
    expect(uidCriteria('1.2.3')).toBe('identifier=urn:dicom:uid|urn:oid:1.2.3');
    expect(uidCriteria('urn:oid:1.2.3')).toBe('identifier=urn:dicom:uid|urn:oid:1.2.3');
  });
});
