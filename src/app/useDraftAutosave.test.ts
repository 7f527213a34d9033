// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import type { ImagingStudy } from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditorSnapshot } from '../form';
import { dropAllDrafts } from './drafts';
import { loadStudyDraft, useDraftAutosave } from './useDraftAutosave';

const KEY = 'imr-study-author:draft:["https://fhir.example.org","p1","s1"]';
const BASE: ImagingStudy = { resourceType: 'ImagingStudy', id: 's1', status: 'available', subject: {} };

function snapshot(description: string, dirty = true): () => EditorSnapshot {
  return () => ({ study: { ...BASE, description }, newEndpoints: [], dirty });
}

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('useDraftAutosave', () => {
  it('writes an edit right after it, never inside it, and later ones at most every 500 ms, ending with the last', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const { result } = renderHook(() => useDraftAutosave(KEY));
    act(() => result.current.restart({ base: BASE }));

    act(() => result.current.onEdit(snapshot('a')));
    // Building and serialising a large study takes a while: the keystroke's feedback comes first.
    expect(loadStudyDraft(KEY)).toBeUndefined();
    act(() => vi.advanceTimersByTime(50));
    expect(loadStudyDraft(KEY)?.value.study.description).toBe('a');
    for (const text of ['ab', 'abc', 'abcd']) act(() => result.current.onEdit(snapshot(text)));
    act(() => vi.advanceTimersByTime(400));
    expect(loadStudyDraft(KEY)?.value.study.description).toBe('a');

    act(() => vi.advanceTimersByTime(200));
    expect(loadStudyDraft(KEY)?.value).toMatchObject({ study: { description: 'abcd' }, base: BASE });
    expect(setItem.mock.calls.filter(([key]) => key === KEY)).toHaveLength(2);
    setItem.mockRestore();
  });

  it('writes a pending edit when the page is hidden, and drops the draft when back to the saved state', () => {
    const { result } = renderHook(() => useDraftAutosave(KEY));
    act(() => result.current.onEdit(snapshot('first')));
    act(() => result.current.onEdit(snapshot('typed just before a reload')));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(loadStudyDraft(KEY)?.value.study.description).toBe('typed just before a reload');
    expect(result.current.isDirty()).toBe(true);

    act(() => vi.advanceTimersByTime(500));
    act(() => result.current.onEdit(snapshot('as on the server', false)));
    act(() => vi.advanceTimersByTime(50));
    expect(loadStudyDraft(KEY)).toBeUndefined();
    expect(result.current.isDirty()).toBe(false);
  });

  it('counts content the server does not have as unsaved until a save drops it', () => {
    const { result } = renderHook(() => useDraftAutosave(KEY));
    const rebased = { study: { ...BASE, description: 'rebased' }, newEndpoints: [], base: BASE };
    act(() => result.current.restart({ base: BASE, unsaved: rebased }));
    expect(loadStudyDraft(KEY)?.value.study.description).toBe('rebased');
    expect(result.current.isDirty()).toBe(true);
    // Unchanged in the form, but still not on the server: the draft is kept.
    act(() => result.current.onEdit(snapshot('rebased', false)));
    act(() => vi.advanceTimersByTime(500));
    expect(loadStudyDraft(KEY)).toBeDefined();

    act(() => result.current.drop());
    expect(loadStudyDraft(KEY)).toBeUndefined();
    expect(result.current.isDirty()).toBe(false);
  });

  it('writes what belongs to one study under its key before following another', () => {
    const other = 'imr-study-author:draft:["https://fhir.example.org","p1","s2"]';
    const { result, rerender } = renderHook(({ key }) => useDraftAutosave(key), { initialProps: { key: KEY } });
    act(() => result.current.onEdit(snapshot('one')));
    act(() => result.current.onEdit(snapshot('one, pending')));
    rerender({ key: other });
    expect(loadStudyDraft(KEY)?.value.study.description).toBe('one, pending');
    expect(loadStudyDraft(other)).toBeUndefined();
  });

  it('updates the draft with a pending edit when the editor goes, but never brings back a removed draft', () => {
    const first = renderHook(() => useDraftAutosave(KEY));
    // Gone before the first write was due: the edit is still kept.
    act(() => first.result.current.onEdit(snapshot('one')));
    first.unmount();
    expect(loadStudyDraft(KEY)?.value.study.description).toBe('one');

    const again = renderHook(() => useDraftAutosave(KEY));
    act(() => again.result.current.onEdit(snapshot('one, more')));
    act(() => vi.advanceTimersByTime(50));
    act(() => again.result.current.onEdit(snapshot('one, pending')));
    again.unmount();
    expect(loadStudyDraft(KEY)?.value.study.description).toBe('one, pending');

    const second = renderHook(() => useDraftAutosave(KEY));
    act(() => second.result.current.onEdit(snapshot('two')));
    act(() => second.result.current.onEdit(snapshot('two, pending')));
    dropAllDrafts(); // sign-out
    second.unmount();
    act(() => vi.advanceTimersByTime(1000));
    expect(loadStudyDraft(KEY)).toBeUndefined();
  });
});
