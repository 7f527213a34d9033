/**
 * Playwright global setup: starts Orthanc (+ the CORS proxy) on PACS_PORT for the DICOM specs, seeds it with the
 * studies of some seeded orders (seed-pacs.ts), and returns the teardown that stops it. Runs that name only other
 * spec files skip it; a PACS that is already answering on the port (another test run's) is reused, seeded if it
 * lacks the seeded studies, and left running.
 */
import type { FullConfig } from '@playwright/test';
import { PACS_URL } from './orthanc';
import { startSeededPacs } from './seed-pacs';

/** Whether the run may contain DICOM specs: no file filter, or a filter naming one. */
function runIncludesDicomSpecs(argv: readonly string[]): boolean {
  if (process.env.IMR_PACS === '1') return true;
  if (process.env.IMR_PACS === '0') return false;
  const files = argv.filter((a) => !a.startsWith('-') && /\.spec\.ts|^e2e\//.test(a));
  return files.length === 0 || files.some((f) => f.includes('dicom'));
}

export default async function globalSetup(_config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  if (!runIncludesDicomSpecs(process.argv.slice(2))) return undefined;
  const pacs = await startSeededPacs();
  if (pacs.reused) {
    console.log(`[dicom] reusing the PACS already answering at ${PACS_URL}`);
    return undefined;
  }
  console.log(`[dicom] Orthanc started behind ${pacs.url}, seeded with ${pacs.stored} studies`);
  return () => pacs.stop();
}
