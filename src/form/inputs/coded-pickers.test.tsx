import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { ImagingStudy, Practitioner } from 'fhir/r4';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existingStudy } from '../../testing/fixtures';
import type { EditorLookups } from '../lookups';
import { renderEditor, type SaveFn } from '../testing/render';
import { terminologyTables } from './TerminologyCodingInput';

// The code lists' chunk is loaded once up front: its first import in jsdom can take longer than a query waits.
beforeAll(() => terminologyTables.load(), 30_000);
afterEach(cleanup);

const SCT = 'http://snomed.info/sct';
const RADLEX = 'http://www.radlex.org';

function saved(onSave: ReturnType<typeof vi.fn<SaveFn>>): ImagingStudy {
  const study = onSave.mock.calls.at(-1)?.[0];
  if (!study) throw new Error('not saved');
  return study;
}

async function save(user: ReturnType<typeof renderEditor>['user'], onSave: ReturnType<typeof vi.fn<SaveFn>>) {
  await user.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(onSave).toHaveBeenCalled());
  return saved(onSave);
}

/** The first series, opened (a loaded study's series start collapsed). */
async function openSeries(user: ReturnType<typeof renderEditor>['user']): Promise<HTMLElement> {
  const series = screen.getByRole('group', { name: 'Series 1' });
  await user.click(within(series).getByRole('button', { name: /^Edit series 1/i }));
  return series;
}

