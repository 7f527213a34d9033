import { describe, expect, it } from 'vitest';
import { cacheControlFor, IMMUTABLE, REVALIDATE } from './caching';

describe('cacheControlFor', () => {
  it('lets browsers keep content-hashed build files', () => {
    expect(cacheControlFor('/assets/EditorPage-CKrWczUK.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('/assets/launch-BpHcMa-n.css')).toBe(IMMUTABLE);
    expect(cacheControlFor('/assets/main-CEHDRlbe.js.map')).toBe(REVALIDATE);
  });

  it('revalidates the pages and files a deployment changes in place', () => {
    for (const path of [
      '/',
      '/index.html',
      '/launch.html',
      '/smart-config.json',
      '/favicon.svg',
      '/assets/',
      '/x.js',
    ]) {
      expect(cacheControlFor(path)).toBe(REVALIDATE);
    }
  });
});
