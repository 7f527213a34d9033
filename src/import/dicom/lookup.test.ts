import { afterEach, describe, expect, it, vi } from 'vitest';
import { TAG, type TagDataset } from './dataset';
import { searchForStudies } from './dicomweb';
import { MATCH_LIMIT, queryParams, searchStudies } from './lookup';

vi.mock('./dicomweb', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./dicomweb')>()),
  searchForStudies: vi.fn(),
}));

/** A QIDO-RS study in DICOM JSON: UID 1.2.<n>, dated 2024-01-<day>. */
function study(n: number, day: number): TagDataset {
  return {
    [TAG.StudyInstanceUID]: { vr: 'UI', Value: [`1.2.${n}`] },
    [TAG.StudyDate]: { vr: 'DA', Value: [`202401${String(day).padStart(2, '0')}`] },
  } as TagDataset;
}

afterEach(() => vi.mocked(searchForStudies).mockReset());

describe('PACS study search', () => {
  it('asks the PACS for one more study than it lists', () => {
    expect(queryParams({ patientId: 'MRN-1' }).limit).toBe(String(MATCH_LIMIT + 1));
  });

  it('lists every match, newest first, when the PACS has no more', async () => {
    vi.mocked(searchForStudies).mockResolvedValue([study(1, 3), study(2, 9), study(3, 5)]);
    const result = await searchStudies('http://pacs/dicom-web', { patientId: 'MRN-1' });
    expect(result.more).toBe(false);
    expect(result.matches.map((m) => m.studyUid)).toEqual(['1.2.2', '1.2.3', '1.2.1']);
  });

  it('lists at most MATCH_LIMIT studies and says there are more', async () => {
    const found = Array.from({ length: MATCH_LIMIT + 1 }, (_, i) => study(i, (i % 28) + 1));
    vi.mocked(searchForStudies).mockResolvedValue(found);
    const result = await searchStudies('http://pacs/dicom-web', { patientId: 'MRN-1' });
    expect(result.more).toBe(true);
    expect(result.matches).toHaveLength(MATCH_LIMIT);
    expect(result.matches.map((m) => m.studyUid)).not.toContain(`1.2.${MATCH_LIMIT}`);
  });
});
