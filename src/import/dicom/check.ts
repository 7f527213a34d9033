/**
 * The endpoint check: does an Endpoint's address answer as it should? A dicom-wado-rs address is asked
 * over QIDO-RS (for this study when its UID is known, else for any one study); an ihe-iid address
 * (an image viewer) is asked with HEAD. Failures are warnings: the PACS may only be reachable from
 * the reading room.
 */
import { DicomWebError, dicomWebBase, explainFailure, searchForStudies, statusError, TIMEOUT_MS } from './dicomweb';

export interface CheckResult {
  /** `ok`: answers as expected; `warning`: answers, but something is off; `failed`: no usable answer. */
  status: 'ok' | 'warning' | 'failed';
  message: string;
}

/** The connection types that can be checked from the browser. */
export const CHECKABLE_TYPES = ['dicom-wado-rs', 'ihe-iid'] as const;

function failed(error: unknown): CheckResult {
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'failed', message };
}

async function checkDicomWeb(address: string, studyUid: string | undefined): Promise<CheckResult> {
  const base = dicomWebBase(address);
  if (studyUid) {
    const found = await searchForStudies(base, { StudyInstanceUID: studyUid });
    return found.length > 0
      ? { status: 'ok', message: 'Answers as DICOMweb and has this study.' }
      : {
          status: 'warning',
          message: 'Answers as DICOMweb, but does not know this study (it may not have been sent to this PACS yet).',
        };
  }
  await searchForStudies(base, { limit: '1' });
  return { status: 'ok', message: 'Answers as DICOMweb (QIDO-RS).' };
}

async function checkViewer(address: string): Promise<CheckResult> {
  if (!URL.canParse(address)) {
    throw new DicomWebError('bad-address', `"${address}" is not an address a browser can open.`);
  }
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(address, { method: 'HEAD', cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    const problem = await explainFailure(address, 0, performance.now() - started);
    // A viewer page need not allow CORS: a browser opens it as a page, not through this app's requests.
    if (problem.problem === 'cors') return { status: 'ok', message: 'The viewer address answers.' };
    throw problem;
  }
  if (response.ok) return { status: 'ok', message: `The viewer address answers (HTTP ${response.status}).` };
  // Some servers refuse HEAD but would serve the page.
  if (response.status === 405) return { status: 'ok', message: 'The viewer address answers.' };
  if (response.status === 401 || response.status === 403) throw statusError(response.status, address);
  return { status: 'failed', message: `The viewer address answered HTTP ${response.status}: no page there.` };
}

/**
 * Checks one Endpoint by its connection type code and address. Never throws: a failure is a
 * `failed` result with a readable message.
 */
export async function checkEndpoint(
  connectionType: string,
  address: string,
  studyUid: string | undefined,
): Promise<CheckResult> {
  try {
    if (connectionType === 'dicom-wado-rs') return await checkDicomWeb(address, studyUid);
    if (connectionType === 'ihe-iid') return await checkViewer(address);
    return { status: 'warning', message: `A ${connectionType} endpoint cannot be checked from the browser.` };
  } catch (error) {
    return failed(error);
  }
}
