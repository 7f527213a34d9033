import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { ImagingStudy } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { existingStudy } from '../testing/fixtures';
import { imrValidator } from '../validation';
import type { Validator } from './ports';
import { renderEditor } from './testing/render';

afterEach(cleanup);

const status = () => screen.getByRole('region', { name: /^(Issues: |No issues)/ });

describe('the status above Save', () => {
  it('counts the required fields still to fill right after the first paint, without painting them red', async () => {
    const { user } = renderEditor();
    // The first paint says the study is being checked (never "No issues"), then the opening validation's count.
    expect(screen.getByRole('region', { name: 'Checking the study…' })).toBeDefined();
    expect(await screen.findByRole('region', { name: 'Issues: 4 fields still to fill' })).toBeDefined();
    const uid = screen.getByRole('textbox', { name: /Study Instance UID/ });
    expect(uid.getAttribute('aria-invalid')).toBe('false');
    const links = within(status())
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(links).toEqual(['Study Instance UID', 'Modality', 'Started', 'Endpoint']);

    // Filling a field takes it off the count (the keystroke's own incremental validation, no second full pass).
    await user.type(uid, '1.2.3');
    await screen.findByRole('region', { name: 'Issues: 3 fields still to fill' });
    expect(uid.getAttribute('aria-invalid')).toBe('false');

    expect(status().textContent).toContain('Still to fill: Modality, Started, Endpoint');
    // Each link moves the focus to its field.
    await user.click(within(status()).getByRole('button', { name: 'Endpoint' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: /^Endpoint/ })));
  });

  it("shows a loaded study's errors at once, and warnings apart, which do not block Save", async () => {
    const study = existingStudy();
    study.modality = [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'XYZ' }];
    const valid = renderEditor({ initial: study });
    const heading = await screen.findByRole('heading', { name: /^Issues: 1 warning$/ });
    expect(heading).toBeDefined();
    expect(screen.getByRole('heading', { name: 'Warnings (these do not block saving)' })).toBeDefined();
    await valid.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(valid.onSave).toHaveBeenCalledTimes(1));
    cleanup();

    const broken = existingStudy();
    const instance = broken.series?.[0]?.instance?.[0];
    if (!instance) throw new Error('no instance');
    instance.uid = '1.2.3.04';
    renderEditor({ initial: broken });
    expect(await screen.findByRole('heading', { name: /^Issues: 1 error/ })).toBeDefined();
    expect(within(status()).getByRole('button', { name: /Series 1 › Instance 1/ })).toBeDefined();
  });

  it('lists an error that names no input with its element path and description', async () => {
    const base = imrValidator();
    const extra = {
      severity: 'error' as const,
      code: 'invariant' as const,
      details: { text: 'The narrative must not be empty' },
      expression: ['ImagingStudy.text.div'],
    };
    const validator: Validator = {
      validate: (resource, options) => {
        const outcome = base.validate(resource, options);
        return { ...outcome, issue: [...outcome.issue, extra] };
      },
      validateAt: (resource, expression) => base.validateAt(resource, expression),
    };
    renderEditor({ initial: existingStudy(), validator });
    expect(await screen.findByRole('heading', { name: 'Issues: 1 error' })).toBeDefined();
    expect(status().textContent).toContain('ImagingStudy.text.div');
    expect(status().textContent).toContain('The narrative must not be empty');
  });
});

describe('the save result', () => {
  it('is announced beside Save and takes the focus; open sections stay open', async () => {
    const study = existingStudy();
    const stored: ImagingStudy = { ...study, meta: { ...study.meta, versionId: '4' } };
    const { user, onSave } = renderEditor({
      initial: study,
      onSave: () => Promise.resolve({ saved: stored, message: 'The imaging study was saved.' }),
    });
    const details = screen.getByRole('button', { name: 'More details' });
    await user.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    // Other fields may announce something too (a search, a note): the save result is the status with its words.
    const saved = await waitFor(() => {
      const found = screen.getAllByRole('status').find((s) => s.textContent === 'The imaging study was saved.');
      if (!found) throw new Error('no save result announced');
      return found;
    });
    await waitFor(() => expect(document.activeElement).toBe(saved));
    // Beside Save, in the same row.
    expect(saved.parentElement).toBe(screen.getByRole('button', { name: 'Save' }).parentElement);
    expect(screen.getByRole('button', { name: 'More details' }).getAttribute('aria-expanded')).toBe('true');
    // The server's version is now the editor's: its meta shows in the JSON view.
    await user.click(screen.getByRole('tab', { name: 'FHIR JSON' }));
    expect(screen.getByLabelText('ImagingStudy JSON').textContent).toContain('"versionId": "4"');
  });
});
