/**
 * Issue 5, editing studies: an open-and-save round trip changes nothing but `meta`, and an edit conflict (412) is
 * shown with both sides' changes, then resolved either way without losing anything silently.
 */
import type { ImagingStudy, Practitioner, Provenance } from 'fhir/r4';
import { expectAccessible } from './fixtures';
import { SEED_PRACTITIONER } from './sandbox/seed';
import {
  DCM,
  expect,
  expectSaved,
  freshUid,
  imrStudy,
  launch,
  openStudy,
  saveButton,
  setDescription,
  descriptionField,
  test,
  type Admin,
} from './save-helpers';

function withoutMeta(study: ImagingStudy): Omit<ImagingStudy, 'meta'> {
  const { meta: _meta, ...rest } = study;
  return rest;
}

const technologist: Practitioner = {
  resourceType: 'Practitioner',
  id: 'technologist',
  name: [{ family: 'Curie', given: ['Marie'] }],
};

/** A study with content the form does not show: extensions, contained resources, performers, notes. */
function richStudy(uid: string): ImagingStudy {
  const seriesUid = `${uid}.1`;
  return imrStudy(uid, {
    extension: [
      { url: 'http://hospital.example.org/fhir/StructureDefinition/scanner-room', valueString: 'MR room 2' },
      {
        url: 'http://hospital.example.org/fhir/StructureDefinition/contrast-agent',
        valueCodeableConcept: { text: 'Gadoterate meglumine' },
      },
    ],
    contained: [technologist],
    identifier: [
      { system: 'urn:dicom:uid', value: `urn:oid:${uid}` },
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] },
        system: 'http://hospital.example.org/accession',
        value: `ACC-${uid.slice(-6)}`,
      },
    ],
    interpreter: [{ reference: `Practitioner/${SEED_PRACTITIONER.id}` }],
    note: [{ authorString: 'Reading room', time: '2026-02-01T09:00:00+01:00', text: 'Motion artefacts in series 1.' }],
    numberOfSeries: 1,
    numberOfInstances: 1,
    series: [
      {
        uid: seriesUid,
        number: 1,
        modality: { system: DCM, code: 'MR', display: 'Magnetic Resonance' },
        description: 'Sagittal PD fat sat',
        bodySite: { system: 'http://snomed.info/sct', code: '72696002', display: 'Knee' },
        laterality: { system: 'http://snomed.info/sct', code: '7771000', display: 'Left' },
        performer: [
          {
            function: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PRF' }],
            },
            actor: { reference: '#technologist' },
          },
          { actor: { reference: `Practitioner/${SEED_PRACTITIONER.id}`, display: 'Dr. Wilhelm Röntgen' } },
        ],
        numberOfInstances: 1,
        instance: [
          {
            uid: `${seriesUid}.1`,
            sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.4' },
            number: 1,
            extension: [{ url: 'http://hospital.example.org/fhir/StructureDefinition/key-image', valueBoolean: true }],
          },
        ],
      },
    ],
  });
}

async function provenancesOf(admin: Admin, id: string): Promise<Provenance[]> {
  return admin.search<Provenance>(`Provenance?target=ImagingStudy/${id}`);
}

// A save can wait out retries; opening the editor is slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test('opening and saving a study with extensions and performers changes nothing but meta', async ({
  page,
  sandbox,
  admin,
}) => {
  const created = await admin.create(richStudy(freshUid()));
  const id = created.id ?? '';
  const before = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  const app = await launch(page, sandbox);
  await openStudy(app, id);

  const update = app.waitForRequest((r) => r.method() === 'POST' && /\/fhir\/?$/.test(new URL(r.url()).pathname));
  await saveButton(app).click();
  await expectSaved(app);
  const sent = JSON.parse((await update).postData() ?? '{}') as { entry: { request: { ifMatch?: string } }[] };
  expect(sent.entry.map((e) => e.request.ifMatch)).toContain(`W/"${before.meta?.versionId ?? ''}"`);

  const after = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  expect(after.meta?.versionId).not.toBe(before.meta?.versionId);
  expect(withoutMeta(after)).toEqual(withoutMeta(before));
  expect(JSON.stringify(withoutMeta(after))).toBe(JSON.stringify(withoutMeta(before)));
  expect((await provenancesOf(admin, id)).map((p) => p.activity?.coding?.[0]?.code)).toEqual(['UPDATE']);
});

test('412 conflict: the dialog lists both sides, and "Reload, keeping my changes" saves both', async ({
  page,
  sandbox,
  admin,
}) => {
  const created = await admin.create(imrStudy(freshUid(), { description: 'MR knee, left' }));
  const id = created.id ?? '';
  const app = await launch(page, sandbox);
  await openStudy(app, id);
  await setDescription(app, 'MR knee, left, with contrast');

  // Someone else adds a note while the user edits.
  await admin.control('patch-resource', {
    reference: `ImagingStudy/${id}`,
    patch: [{ op: 'add', path: '/note', value: [{ text: 'Patient moved during the scan' }] }],
  });
  await saveButton(app).click();

  const dialog = app.getByRole('dialog', { name: 'Someone else changed this study' });
  await expect(dialog.getByRole('list', { name: 'Changed on the server' })).toContainText(
    'Note: added Patient moved during the scan',
  );
  await expect(dialog.getByRole('list', { name: 'Your changes' })).toContainText(
    'Description: “MR knee, left” → “MR knee, left, with contrast”',
  );
  await expectAccessible(app);
  await dialog.getByRole('button', { name: 'Reload, keeping my changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('status').filter({ hasText: 'with your changes applied again' })).toBeVisible();
  await expect(await descriptionField(app)).toHaveValue('MR knee, left, with contrast');

  await saveButton(app).click();
  await expectSaved(app);
  const saved = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  expect(saved.description).toBe('MR knee, left, with contrast');
  expect(saved.note).toEqual([{ text: 'Patient moved during the scan' }]);
});

test('412 conflict: "Overwrite with my version" replaces the server\'s changes knowingly', async ({
  page,
  sandbox,
  admin,
}) => {
  const created = await admin.create(imrStudy(freshUid(), { description: 'MR knee, left' }));
  const id = created.id ?? '';
  const app = await launch(page, sandbox);
  await openStudy(app, id);
  await setDescription(app, 'MR knee, left, with contrast');

  await admin.control('patch-resource', {
    reference: `ImagingStudy/${id}`,
    patch: [{ op: 'replace', path: '/description', value: 'MR knee, right' }],
  });
  await saveButton(app).click();

  const dialog = app.getByRole('dialog', { name: 'Someone else changed this study' });
  const theirs = dialog.getByRole('list', { name: 'Changed on the server' });
  await expect(theirs).toContainText('Description: “MR knee, left” → “MR knee, right”');
  await expect(theirs).toContainText('Changed on both sides');
  await dialog.getByRole('button', { name: 'Overwrite with my version' }).click();
  await expect(dialog).toBeHidden();
  await expectSaved(app);

  const saved = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  expect(saved.description).toBe('MR knee, left, with contrast');
  expect(saved.meta?.versionId).not.toBe(created.meta?.versionId);
  await expect(await descriptionField(app)).toHaveValue('MR knee, left, with contrast');
});
