// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, draftKey, dropAllDrafts, dropDraft, listDrafts, loadDraft, writeDraft } from './drafts';

const ISS = 'https://fhir.example.org/r4';
const NEW_STUDY = draftKey({ iss: ISS, patientId: 'p1' });
const STUDY_1 = draftKey({ iss: ISS, patientId: 'p1', studyId: 'study-1' });

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('draft keys', () => {
  it('keep server, patient and study apart', () => {
    const keys = new Set([
      NEW_STUDY,
      STUDY_1,
      draftKey({ iss: ISS, patientId: 'p2' }),
      draftKey({ iss: 'https://other.example.org/fhir', patientId: 'p1' }),
    ]);
    expect(keys.size).toBe(4);
  });
});

describe('loadDraft / dropDraft / listDrafts', () => {
  it('round-trips a draft with the time it was saved', () => {
    writeDraft(STUDY_1, { description: 'CT chest' }, sessionStorage, new Date('2024-03-06T08:30:00Z'));
    expect(loadDraft(STUDY_1)).toEqual({ savedAt: '2024-03-06T08:30:00.000Z', value: { description: 'CT chest' } });
    expect(loadDraft(NEW_STUDY)).toBeUndefined();
    dropDraft(STUDY_1);
    expect(loadDraft(STUDY_1)).toBeUndefined();
  });

  it('ignores an unreadable draft', () => {
    sessionStorage.setItem(STUDY_1, '{not json');
    expect(loadDraft(STUDY_1)).toBeUndefined();
  });

  it('lists the drafts of the tab, newest first, and only drafts', () => {
    writeDraft(NEW_STUDY, { a: 1 }, sessionStorage, new Date('2024-03-06T08:00:00Z'));
    writeDraft(STUDY_1, { a: 2 }, sessionStorage, new Date('2024-03-06T09:00:00Z'));
    sessionStorage.setItem('SMART_KEY', '"fhirclient state"');
    expect(listDrafts()).toEqual([
      { key: STUDY_1, iss: ISS, patientId: 'p1', studyId: 'study-1', savedAt: '2024-03-06T09:00:00.000Z' },
      { key: NEW_STUDY, iss: ISS, patientId: 'p1', savedAt: '2024-03-06T08:00:00.000Z' },
    ]);
  });

  it('drops every draft on sign-out and leaves other session data alone', () => {
    writeDraft(NEW_STUDY, { a: 1 });
    writeDraft(STUDY_1, { a: 2 });
    sessionStorage.setItem('SMART_KEY', '"fhirclient state"');
    dropAllDrafts();
    expect(listDrafts()).toEqual([]);
    expect(sessionStorage.getItem('SMART_KEY')).toBe('"fhirclient state"');
  });

  it('reports a full storage instead of throwing', () => {
    const full = {
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect(writeDraft(STUDY_1, { a: 1 }, full)).toBe(false);
  });
});

describe('createDraftSaver', () => {
  it('writes at most every 500 ms and always writes the last state', async () => {
    vi.useFakeTimers();
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const saver = createDraftSaver<{ n: number }>(STUDY_1);

    saver.save({ n: 1 });
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(loadDraft(STUDY_1)?.value).toEqual({ n: 1 });

    for (let n = 2; n <= 5; n++) {
      await vi.advanceTimersByTimeAsync(100);
      saver.save({ n });
    }
    expect(setItem).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(setItem).toHaveBeenCalledTimes(2);
    expect(loadDraft(STUDY_1)?.value).toEqual({ n: 5 });

    await vi.advanceTimersByTimeAsync(5000);
    expect(setItem).toHaveBeenCalledTimes(2);
  });

  it('never touches localStorage', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    createDraftSaver(STUDY_1).save({ n: 1 });
    expect(setItem.mock.contexts).toEqual([sessionStorage]);
    expect(localStorage.length).toBe(0);
  });

  it('writes a pending state on flush', () => {
    vi.useFakeTimers();
    const saver = createDraftSaver<{ n: number }>(STUDY_1);
    saver.save({ n: 1 });
    saver.save({ n: 2 });
    saver.flush();
    expect(loadDraft(STUDY_1)?.value).toEqual({ n: 2 });
  });

  it('drops the draft after a save, so a pending write cannot bring it back', async () => {
    vi.useFakeTimers();
    const saver = createDraftSaver<{ n: number }>(STUDY_1);
    saver.save({ n: 1 });
    saver.save({ n: 2 });
    saver.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(loadDraft(STUDY_1)).toBeUndefined();
  });
});
