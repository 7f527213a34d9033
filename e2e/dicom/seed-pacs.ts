/**
 * The PACS side of the seed: DICOM studies for some seeded orders (PatientID = the patient's MRN, AccessionNumber =
 * the order's accession number), built with the project's DICOM builder and stored through Orthanc's REST API. Used
 * by `npm start` and the Playwright global setup; a study the PACS already holds is left alone, so seeding twice
 * (a PACS reused across runs) adds nothing.
 */
import {
  CT_IMAGE,
  MR_IMAGE,
  buildStudy,
  type BuiltStudy,
  type SeriesSpec,
  type StudySpec,
} from '../../src/import/testing/build';
import { SEED_ORDERS, SEED_PATIENTS, SEED_REFERRERS, type SeedOrder } from '../sandbox/seed';
import { PACS_PORT, pacsAlreadyRunning, startPacs, storeInPacs } from './orthanc';

/** Digital X-Ray Image Storage - For Presentation (DICOM PS3.4). */
export const DX_IMAGE = '1.2.840.10008.5.1.4.1.1.1.1';

/** One study the PACS is seeded with, and the order it was acquired for. */
export interface PacsSeedStudy {
  orderId: string;
  accession: string;
  /** The DICOM PatientID: the patient's MRN. */
  patientId: string;
  studyUid: string;
  description: string;
}

// Fixed study UIDs (2.25 UUID-derived), so specs can import them: two active orders whose studies wait for their
// ImagingStudy, and a completed one. The order whose accession the seeded ImagingStudy already carries is left out:
// the builder makes new series UIDs, which would not match that ImagingStudy's.
const STUDY_UIDS: Record<string, string> = {
  'order-ada-ct-chest-contrast': '2.25.181466208931473962416845502394021776731',
  'order-alan-mr-brain': '2.25.181466208931473962416845502394021776733',
  'order-alan-xr-chest': '2.25.181466208931473962416845502394021776732',
};

/** The PACS's seeded studies: one per order named in STUDY_UIDS. */
export const PACS_SEED_STUDIES: readonly PacsSeedStudy[] = SEED_ORDERS.filter((o) => o.id in STUDY_UIDS).map((o) => ({
  orderId: o.id,
  accession: o.accession,
  patientId: SEED_PATIENTS.find((p) => p.id === o.patientId)?.mrn ?? '',
  studyUid: STUDY_UIDS[o.id] as string,
  description: o.procedure.text,
}));

function seriesFor(order: SeedOrder): SeriesSpec[] {
  switch (order.procedure.modality) {
    case 'CT':
      return [{ modality: 'CT', sopClassUid: CT_IMAGE, description: 'Axial 1.25 mm', bodyPart: 'CHEST', instances: 3 }];
    case 'MR':
      return [{ modality: 'MR', sopClassUid: MR_IMAGE, description: 'T1 axial', bodyPart: 'HEAD', instances: 2 }];
    case 'DX':
      return [
        { modality: 'DX', sopClassUid: DX_IMAGE, description: 'PA', bodyPart: 'CHEST', instances: 1 },
        { modality: 'DX', sopClassUid: DX_IMAGE, description: 'Lateral', bodyPart: 'CHEST', instances: 1 },
      ];
  }
}

/** The builder's spec of a seeded study (the DICOM date is the order's authored date). */
export function pacsStudySpec(seed: PacsSeedStudy): StudySpec {
  const order = SEED_ORDERS.find((o) => o.id === seed.orderId) as SeedOrder;
  const patient = SEED_PATIENTS.find((p) => p.id === order.patientId);
  const referrer = SEED_REFERRERS.find((r) => r.id === order.requesterId);
  const { loinc } = order.procedure;
  return {
    studyUid: seed.studyUid,
    patientId: seed.patientId,
    patientName: `${patient?.family ?? ''}^${patient?.given ?? ''}`,
    birthDate: patient?.birthDate.replaceAll('-', ''),
    accession: seed.accession,
    description: seed.description,
    date: order.authoredOn.slice(0, 10).replaceAll('-', ''),
    time: '110000',
    timezoneOffset: '+0100',
    referringPhysician: referrer ? `${referrer.family}^${referrer.given}^^Dr` : undefined,
    procedure: { code: loinc.code ?? '', scheme: 'LN', meaning: loinc.display ?? '' },
    series: seriesFor(order),
    matrix: 32,
  };
}

/** Whether the PACS already holds a study (QIDO-RS through the DICOMweb plugin). */
async function hasStudy(pacsUrl: string, studyUid: string): Promise<boolean> {
  const response = await fetch(`${pacsUrl}/dicom-web/studies?StudyInstanceUID=${encodeURIComponent(studyUid)}`, {
    headers: { accept: 'application/dicom+json' },
  });
  if (!response.ok) throw new Error(`the PACS answered a study search with HTTP ${response.status}`);
  const text = await response.text();
  return text.trim() !== '' && (JSON.parse(text) as unknown[]).length > 0;
}

/** Stores the seeded studies the PACS does not hold yet; returns the ones it stored. */
export async function seedPacs(pacsUrl: string): Promise<BuiltStudy[]> {
  const stored: BuiltStudy[] = [];
  for (const seed of PACS_SEED_STUDIES) {
    if (await hasStudy(pacsUrl, seed.studyUid)) continue;
    const built = buildStudy(pacsStudySpec(seed));
    await storeInPacs(
      built.instances.map((i) => i.bytes),
      pacsUrl,
    );
    stored.push(built);
  }
  return stored;
}

export interface SeededPacs {
  url: string;
  dicomWebBase: string;
  /** True when a PACS was already answering on the port (another run's); it is left running on stop(). */
  reused: boolean;
  /** The folder of the Orthanc started here, removed on stop(); none when reused. */
  folder?: string;
  /** The seeded studies stored now (none when the PACS already had them). */
  stored: number;
  stop(): Promise<void>;
}

/**
 * Starts Orthanc behind the CORS proxy on `port` (installing it with apt when missing, see startPacs), or reuses the
 * PACS already answering there, and seeds it. Throws when Orthanc cannot be started or refuses the seed.
 */
export async function startSeededPacs(port: number = PACS_PORT): Promise<SeededPacs> {
  const url = `http://127.0.0.1:${port}`;
  if (await pacsAlreadyRunning(url)) {
    const stored = (await seedPacs(url)).length;
    return { url, dicomWebBase: `${url}/dicom-web`, reused: true, stored, stop: async () => undefined };
  }
  const pacs = await startPacs(port);
  try {
    const stored = (await seedPacs(pacs.url)).length;
    const { url, dicomWebBase, folder } = pacs;
    return { url, dicomWebBase, folder, reused: false, stored, stop: () => pacs.stop() };
  } catch (error) {
    await pacs.stop();
    throw error;
  }
}
