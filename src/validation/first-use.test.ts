import { describe, expect, it } from 'vitest';
import { FirstUse } from './first-use';

const uid = (series: number, instance: number) => `1.2.826.0.1.3680043.10.511.${series}.${instance}`;

describe('FirstUse', () => {
  it('answers true for the first use of a UID and false for every later one, past many table growths', () => {
    const seen = FirstUse.take();
    for (let s = 0; s < 20; s++) for (let i = 0; i < 500; i++) expect(seen.add(uid(s, i))).toBe(true);
    for (let s = 0; s < 20; s++) for (let i = 0; i < 500; i += 7) expect(seen.add(uid(s, i))).toBe(false);
    expect(seen.add(uid(20, 0))).toBe(true);
    seen.release();
  });

  it('a released registry, taken again, has forgotten the last walk', () => {
    const first = FirstUse.take();
    for (let i = 0; i < 300; i++) first.add(uid(1, i));
    first.release();
    const second = FirstUse.take();
    expect(second).toBe(first); // the storage is reused
    expect(second.add(uid(1, 5))).toBe(true);
    expect(second.add(uid(1, 5))).toBe(false);
    for (let i = 0; i < 300; i++) if (i !== 5) expect(second.add(uid(1, i))).toBe(true);
    second.release();
  });

  it('stays exact when many UIDs share one hash (as hostile input could arrange)', () => {
    // The hash reads the length and the last 16 characters: these all collide, which forces the native Set fallback.
    const colliding = (n: number) => `${String(n).padStart(8, '0')}.1234567890123456`;
    const seen = FirstUse.take();
    for (let n = 0; n < 2000; n++) expect(seen.add(colliding(n))).toBe(true);
    for (let n = 0; n < 2000; n += 3) expect(seen.add(colliding(n))).toBe(false);
    seen.release();
    const next = FirstUse.take();
    expect(next.add(colliding(1))).toBe(true);
    next.release();
  });

  it('starts its table over instead of letting the generation number wrap', () => {
    const seen = new FirstUse();
    seen.add(uid(1, 1));
    (seen as unknown as { generation: number }).generation = 0x7fffffff; // as after two billion walks
    seen.add(uid(1, 2));
    seen.release();
    expect(seen.add(uid(1, 2))).toBe(true);
    expect(seen.add(uid(1, 2))).toBe(false);
    expect(seen.add(uid(1, 1))).toBe(true);
  });

  it('tells apart values that differ only before their last 16 characters', () => {
    const seen = new FirstUse();
    expect(seen.add('1.2.3.4.5.6.7.8.9.10.11.12')).toBe(true);
    expect(seen.add('9.2.3.4.5.6.7.8.9.10.11.12')).toBe(true);
    expect(seen.add('9.2.3.4.5.6.7.8.9.10.11.12')).toBe(false);
  });
});
