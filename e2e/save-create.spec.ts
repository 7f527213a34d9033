/**
 * Issue 5, creating studies: one transaction (new Endpoint, study, Provenance), never a second study for one UID,
 * whatever happens to the clicks or the connection.
 */
import type { Endpoint, ImagingStudy, Provenance } from 'fhir/r4';
import { SEED_PRACTITIONER } from './sandbox/seed';
import {
  expect,
  expectSaved,
  field,
  fillNewStudy,
  freshUid,
  imrStudy,
  launch,
  openNewStudy,
  saveButton,
  SLOW,
  test,
  startFilledNewStudy,
} from './save-helpers';

// A save can wait out retries; opening the editor is slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test('create with a new Endpoint: the study, the Endpoint and a Provenance are stored and linked', async ({
  page,
  sandbox,
  admin,
}) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);
  const address = `https://pacs-${Date.now()}.example.org/dicom-web`;
  await app.getByRole('button', { name: 'New endpoint' }).click();
  const form = app.getByRole('group', { name: 'New endpoint' });
  await form.getByRole('textbox', { name: 'Endpoint name' }).fill('Reading room PACS');
  await form.getByRole('textbox', { name: 'Endpoint address' }).fill(address);
  await form.getByRole('button', { name: 'Add endpoint' }).click();

  await saveButton(app).click();
  const id = await expectSaved(app);

  const study = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  expect(study.identifier).toEqual([{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }]);
  expect(study.meta?.profile).toContain('https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy');
  const references = (study.endpoint ?? []).map((r) => r.reference);
  expect(references).toHaveLength(2);
  expect(references).toContain('Endpoint/endpoint-main-pacs');
  const created = references.find((r) => r !== 'Endpoint/endpoint-main-pacs') ?? '';
  expect(created).toMatch(/^Endpoint\/[^/]+$/);

  const endpoint = await admin.read<Endpoint>(created);
  expect(endpoint).toMatchObject({ name: 'Reading room PACS', address, status: 'active' });

  const provenances = await admin.search<Provenance>(`Provenance?target=ImagingStudy/${id}`);
  expect(provenances).toHaveLength(1);
  const provenance = provenances[0] as Provenance;
  expect(provenance.target.map((t) => t.reference).sort()).toEqual([`ImagingStudy/${id}`, created].sort());
  expect(provenance.activity?.coding?.[0]?.code).toBe('CREATE');
  expect(provenance.agent[0]?.who?.reference).toBe(`Practitioner/${SEED_PRACTITIONER.id}`);
  expect(Date.parse(provenance.recorded)).toBeGreaterThan(Date.now() - 60_000);
});

test('Save sends only the transaction when the UID was looked up while the form was filled', async ({
  page,
  sandbox,
  admin,
}) => {
  const app = await launch(page, sandbox);
  await openNewStudy(app);
  const uid = freshUid();
  const lookedUp = app.waitForResponse((r) => r.url().includes('/ImagingStudy?') && r.url().includes(uid));
  await fillNewStudy(app, uid);
  await lookedUp;

  const sent: string[] = [];
  app.on('request', (r) => {
    if (r.url().startsWith(sandbox.fhirBase)) sent.push(`${r.method()} ${r.url().slice(sandbox.fhirBase.length)}`);
  });
  await saveButton(app).click();
  await expectSaved(app);
  expect(sent.filter((r) => r.includes('ImagingStudy?'))).toEqual([]);
  expect(sent.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
});

test('a double click on Save creates exactly one study', async ({ page, sandbox, admin }) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);

  await saveButton(app).dblclick();
  await expectSaved(app);

  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
});

test('an answer lost after the server saved is retried and gives exactly one study', async ({
  page,
  sandbox,
  admin,
}) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);

  // The server stores the transaction, then the connection drops before the app hears back.
  await admin.control('fail-requests', { count: 1, mode: 'drop-response', method: 'POST' });
  await saveButton(app).click();
  await expectSaved(app);

  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
});

test('a network failure on save, then saving again, gives exactly one study', async ({ page, sandbox, admin }) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);

  // Every attempt of the first save loses its connection (the browser itself may try a dropped POST twice): the app
  // retries, then gives up and says so.
  await admin.control('fail-requests', { count: 50, mode: 'destroy-socket', method: 'POST' });
  await saveButton(app).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Your changes are kept as a draft' })).toBeVisible({
    timeout: SLOW,
  });
  await expect(app.getByText(/cannot be reached/).first()).toBeVisible();
  expect(await admin.studiesWithUid(uid)).toHaveLength(0);
  await expect(field(app, 'Study Instance UID')).toHaveValue(uid);

  await admin.control('fail-requests', { count: 0 });
  await saveButton(app).click();
  await expectSaved(app);
  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
});

test('a duplicate Study Instance UID is caught before saving, with a way to the existing study', async ({
  page,
  sandbox,
  admin,
}) => {
  const uid = freshUid();
  const existing = await admin.create(imrStudy(uid, { description: 'MR knee, left' }));
  const app = await launch(page, sandbox);
  await openNewStudy(app);

  await field(app, 'Study Instance UID').fill(uid);
  const warning = app.getByRole('alert').filter({ hasText: 'already exists on the server' });
  await expect(warning).toContainText('MR knee, left');

  await warning.getByRole('link', { name: 'Open the existing study' }).click();
  // The typed UID is an unsaved change: leaving it is confirmed (it stays in the tab as a draft).
  await app.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave' }).click();
  await expect(app).toHaveURL(new RegExp(`#/study/${existing.id ?? ''}$`));
  await expect(app.getByRole('heading', { name: 'Edit imaging study' })).toBeVisible();
  await expect(field(app, 'Study Instance UID')).toHaveValue(uid);
  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
});
