import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, imrRegistryInput, IMR_IMAGINGSTUDY_URL, type StructureDefinitionJson } from '../profile';
import { createValidator } from '../validation';
import { existingStudy } from '../testing/fixtures';
import { instanceRows } from './InstanceList';
import { renderEditor } from './testing/render';

afterEach(cleanup);

// jsdom has no layout: give scroll containers a size so the virtualised instance list renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: () => 360 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
});

const lastSaved = (onSave: { mock: { calls: unknown[][] } }) =>
  onSave.mock.calls.at(-1)?.[0] as Record<string, unknown>;

describe('StudyEditor follows the profile', () => {
  it('shows a required Description in the main section when the profile makes it 1..1', () => {
    const input = imrRegistryInput();
    const profile = input.profiles.map((p) => p as StructureDefinitionJson).find((p) => p.url === IMR_IMAGINGSTUDY_URL);
    const description = profile?.snapshot?.element.find((e) => e.id === 'ImagingStudy.description');
    if (!description) throw new Error('no description element');
    description.min = 1;
    const registry = createRegistry(input);
    renderEditor({ registry, validator: createValidator(registry) });
    const study = screen.getByRole('region', { name: 'Study' });
    const field = within(study).getByRole('textbox', { name: /^Description/ });
    expect(field.hasAttribute('required')).toBe(true);
  });
});