describe('series body site and laterality pickers', () => {
  it('picks the SNOMED-coded Chest for "chest" and a CID 244 laterality, with no code typed', async () => {
    const { user, onSave } = renderEditor({ initial: existingStudy() });
    const series = await openSeries(user);
    within(series).getByRole('combobox', { name: 'Body site' }).focus();
    // Pasted, not typed key by key: each key would render up to 119 regions, slow in jsdom.
    await user.paste('chest');
    const chest = await screen.findByRole('option', { name: /^Chest\s*816094009$/ });
    // The exact meaning comes first, before "Chest and Abdomen" and the like.
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[0]).toBe(chest);
    await user.click(chest);
    await user.click(within(series).getByRole('combobox', { name: 'Laterality' }));
    await screen.findByRole('option', { name: /^Right/ });
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Right24028007', 'Left7771000', 'Bilateral51440002', 'Unilateral66459002']);
    await user.click(screen.getByRole('option', { name: /^Left/ }));
    const study = await save(user, onSave);
    expect(study.series?.[0]?.bodySite).toEqual({ system: SCT, code: '816094009', display: 'Chest' });
    expect(study.series?.[0]?.laterality).toEqual({ system: SCT, code: '7771000', display: 'Left' });
  });

  it('shows a DICOM term without a code for the user to pick, and keeps a code from elsewhere', async () => {
    const study = existingStudy();
    const first = study.series?.[0];
    if (first) first.bodySite = { display: 'LEFT KNEE-ISH' };
    if (first) first.laterality = { system: 'http://example.org/lat', code: 'X', display: 'Local' };
    const { user, onSave } = renderEditor({ initial: study });
    const series = await openSeries(user);
    const bodySite = within(series).getByRole('combobox', { name: 'Body site' });
    expect(bodySite).toHaveProperty('value', 'LEFT KNEE-ISH');
    await waitFor(() =>
      expect(document.getElementById(bodySite.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        '"LEFT KNEE-ISH" has no code: pick the body site it means',
      ),
    );
    const laterality = within(series).getByRole('combobox', { name: 'Laterality' });
    await waitFor(() =>
      expect(document.getElementById(laterality.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        'X is not in Laterality (DICOM CID 244) (kept as it is)',
      ),
    );
    const kept = await save(user, onSave);
    expect(kept.series?.[0]?.bodySite).toEqual({ display: 'LEFT KNEE-ISH' });
    expect(kept.series?.[0]?.laterality).toEqual({ system: 'http://example.org/lat', code: 'X', display: 'Local' });
  });

  it('takes a code outside the list only behind "Other code…"', async () => {
    const { user, onSave } = renderEditor({ initial: existingStudy() });
    const series = await openSeries(user);
    expect(within(series).queryByRole('textbox', { name: 'Body site code' })).toBeNull();
    await user.click(within(series).getByRole('button', { name: 'Other Body site code' }));
    await user.clear(within(series).getByRole('textbox', { name: 'Body site code system' }));
    await user.type(within(series).getByRole('textbox', { name: 'Body site code system' }), 'http://example.org/bs');
    await user.type(within(series).getByRole('textbox', { name: 'Body site code' }), 'B1');
    await user.click(within(series).getByRole('button', { name: 'Add code' }));
    expect((await save(user, onSave)).series?.[0]?.bodySite).toEqual({ system: 'http://example.org/bs', code: 'B1' });
  });
});

const ORDER_CONCEPTS = {
  procedureCode: [
    {
      coding: [
        { system: RADLEX, code: 'RPID16', display: 'CT Chest' },
        { system: 'http://loinc.org', code: '24627-2', display: 'CT Chest' },
      ],
      text: 'CT chest',
    },
  ],
  reasonCode: [{ coding: [{ system: SCT, code: '49727002', display: 'Cough' }], text: 'Cough' }],
};

describe('study type and reason pickers', () => {
  it("offers the orders' coded procedure and reason first, and takes free text", async () => {
    const lookups: EditorLookups = { orderConcepts: () => Promise.resolve(structuredClone(ORDER_CONCEPTS)) };
    const { user, onSave } = renderEditor({ initial: existingStudy(), lookups });
    await user.click(screen.getByRole('button', { name: /More details/ }));
    await user.click(screen.getByRole('combobox', { name: 'Study type' }));
    await user.click(await screen.findByRole('option', { name: /^CT chest\s*RPID16 · 24627-2$/ }));
    await user.click(screen.getByRole('combobox', { name: 'Reason' }));
    await user.click(await screen.findByRole('option', { name: /^Cough\s*49727002$/ }));
    await user.keyboard('follow-up of nodule{Enter}');
    const study = await save(user, onSave);
    expect(study.procedureCode).toEqual(ORDER_CONCEPTS.procedureCode);
    expect(study.reasonCode).toEqual([...ORDER_CONCEPTS.reasonCode, { text: 'follow-up of nodule' }]);
  });

  it('keeps what is typed when the field is left without Enter, and works without orders', async () => {
    const { user, onSave } = renderEditor({ initial: existingStudy() });
    await user.click(screen.getByRole('button', { name: /More details/ }));
    await user.click(screen.getByRole('combobox', { name: 'Study type' }));
    await user.keyboard('CT thorax low dose');
    await user.tab();
    expect((await save(user, onSave)).procedureCode).toEqual([{ text: 'CT thorax low dose' }]);
  });

  it('keeps stored concepts with every coding on an unchanged round trip', async () => {
    const stored = { coding: [{ system: 'http://example.org/a', code: 'A' }, { code: 'B' }], text: 'Local' };
    const { user, onSave } = renderEditor({ initial: { ...existingStudy(), procedureCode: [stored] } });
    await user.click(screen.getByRole('button', { name: /More details/ }));
    expect(screen.getByRole('button', { name: 'Local' })).toBeTruthy();
    expect((await save(user, onSave)).procedureCode).toEqual([stored]);
  });
});

const QUILL: Practitioner = {
  resourceType: 'Practitioner',
  id: 'practitioner-quill',
  identifier: [{ system: 'http://hospital.example.org/staff', value: 'STAFF-2001' }],
  name: [{ use: 'official', family: 'Quill', given: ['Harriet'], prefix: ['Dr.'] }],
};

describe('referrer picker', () => {
  it('finds Practitioners by name, shows their identifier, and refers to the one picked', async () => {
    const searchPractitioners = vi.fn((text: string) => Promise.resolve(text === 'quil' ? [QUILL] : []));
    const { user, onSave } = renderEditor({ initial: existingStudy(), lookups: { searchPractitioners } });
    await user.click(screen.getByRole('button', { name: /More details/ }));
    expect(screen.queryByRole('textbox', { name: /Referrer reference/ })).toBeNull();
    await user.click(screen.getByRole('combobox', { name: 'Referrer' }));
    await user.paste('quil');
    // The search waits for a pause in typing; on a busy machine that can take a while.
    await user.click(
      await screen.findByRole('option', { name: /^Dr\. Harriet Quill\s*STAFF-2001$/ }, { timeout: 10_000 }),
    );
    expect(searchPractitioners).toHaveBeenLastCalledWith('quil');
    expect((await save(user, onSave)).referrer).toEqual({
      reference: 'Practitioner/practitioner-quill',
      display: 'Dr. Harriet Quill',
    });
  });

  it('says which permission is missing, and keeps the referrer the study has', async () => {
    const lookups: EditorLookups = {
      practitionersUnavailable:
        'You are not allowed to look up the names of referring physicians (user/Practitioner.rs).',
    };
    const referrer = { reference: 'Practitioner/p9', display: 'Dr. Who' };
    const { user, onSave } = renderEditor({ initial: { ...existingStudy(), referrer }, lookups });
    await user.click(screen.getByRole('button', { name: /More details/ }));
    const input = screen.getByRole('combobox', { name: 'Referrer' });
    expect(input).toHaveProperty('readOnly', true);
    expect(input).toHaveProperty('value', 'Dr. Who');
    expect(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'user/Practitioner.rs',
    );
    expect((await save(user, onSave)).referrer).toEqual(referrer);
  });
});
