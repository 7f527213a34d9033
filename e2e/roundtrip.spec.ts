/**
 * Issue 18, data integrity: a stored study opened and saved unchanged comes back identical but for `meta.profile`
 * (and the version), over the validator's valid corpus and the round-trip corpus (e2e/roundtrip/README.md says
 * where each comes from); and an empty instance row blocks Save with a message at the row instead of being dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImagingStudy, Meta } from 'fhir/r4';
import { expectAccessible } from './fixtures';
import {
  ada,
  expect,
  expectSaved,
  freshUid,
  imrStudy,
  IMR_PROFILE,
  launch,
  openStudy,
  saveButton,
  test,
} from './save-helpers';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROUNDTRIP_DIR = path.join(HERE, 'roundtrip');
const VALID_DIR = path.join(HERE, '../src/validation/corpus/valid');

/**
 * The validator corpus's valid files, read here rather than through src/validation/corpus/load.ts: Playwright's loader
 * holds the validation modules as CommonJS (editor-helpers.ts requires the validator), and an ESM import of one of them
 * then misses its named exports. A file's manifest text edits (lexical forms of numbers) are applied as load.ts does.
 */
function validCorpus(): [string, unknown][] {
  const manifest = JSON.parse(fs.readFileSync(path.join(VALID_DIR, 'expectations.json'), 'utf8')) as Record<
    string,
    { textEdits?: [string, string][] }
  >;
  return Object.entries(manifest).map(([file, entry]) => {
    let text = fs.readFileSync(path.join(VALID_DIR, file), 'utf8');
    for (const [from, to] of entry.textEdits ?? []) text = text.replace(from, to);
    return [`valid/${file}`, JSON.parse(text) as unknown];
  });
}

/** Every study of the corpus, with the launch patient as subject (the one adaptation, see the README). */
function corpus(): [string, ImagingStudy][] {
  const own = validCorpus()
    .filter(([, json]) => (json as ImagingStudy).resourceType === 'ImagingStudy')
    .map(([file, json]) => [file, json as ImagingStudy] as [string, ImagingStudy]);
  const added = fs
    .readdirSync(ROUNDTRIP_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f): [string, ImagingStudy] => [
      `roundtrip/${f}`,
      JSON.parse(fs.readFileSync(path.join(ROUNDTRIP_DIR, f), 'utf8')) as ImagingStudy,
    ]);
  return [...own, ...added]
    .filter(([, study]) => /^Patient\/[^/]+$/.test(study.subject?.reference ?? ''))
    .map(([file, study]): [string, ImagingStudy] => [
      file,
      { ...study, subject: { ...study.subject, reference: `Patient/${ada.id}` } },
    ]);
}

/** meta without what a save changes: the version, the time and the IMR profile the app adds. */
function metaKept(meta: Meta | undefined): unknown {
  const { versionId: _v, lastUpdated: _l, profile, ...rest } = meta ?? {};
  const extra = rest as Record<string, unknown>;
  const companion = Array.isArray(extra._profile) ? (extra._profile as unknown[]) : undefined;
  const kept = (profile ?? []).map((p, i) => [p, companion?.[i]] as const).filter(([p]) => p !== IMR_PROFILE);
  return { ...extra, profile: kept.map(([p]) => p), ...(companion ? { _profile: kept.map(([, c]) => c) } : {}) };
}

function withoutMeta(study: ImagingStudy): string {
  const { meta: _meta, ...rest } = study;
  return JSON.stringify(rest);
}

// Each study is opened with a full page load and saved: the loop is long on a busy machine.
test.describe.configure({ timeout: 600_000 });

test('every valid study of the corpus comes back unchanged but for meta.profile after an open-and-save', async ({
  page,
  sandbox,
  admin,
}) => {
  const studies = corpus();
  expect(studies.length).toBeGreaterThanOrEqual(20);
  const stored: [string, ImagingStudy][] = [];
  for (const [file, study] of studies) stored.push([file, await admin.create(study)]);
  const app = await launch(page, sandbox);
  for (const [file, before] of stored) {
    await test.step(file, async () => {
      const id = before.id ?? '';
      await openStudy(app, id);
      await saveButton(app).click();
      await expectSaved(app);
      const after = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
      expect(after.meta?.versionId, file).not.toBe(before.meta?.versionId);
      expect(withoutMeta(after), file).toBe(withoutMeta(before));
      expect(metaKept(after.meta), file).toEqual(metaKept(before.meta));
      expect(after.meta?.profile, file).toContain(IMR_PROFILE);
    });
  }
});

test('a half-filled instance row blocks Save with a message at the row, until it is removed', async ({
  page,
  sandbox,
  admin,
}) => {
  const uid = freshUid();
  const study = await admin.create(
    imrStudy(uid, {
      series: [
        {
          uid: `${uid}.1`,
          modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' },
          instance: [
            { uid: `${uid}.1.1`, sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.4' } },
          ],
        },
      ],
    }),
  );
  const app = await launch(page, sandbox);
  await openStudy(app, study.id ?? '');
  await app.getByRole('button', { name: 'Edit Series 1' }).click();
  await app.getByRole('button', { name: 'Add instance to series 1' }).click();
  await expect(app.getByText('2 instances')).toBeVisible();
  const row = app.getByRole('group', { name: 'Instance 2', exact: true });
  // The new row took the SOP class of the one before it, and has no UID yet.
  await expect(row.getByRole('combobox', { name: 'SOP class' })).toHaveValue(/MR Image Storage/);
  await saveButton(app).click();

  await expect(row).toContainText('SOP Instance UID is required');
  const summary = app.getByRole('region', { name: /^Issues: / });
  await expect(summary).toContainText('Still to fill: Series 1 › Instance 2 › SOP Instance UID');
  await expectAccessible(app);
  // Nothing was saved, and the row is still there.
  expect((await admin.read<ImagingStudy>(`ImagingStudy/${study.id ?? ''}`)).meta?.versionId).toBe(
    study.meta?.versionId,
  );
  // The summary's link takes the keyboard to the row's UID; removing the row lets the study save.
  await summary.getByRole('button', { name: 'Series 1 › Instance 2 › SOP Instance UID' }).click();
  await expect(row.getByRole('textbox', { name: 'SOP Instance UID' })).toBeFocused();
  await app.getByRole('button', { name: 'Remove instance 2' }).click();
  await saveButton(app).click();
  await expectSaved(app);
  const saved = await admin.read<ImagingStudy>(`ImagingStudy/${study.id ?? ''}`);
  expect(saved.series?.[0]?.instance).toHaveLength(1);
});