describe('StudyEditor saving', () => {
  it('blocks saving on errors, lists them in the summary, and focuses a field from its link', async () => {
    const { user, onSave } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const summary = screen.getByRole('region', { name: 'Issues: 4 fields still to fill' });
    expect(summary.getAttribute('aria-live')).toBe('polite');
    expect(onSave).not.toHaveBeenCalled();
    await user.click(within(summary).getByRole('button', { name: 'Study Instance UID' }));
    const uid = screen.getByRole('textbox', { name: /Study Instance UID/ });
    await waitFor(() => expect(document.activeElement).toBe(uid));
    expect(uid.getAttribute('aria-invalid')).toBe('true');
  });

  it('focuses an instance of a collapsed series from its summary link', async () => {
    // jsdom has no layout, so the virtualiser shows the first rows only: the instance is among them.
    const study = existingStudy();
    const series = study.series?.[0];
    if (!series) throw new Error('no series');
    series.instance = Array.from({ length: 60 }, (_, i) => ({
      uid: i === 4 ? '1.2.3.04' : `1.2.3.4.5.1.${i + 1}`,
      sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
    }));
    const { user, onSave } = renderEditor({ initial: study });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    const summary = screen.getByRole('region', { name: /^Issues: \d+ errors?/ });
    const link = within(summary)
      .getAllByRole('button')
      .find((b) => /instance 5 /i.test(b.textContent ?? ''));
    if (!link) throw new Error(`no summary link for instance 5 in: ${summary.textContent ?? ''}`);
    // The rows' chunk loads on idle; on a loaded machine that can take longer than waitFor's second.
    await instanceRows.load();
    await user.click(link);
    // Opening the series renders its rows first: allow a loaded machine more than waitFor's default second.
    await waitFor(() => expect((document.activeElement as HTMLInputElement | null)?.value).toBe('1.2.3.04'), {
      timeout: 5000,
    });
    expect(document.activeElement?.getAttribute('aria-invalid')).toBe('true');
  });

  it('never changes the study it was opened with while its fields are edited', async () => {
    const study = existingStudy();
    const before = JSON.stringify(study);
    const { user } = renderEditor({ initial: study });
    const uid = screen.getByRole('textbox', { name: /Study Instance UID/ });
    await user.clear(uid);
    await user.type(uid, '1.2.3.9');
    await waitFor(() => expect((uid as HTMLInputElement).value).toBe('1.2.3.9'));
    expect(JSON.stringify(study)).toBe(before);
  });

  it('keeps content it does not show, the stored subject and counts, and sets meta.profile, when editing', async () => {
    const { user, onSave } = renderEditor({ initial: existingStudy() });
    const uid = screen.getByRole('textbox', { name: /Study Instance UID/ }) as HTMLInputElement;
    expect(uid.value).toBe('1.2.3.4.5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const saved = lastSaved(onSave);
    const original = existingStudy();
    expect(saved.id).toBe('study-1');
    expect(saved.extension).toEqual(original.extension);
    expect(saved.note).toEqual(original.note);
    expect(saved.identifier).toEqual([
      { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3.4.5' },
      { system: 'http://example.org/accession', value: 'ACC-1' },
    ]);
    expect(saved.meta).toEqual({ versionId: '3', profile: ['http://example.org/other-profile', IMR_IMAGINGSTUDY_URL] });
    // The stored subject names the launch patient: it stays as stored (no display added), as do the series, whose
    // counts the stored study leaves out.
    expect(saved.subject).toEqual({ reference: 'Patient/ex-Patient' });
    expect(saved.series).toEqual(original.series);
    expect(saved).not.toHaveProperty('numberOfSeries');
    expect(saved).not.toHaveProperty('numberOfInstances');
  });

  it('stores hostile text exactly as typed and renders it as text', async () => {
    const hostile = '<script>alert(1)</script><b>x</b> \u202Eevil\u200B';
    const { user, onSave } = renderEditor({ initial: existingStudy() });
    await user.click(screen.getByRole('button', { name: /More details/ }));
    fireEvent.change(screen.getByRole('textbox', { name: /^Description/ }), { target: { value: hostile } });
    await user.click(screen.getByRole('tab', { name: 'FHIR JSON' }));
    expect(screen.getByLabelText('ImagingStudy JSON').textContent).toContain(JSON.stringify(hostile).slice(1, -1));
    expect(document.querySelector('script, b')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(lastSaved(onSave).description).toBe(hostile);
  });

  it('takes a pasted urn:oid: value for the Study Instance UID', async () => {
    const { user } = renderEditor();
    const uid = screen.getByRole('textbox', { name: /Study Instance UID/ }) as HTMLInputElement;
    await user.click(uid);
    await user.paste('urn:oid:1.2.3');
    expect(uid.value).toBe('1.2.3');
    await user.click(screen.getByRole('tab', { name: 'FHIR JSON' }));
    expect(screen.getByLabelText('ImagingStudy JSON').textContent).toContain('"value": "urn:oid:1.2.3"');
  });

  it('creates a new endpoint inline, referenced by urn:uuid and handed to onSave, never contained', async () => {
    const { user, onSave } = renderEditor({ initial: { ...existingStudy(), endpoint: [] } });
    await user.click(screen.getByRole('button', { name: 'New endpoint' }));
    const form = await screen.findByRole('group', { name: 'New endpoint' });
    await user.type(within(form).getByRole('textbox', { name: /Endpoint address/ }), 'not a url');
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect(
      within(form)
        .getByRole('textbox', { name: /Endpoint address/ })
        .getAttribute('aria-invalid'),
    ).toBe('true');
    await user.clear(within(form).getByRole('textbox', { name: /Endpoint address/ }));
    await user.type(within(form).getByRole('textbox', { name: /Endpoint address/ }), 'https://new.example.org/wado');
    await user.type(within(form).getByRole('textbox', { name: /Endpoint name/ }), 'New PACS');
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const [study, created] = onSave.mock.calls[0] ?? [];
    const reference = study?.endpoint?.[0]?.reference ?? '';
    expect(reference).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(study?.contained).toBeUndefined();
    expect(created).toEqual([
      {
        fullUrl: reference,
        resource: expect.objectContaining({
          resourceType: 'Endpoint',
          status: 'active',
          name: 'New PACS',
          address: 'https://new.example.org/wado',
          connectionType: expect.objectContaining({ code: 'dicom-wado-rs' }),
          payloadType: [{ coding: [expect.objectContaining({ code: '113014' })] }],
        }),
      },
    ]);
    expect(created?.[0]?.resource.id).toBeUndefined();
  });

  it("routes the server's OperationOutcome to the field and the form message, keeping what was typed", async () => {
    const { user, onSave } = renderEditor({
      initial: existingStudy(),
      onSave: () =>
        Promise.resolve({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'invalid',
              diagnostics: 'Series UID already used',
              expression: ['ImagingStudy.series[0].uid'],
            },
            { severity: 'error', code: 'conflict', diagnostics: 'Version conflict' },
          ],
        }),
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const summary = await screen.findByRole('region', { name: /^Issues: 2 errors/ });
    expect(summary.textContent).toContain('Version conflict');
    await user.click(within(summary).getByRole('button', { name: /Series 1 › Series Instance UID/ }));
    const seriesUid = await screen.findByRole('textbox', { name: /^Series Instance UID/ });
    expect(seriesUid.getAttribute('aria-invalid')).toBe('true');
    expect((seriesUid as HTMLInputElement).value).toBe('1.2.3.4.5.1');
  });

  it('adds a series with a generated UID and an instance, and counts them', async () => {
    const { user } = renderEditor({ initial: { ...existingStudy(), series: [] } });
    await user.click(screen.getByRole('button', { name: 'Add series' }));
    const series = screen.getByRole('group', { name: 'Series 1' });
    await user.click(within(series).getByRole('button', { name: 'Generate Series Instance UID' }));
    await user.click(within(series).getByRole('button', { name: 'Add instance to series 1' }));
    await user.click(within(series).getByRole('button', { name: 'Generate SOP Instance UID' }));
    await user.click(screen.getByRole('tab', { name: 'FHIR JSON' }));
    const json = JSON.parse(screen.getByLabelText('ImagingStudy JSON').textContent ?? '{}') as Record<string, unknown>;
    expect(json).toMatchObject({ numberOfSeries: 1, numberOfInstances: 1 });
    expect(json.series).toEqual([
      {
        uid: expect.stringMatching(/^2\.25\.\d+$/),
        numberOfInstances: 1,
        instance: [{ uid: expect.stringMatching(/^2\.25\.\d+$/) }],
      },
    ]);
  });
});

describe('StudyEditor and the study as opened', () => {
  it('saves an edited SOP Instance UID without changing the study it opened, which later saves merge onto', async () => {
    const initial = existingStudy();
    const before = structuredClone(initial);
    const { user, onSave } = renderEditor({ initial });
    await instanceRows.load();
    await user.click(screen.getByRole('button', { name: 'Edit Series 1' }));
    const uid = await within(screen.getByRole('group', { name: 'Series 1' })).findByRole('textbox', {
      name: /^SOP Instance UID/,
    });
    await user.clear(uid);
    await user.type(uid, '1.2.3.9');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    const saved = lastSaved(onSave) as { series: { instance: { uid: string }[] }[] };
    expect(saved.series[0]?.instance[0]?.uid).toBe('1.2.3.9');
    expect(initial).toEqual(before);
  });
});

describe('StudyEditor and a narrative a person wrote', () => {
  it('warns, once the study is changed, that a narrative with status additional may be stale', async () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml">Written by the radiologist</div>';
    const { user } = renderEditor({ initial: { ...existingStudy(), text: { status: 'additional', div } } });
    expect(screen.queryByText(/may now be out of date/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'More details' }));
    await user.type(screen.getByRole('textbox', { name: /^Description/ }), 'CT');
    const warning = await screen.findByText(/status "additional".*may now be out of date/);
    expect(warning.closest('[role="status"]')).not.toBeNull();
  });

  it('says nothing for a generated narrative, which the save regenerates', async () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml">CT</div>';
    const { user } = renderEditor({ initial: { ...existingStudy(), text: { status: 'generated', div } } });
    await user.click(screen.getByRole('button', { name: 'More details' }));
    await user.type(screen.getByRole('textbox', { name: /^Description/ }), 'CT');
    expect(screen.queryByText(/may now be out of date/)).toBeNull();
  });
});
