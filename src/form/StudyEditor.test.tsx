import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderEditor } from './testing/render';

afterEach(cleanup);

describe('StudyEditor', () => {
  it('shows an error at the Study Instance UID as the user types, and clears it when fixed', async () => {
    const { user } = renderEditor();
    const uid = screen.getByRole('textbox', { name: /Study Instance UID/ });
    await user.type(uid, '1.02.3');
    const message = () => document.getElementById(uid.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    // The validator's message says what is wrong (here: the leading zero of "02").
    await waitFor(() => expect(message()).toMatch(/leading zero/i));
    expect(uid.getAttribute('aria-invalid')).toBe('true');
    await user.clear(uid);
    await user.type(uid, '1.2.3');
    await waitFor(() => expect(uid.getAttribute('aria-invalid')).toBe('false'));
    expect(uid.getAttribute('aria-describedby')).toBeNull();
  });

  it('saves a conformant resource built from the inputs', async () => {
    const { user, onSave } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    const uid = screen.getByRole('textbox', { name: /Study Instance UID/ }) as HTMLInputElement;
    expect(uid.value).toMatch(/^2\.25\.\d+$/);

    await user.click(screen.getByRole('combobox', { name: /^Modality/ }));
    await user.keyboard('tomography');
    await user.click(await screen.findByRole('option', { name: /^CT\b/ }));

    await user.type(screen.getByRole('textbox', { name: /^Started/ }), '2024-05-01 14:30:05');

    await user.click(screen.getByRole('combobox', { name: /^Endpoint/ }));
    await user.click(await screen.findByRole('option', { name: /Main PACS/ }));

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const [study, created] = onSave.mock.calls[0] ?? [];
    expect(created).toEqual([]);
    expect(study).toMatchObject({
      resourceType: 'ImagingStudy',
      meta: { profile: ['https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy'] },
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid.value}` }],
      status: 'available',
      modality: [
        { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT', display: 'Computed Tomography' },
      ],
      subject: { reference: 'Patient/ex-Patient' },
      endpoint: [{ reference: 'Endpoint/ep1' }],
    });
    expect(study?.started).toMatch(/^2024-05-01T14:30:05[+-]\d{2}:\d{2}$/);
  });

  it('stores a date alone as a date-precision Started', async () => {
    const { user } = renderEditor();
    await user.type(screen.getByRole('textbox', { name: /^Started/ }), '2024-05-01');
    await user.click(screen.getByRole('tab', { name: 'FHIR JSON' }));
    expect(screen.getByLabelText('ImagingStudy JSON').textContent).toContain('"started": "2024-05-01"');
  });

  it('finds modalities by code and accepts a code outside CID 29 with a warning', async () => {
    const { user } = renderEditor();
    await user.click(screen.getByRole('combobox', { name: /^Modality/ }));
    await user.keyboard('MR');
    expect(screen.getByRole('option', { name: /^MR\b.*Magnetic Resonance/ })).toBeDefined();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Other Modality code' }));
    await user.type(screen.getByRole('textbox', { name: 'Modality code' }), 'XYZ');
    await user.click(screen.getByRole('button', { name: 'Add code' }));
    const modality = screen.getByRole('combobox', { name: /^Modality/ });
    const helper = () => document.getElementById(modality.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    await waitFor(() => expect(helper()).toMatch(/XYZ/));
    expect(modality.getAttribute('aria-invalid')).toBe('false');
  });
});
