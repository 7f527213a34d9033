/**
 * The benchmark's stack floor (floor.html, built only by `npm run bench`): the SMART launch of ./bench-launch.ts, with
 * React, MUI and the app's theme loading beside it as the app loads them (./floor-page.tsx), then the least screen
 * those can show: an app bar, the patient's name and one text field. What the app's own lists and forms add to a
 * launch is measured against it. With `?stack=react` (kept in its redirect URI), the same screen is React alone in
 * plain elements (./react-floor-page.tsx).
 */
import { launchFailure, launchForName } from './bench-launch';

const root = document.getElementById('root')!;

function showText(text: string): void {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = text;
  root.replaceChildren(p);
}

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const react = params.get('stack') === 'react';
  const load = () => (react ? import('./react-floor-page') : import('./floor-page'));
  const page = params.has('code') ? load() : undefined;
  const name = await launchForName(react ? 'floor.html?stack=react' : 'floor.html');
  if (name === undefined || !page) return;
  (await page).renderFloor(root, name);
}

main().catch((err: unknown) => showText(launchFailure(err)));
