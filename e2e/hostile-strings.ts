/**
 * Hostile strings for end-to-end sweeps: markup, script URLs, event handlers, encodings, invisible and look-alike
 * characters, a 1 MB string, null bytes, template and prototype-pollution keys. Every payload that could run sets
 * `window.__pwned` (to its own number, so a failure names it) or leaves an element with a `data-pwned` attribute;
 * `expectNothingExecuted` checks for both, for polluted prototypes, and for dialogs.
 */
import { expect, type Page } from '@playwright/test';

export interface HostileString {
  /** A short label for test output. */
  name: string;
  value: string;
}

/** Exactly 1 MiB minus one character: just under the 1 MB that FHIR R4 allows for a string. */
const ONE_MB = 1024 * 1024 - 1;
const bigMarkup = '<img src=x onerror="window.__pwned=99" data-pwned>';
const oneMegabyte = bigMarkup.repeat(Math.ceil(ONE_MB / bigMarkup.length)).slice(0, ONE_MB);

/** The hostile strings, in a fixed order. */
export const HOSTILE_STRINGS: readonly HostileString[] = [
  { name: 'script tag', value: '<script>window.__pwned=1</script>' },
  { name: 'attribute break-out + script', value: '"><script>window.__pwned=2</script>' },
  { name: 'img onerror', value: '<img src=x onerror="window.__pwned=3" data-pwned>' },
  { name: 'svg onload', value: '<svg onload="window.__pwned=4" data-pwned></svg>' },
  { name: 'script inside svg', value: '<svg><script>window.__pwned=5</script></svg>' },
  { name: 'javascript: URL', value: 'javascript:window.__pwned=6' },
  { name: 'mixed-case javascript: URL', value: 'JaVaScRiPt:window.__pwned=7' },
  { name: 'javascript: URL with tab and entity', value: 'java\tscript&colon;window.__pwned=8' },
  { name: 'data: URL with script', value: 'data:text/html,<script>window.__pwned=9</script>' },
  { name: 'anchor with javascript: href', value: '<a href="javascript:window.__pwned=10" data-pwned>open</a>' },
  { name: 'double-quoted handler attribute', value: '" onmouseover="window.__pwned=11" data-pwned="' },
  { name: 'single-quoted autofocus handler', value: "' autofocus onfocus='window.__pwned=12' data-pwned='" },
  { name: 'HTML entities of a script tag', value: '&lt;script&gt;window.__pwned=13&lt;/script&gt;' },
  { name: 'numeric entities of an img tag', value: '&#60;img src=x onerror=window.__pwned=14 data-pwned&#62;' },
  { name: 'iframe srcdoc', value: '<iframe srcdoc="<script>parent.__pwned=15</script>" data-pwned></iframe>' },
  { name: 'style tag', value: '<style>body{display:none}</style><b data-pwned>styled</b>' },
  {
    name: 'mutation XSS (math/style)',
    value: '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=17" data-pwned>',
  },
  { name: 'textarea break-out', value: '</textarea><script>window.__pwned=18</script>' },
  { name: 'HTML comment break-out', value: '--><script>window.__pwned=19</script><!--' },
  { name: 'template expression', value: "{{constructor.constructor('window.__pwned=20')()}}" },
  { name: 'template literal', value: '${window.__pwned=21}`${globalThis.__pwned=21}`' },
  { name: '__proto__ JSON', value: '{"__proto__":{"polluted":"yes"}}' },
  { name: 'constructor.prototype JSON', value: '{"constructor":{"prototype":{"polluted":"yes"}}}' },
  { name: 'bare __proto__ key', value: '__proto__' },
  { name: 'bare constructor key', value: 'constructor' },
  { name: 'right-to-left override', value: 'Report \u202Efdp.exe\u202C final' },
  { name: 'zero-width characters', value: 'Zero\u200Bwidth\u200C join\u200D\uFEFFer' },
  { name: 'homoglyph UID (Cyrillic and fullwidth digits)', value: '2.25.1\u04213\uFF14567\u0417' },
  { name: 'UID with zero-width space', value: '1.2.840.\u200B10008.1.2' },
  { name: 'null bytes', value: 'null\u0000byte\u0000inside' },
  { name: 'null byte before a script tag', value: '\u0000<script>window.__pwned=31</script>' },
  { name: 'line and paragraph separators', value: 'line\u2028separator\u2029paragraph' },
  { name: 'CRLF header injection', value: 'x\r\nSet-Cookie: pwned=1\r\n\r\n<script>window.__pwned=33</script>' },
  { name: 'URL-encoded script', value: '%3Cscript%3Ewindow.__pwned%3D34%3C%2Fscript%3E' },
  {
    name: 'base and meta refresh',
    value: '<base href="https://evil.example/"><meta http-equiv="refresh" content="0">',
  },
  { name: 'form with action', value: '<form action="https://evil.example/" data-pwned><button>Go</button></form>' },
  { name: 'markdown javascript: link', value: '[click me](javascript:window.__pwned=37)' },
  {
    name: 'noscript parser differential',
    value: '<noscript><p title="</noscript><img src=x onerror=window.__pwned=38>">',
  },
  { name: 'combining characters (zalgo)', value: 'Z\u0351\u036b\u0343a\u0358l\u0310g\u0342o\u0308\u0301' },
  { name: 'astral-plane emoji and surrogates', value: 'Study \u{1F9E0}\u{1F4A5} \u{10FFFD}' },
  { name: 'SQL and shell metacharacters', value: "' OR '1'='1'; -- $(touch /tmp/pwned) `id`" },
  { name: '1 MB of markup', value: oneMegabyte },
];

/** Strings short enough to type key by key (typing 1 MB would take hours; those are filled). */
export const isTypeable = (s: HostileString): boolean => s.value.length < 200;

/** A one-line description of a hostile string for logs and assertion messages (never the 1 MB itself). */
export function label(s: HostileString): string {
  return `${s.name} (${s.value.length} chars)`;
}

/** Records dialogs (alert, confirm, prompt) a page opens; a payload that runs would open one. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/**
 * Expects that no payload ran in the page or its frames: no `window.__pwned`, no element a payload would leave
 * (`[data-pwned]`, an injected `<img src=x>`, `<iframe srcdoc>` or `<base>`), and no polluted Object prototype.
 */
export async function expectNothingExecuted(page: Page, dialogs: readonly string[] = []): Promise<void> {
  for (const frame of page.frames()) {
    const found = await frame.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      injected: document.querySelectorAll('[data-pwned], img[src="x"], iframe[srcdoc], base, meta[http-equiv]').length,
      polluted: ({} as Record<string, unknown>).polluted ?? null,
    }));
    expect(found, `payload effects in ${frame.url()}`).toEqual({ pwned: null, injected: 0, polluted: null });
  }
  expect(dialogs, 'dialogs opened by a payload').toEqual([]);
}
