import { describe, expect, it, vi } from 'vitest';
import { generateUid } from './uid-syntax';

describe('generateUid', () => {
  it('makes 2.25 UIDs of at most 64 characters without leading zeros', () => {
    for (let i = 0; i < 200; i++) {
      const uid = generateUid();
      expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(BigInt(uid.slice(5))).toBeLessThan(2n ** 128n);
    }
  });

  it.each([
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', '2.25.340282366920938463463374607431768211455'],
    ['00000000-0000-0000-0000-000000000001', '2.25.1'],
  ])('turns UUID %s into %s (128 bits as a decimal, no leading zeros)', (uuid, uid) => {
    const spy = vi
      .spyOn(crypto, 'randomUUID')
      .mockReturnValue(uuid as `${string}-${string}-${string}-${string}-${string}`);
    try {
      expect(generateUid()).toBe(uid);
    } finally {
      spy.mockRestore();
    }
  });

  it('makes a new UID each time', () => {
    expect(generateUid()).not.toBe(generateUid());
  });
});
