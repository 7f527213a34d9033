import { describe, expect, it } from 'vitest';
import type { ImagingStudy } from 'fhir/r4';
import { mergeEdits } from './merge';
import { formRoundTrip, storedStudy, UID } from '../testing/studies';

function withoutMeta(study: ImagingStudy): string {
  const { meta: _meta, ...rest } = study;
  return JSON.stringify(rest);
}

describe('mergeEdits', () => {
  it('changes nothing but meta when a stored study is opened and saved unchanged', () => {
    const stored = storedStudy();
    const merged = mergeEdits(stored, formRoundTrip(stored));
    // Byte-for-byte, key order included: identifier order, subject display and partial counts are as stored.
    expect(withoutMeta(merged)).toBe(withoutMeta(stored));
    expect(merged.meta?.profile).toEqual(['https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy']);
  });

  it('applies an edit and keeps content the form does not show', () => {
    const stored = storedStudy();
    const edited = { ...formRoundTrip(stored), description: 'CT chest with contrast' };
    const merged = mergeEdits(stored, edited);
    expect(merged.description).toBe('CT chest with contrast');
    expect(merged.extension).toEqual(stored.extension);
    expect(merged.note).toEqual(stored.note);
    expect(merged.contained).toEqual(stored.contained);
    expect(merged.series?.[0]?.performer).toEqual(stored.series?.[0]?.performer);
    expect(merged.numberOfInstances).toBe(120);
  });

  it('removes what the user cleared', () => {
    const stored = storedStudy();
    const { description: _cleared, ...edited } = formRoundTrip(stored);
    expect(mergeEdits(stored, edited as ImagingStudy)).not.toHaveProperty('description');
  });

  it('takes the recomputed counts when the user changed the series', () => {
    const stored = storedStudy();
    const edited = formRoundTrip(stored);
    edited.series = [...(edited.series ?? []), { uid: `${UID}.3`, modality: { code: 'CT' } }];
    edited.numberOfSeries = 3;
    const merged = mergeEdits(stored, edited);
    expect(merged.numberOfSeries).toBe(3);
    expect(merged.series?.map((s) => s.uid)).toEqual([`${UID}.1`, `${UID}.2`, `${UID}.3`]);
    // The untouched series keep their stored form (description, performer), matched by UID.
    expect(merged.series?.[1]).toEqual(stored.series?.[1]);
  });

  it('keeps series counts a user typed when no series are listed', () => {
    const stored: ImagingStudy = { ...storedStudy(), series: undefined, numberOfSeries: undefined };
    const edited: ImagingStudy = { ...stored, numberOfSeries: 3 };
    expect(mergeEdits(stored, edited).numberOfSeries).toBe(3);
  });

  it('keeps a series order the user changed', () => {
    const stored = storedStudy();
    const edited = formRoundTrip(stored);
    edited.series = [...(edited.series ?? [])].reverse();
    expect(mergeEdits(stored, edited).series?.map((s) => s.uid)).toEqual([`${UID}.2`, `${UID}.1`]);
  });

  it('keeps the stored subject only while it names the same patient', () => {
    const stored = storedStudy();
    const moved = { ...formRoundTrip(stored), subject: { reference: 'Patient/p2', display: 'Ada' } };
    expect(mergeEdits(stored, moved).subject).toEqual({ reference: 'Patient/p2', display: 'Ada' });
  });

  it('always keeps the original id', () => {
    const stored = storedStudy();
    const edited = { ...formRoundTrip(stored), id: 'something-else' };
    expect(mergeEdits(stored, edited).id).toBe('study-1');
  });
});
