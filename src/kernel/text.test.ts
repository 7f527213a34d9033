import { describe, expect, it } from 'vitest';
import { plural } from './text';

describe('plural', () => {
  it('says one thing in the singular and any other count in the plural', () => {
    expect(plural(1, 'instance')).toBe('1 instance');
    expect(plural(0, 'instance')).toBe('0 instances');
    expect(plural(2, 'study', 'studies')).toBe('2 studies');
    expect(plural(3, 'series', 'series')).toBe('3 series');
  });
});
