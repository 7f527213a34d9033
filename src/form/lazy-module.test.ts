// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { lazyModule } from './lazy-module';

describe('lazyModule', () => {
  it('loads once, however often it is asked for', async () => {
    const importer = vi.fn(() => Promise.resolve({ value: 1 }));
    const lazy = lazyModule(importer);
    const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
    expect(a).toBe(b);
    await lazy.load();
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed load (e.g. offline)', async () => {
    const importer = vi
      .fn<() => Promise<{ value: number }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce({ value: 2 });
    const lazy = lazyModule(importer);
    await expect(lazy.load()).rejects.toThrow('Failed to fetch');
    await expect(lazy.load()).resolves.toEqual({ value: 2 });
  });

  it('gives components the module once it is there, and at once when it was preloaded', async () => {
    const lazy = lazyModule(() => Promise.resolve({ value: 3 }));
    const first = renderHook(() => lazy.useModule());
    expect(first.result.current).toEqual({ status: 'loading' });
    await waitFor(() => expect(first.result.current).toEqual({ status: 'ready', module: { value: 3 } }));
    const later = renderHook(() => lazy.useModule());
    expect(later.result.current).toEqual({ status: 'ready', module: { value: 3 } });
  });

  it('tells components when it could not load', async () => {
    const lazy = lazyModule(() => Promise.reject(new Error('offline')));
    const { result } = renderHook(() => lazy.useModule());
    await waitFor(() => expect(result.current).toEqual({ status: 'failed' }));
  });
});
