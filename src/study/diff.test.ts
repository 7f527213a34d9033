import { describe, expect, it } from 'vitest';
import type { ImagingStudy } from 'fhir/r4';
import { diffStudies, rebase } from './diff';
import { storedStudy, UID } from '../testing/studies';

function edit(study: ImagingStudy, change: (s: ImagingStudy) => void): ImagingStudy {
  const copy = structuredClone(study);
  change(copy);
  return copy;
}

const base = storedStudy();
const serverVersion = (change: (s: ImagingStudy) => void) =>
  edit(base, (s) => {
    s.meta = { versionId: '8', lastUpdated: '2024-03-06T08:00:00Z' };
    change(s);
  });

describe('diffStudies', () => {
  it('lists what each side changed, by indexed path, ignoring meta', () => {
    const mine = edit(base, (s) => {
      s.description = 'CT chest with contrast';
      s.series![1]!.description = 'Chest 0.6 mm';
    });
    const theirs = serverVersion((s) => {
      s.note = [{ text: 'Contrast given at 09:10.' }];
    });
    const diff = diffStudies(base, mine, theirs);
    expect(diff.mine).toEqual([
      { path: 'ImagingStudy.description', before: 'CT chest', after: 'CT chest with contrast' },
      { path: 'ImagingStudy.series[1].description', before: 'Chest 1.0 mm', after: 'Chest 0.6 mm' },
    ]);
    expect(diff.theirs).toEqual([
      { path: 'ImagingStudy.note[0].text', before: 'Contrast given.', after: 'Contrast given at 09:10.' },
    ]);
    expect(diff.conflicts).toEqual([]);
  });

  it('reports an element both sides changed differently as a conflict', () => {
    const mine = edit(base, (s) => (s.description = 'Mine'));
    const theirs = serverVersion((s) => (s.description = 'Theirs'));
    expect(diffStudies(base, mine, theirs).conflicts).toEqual(['ImagingStudy.description']);
  });

  it('matches series by UID, so an added series does not make the others look changed', () => {
    const mine = edit(base, (s) => s.series!.unshift({ uid: `${UID}.9`, modality: { code: 'CT' } }));
    const theirs = serverVersion((s) => (s.series![1]!.description = 'Chest (server)'));
    const diff = diffStudies(base, mine, theirs);
    expect(diff.mine).toEqual([
      { path: 'ImagingStudy.series[0]', after: { uid: `${UID}.9`, modality: { code: 'CT' } } },
    ]);
    expect(diff.theirs.map((c) => c.path)).toEqual(['ImagingStudy.series[1].description']);
    expect(diff.conflicts).toEqual([]);
  });

  it('lists removed elements with their old value', () => {
    const mine = edit(base, (s) => {
      delete s.note;
      s.series!.pop();
    });
    const diff = diffStudies(base, mine, base);
    expect(diff.mine).toEqual([
      { path: 'ImagingStudy.note', before: base.note },
      { path: 'ImagingStudy.series[1]', before: base.series![1] },
    ]);
  });
});

describe('rebase', () => {
  it("re-applies the user's changes onto the server version and keeps the server's other changes", () => {
    const mine = edit(base, (s) => {
      s.description = 'CT chest with contrast';
      s.series!.push({ uid: `${UID}.3`, modality: { code: 'CT' } });
    });
    const theirs = serverVersion((s) => {
      s.note = [{ text: 'Contrast given at 09:10.' }];
      s.series![0]!.description = 'Scout';
    });
    const rebased = rebase(base, mine, theirs);
    expect(rebased.meta).toEqual(theirs.meta);
    expect(rebased.id).toBe('study-1');
    expect(rebased.description).toBe('CT chest with contrast');
    expect(rebased.note).toEqual([{ text: 'Contrast given at 09:10.' }]);
    expect(rebased.series?.map((s) => s.description)).toEqual(['Scout', 'Chest 1.0 mm', undefined]);
    expect(rebased.extension).toEqual(base.extension);
  });

  it("lets the user's value win where both changed the same element", () => {
    const mine = edit(base, (s) => (s.description = 'Mine'));
    const theirs = serverVersion((s) => (s.description = 'Theirs'));
    expect(rebase(base, mine, theirs).description).toBe('Mine');
  });

  it('keeps a series the user removed removed, and reports the conflict when the server changed it', () => {
    const mine = edit(base, (s) => s.series!.pop());
    const theirs = serverVersion((s) => (s.series![1]!.description = 'Changed on the server'));
    expect(rebase(base, mine, theirs).series?.map((s) => s.uid)).toEqual([`${UID}.1`]);
    expect(diffStudies(base, mine, theirs).conflicts).toEqual(['ImagingStudy.series[1]']);
  });

  it('adds the series only the server added', () => {
    const mine = edit(base, (s) => (s.description = 'Mine'));
    const theirs = serverVersion((s) => s.series!.push({ uid: `${UID}.4`, modality: { code: 'CT' } }));
    expect(rebase(base, mine, theirs).series?.map((s) => s.uid)).toEqual([`${UID}.1`, `${UID}.2`, `${UID}.4`]);
  });

  it('is the server version when the user changed nothing', () => {
    const theirs = serverVersion((s) => (s.description = 'Theirs'));
    expect(rebase(base, structuredClone(base), theirs)).toEqual(theirs);
  });
});
