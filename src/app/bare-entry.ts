/**
 * The benchmark's baseline page (bare.html, built only by `npm run bench`): the SMART launch of ./bench-launch.ts, then
 * the patient's name in the page. It also carries a plain input with a UID check, the baseline for keystroke-to-feedback
 * timings.
 */
import { launchFailure, launchForName } from './bench-launch';

const UID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

function showName(text: string): void {
  const target = document.getElementById('patient-name');
  if (target) target.textContent = text;
}

function wireBaselineInput(): void {
  const input = document.getElementById('bare-uid') as HTMLInputElement | null;
  const helper = document.getElementById('bare-uid-helper');
  if (!input || !helper) return;
  input.value = '1.2.826.0.1.3680043.8.498.1';
  input.addEventListener('input', () => {
    const valid = input.value.length <= 64 && UID.test(input.value);
    input.setAttribute('aria-invalid', String(!valid));
    helper.textContent = valid ? '' : 'A UID is numbers separated by dots.';
  });
}

async function main(): Promise<void> {
  const name = await launchForName('bare.html');
  if (name === undefined) return;
  showName(name);
  wireBaselineInput();
}

main().catch((err: unknown) => showName(launchFailure(err)));
