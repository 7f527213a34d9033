/** Entry by keyboard and by habit (issue #18): fixed UIDs, typed codes, Started, SOP class and endpoint address. */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { ImagingStudy } from 'fhir/r4';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existingStudy } from '../../testing/fixtures';
import { renderEditor } from '../testing/render';

afterEach(cleanup);

// jsdom has no layout: give scroll containers a size so the virtualised instance list renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: () => 360 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
});

/** The helper text tied to an input (its error, warning or hint). */
function helperOf(input: HTMLElement): string {
  const id = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).find((i) => i.endsWith('-helper-text'));
  return id === undefined ? '' : (document.getElementById(id)?.textContent ?? '');
}

const valueOf = (input: HTMLElement): string => (input as HTMLInputElement).value;

async function resourceShown(user: ReturnType<typeof renderEditor>['user']): Promise<ImagingStudy> {
  await user.click(screen.getByRole('tab', { name: 'FHIR JSON' }));
  const study = JSON.parse(screen.getByLabelText('ImagingStudy JSON').textContent ?? '{}') as ImagingStudy;
  await user.click(screen.getByRole('tab', { name: 'Form' }));
  return study;
}

describe('UIDs the server has', () => {
  it('a saved study has no Generate, and a hand edit of a stored UID asks first, naming the PACS images', async () => {
    const study = existingStudy();
    const { user } = renderEditor({ initial: study, stored: study });
    expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
    const uid = screen.getByRole('textbox', { name: /^Study Instance UID/ });

    await user.type(uid, '9');
    const dialog = screen.getByRole('dialog', { name: 'Change the saved Study Instance UID?' });
    expect(dialog.textContent).toContain('The images in the PACS carry the old UID, 1.2.3.4.5.');
    await user.click(within(dialog).getByRole('button', { name: 'Keep the UID' }));
    expect(valueOf(uid)).toBe('1.2.3.4.5');

    await user.type(uid, '9');
    await user.click(screen.getByRole('button', { name: 'Change the UID' }));
    expect(valueOf(uid)).toBe('1.2.3.4.59');
    // Asked once: the next keys go straight in.
    await user.type(uid, '1');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(valueOf(uid)).toBe('1.2.3.4.591');
  });

  it("a stored series UID has no Generate and asks before an edit; a new series' UID keeps Generate", async () => {
    const study = existingStudy();
    const { user } = renderEditor({ initial: study, stored: study });
    await user.click(screen.getByRole('button', { name: 'Edit Series 1' }));
    const series = screen.getByRole('group', { name: 'Series 1' });
    expect(within(series).queryByRole('button', { name: 'Generate Series Instance UID' })).toBeNull();
    await user.type(within(series).getByRole('textbox', { name: /^Series Instance UID/ }), '0');
    expect(screen.getByRole('dialog', { name: 'Change the saved Series Instance UID?' })).toBeDefined();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Add series' }));
    const added = screen.getByRole('group', { name: 'Series 2' });
    await user.click(within(added).getByRole('button', { name: 'Generate Series Instance UID' }));
    expect(valueOf(within(added).getByRole('textbox', { name: /^Series Instance UID/ }))).toMatch(/^2\.25\.\d+$/);
  });
});

describe('UID messages', () => {
  it('"ends with a dot" waits for a pause, a leading zero shows at once, and neither mentions urn:oid:', async () => {
    const { user } = renderEditor();
    const uid = screen.getByRole('textbox', { name: /^Study Instance UID/ });
    await user.type(uid, '1.2.');
    // Still typing: the unfinished UID is not called an error yet …
    expect(uid.getAttribute('aria-invalid')).toBe('false');
    expect(helperOf(uid)).toBe('');
    // … until the user pauses.
    await waitFor(() => expect(helperOf(uid)).toMatch(/must not end with a dot/), { timeout: 3000 });
    expect(uid.getAttribute('aria-invalid')).toBe('true');

    await user.type(uid, '03');
    await waitFor(() => expect(helperOf(uid)).toMatch(/leading zero \("03"\)/));
    expect(helperOf(uid)).not.toContain('urn:oid:');
  });
});

describe('Modality picker', () => {
  it('selects an exact code on Enter and a unique match on Tab; text that selects nothing stays, with a note', async () => {
    const { user } = renderEditor();
    const modality = screen.getByRole('combobox', { name: /^Modality/ });
    await user.click(modality);
    await user.keyboard('ct{Enter}');
    expect(screen.getByRole('button', { name: /^CT — Computed Tomography/ })).toBeDefined();

    await user.keyboard('magnetic res');
    await user.tab();
    expect(screen.getByRole('button', { name: /^MR — Magnetic Resonance/ })).toBeDefined();

    await user.click(modality);
    await user.keyboard('zzz');
    await user.tab();
    expect(valueOf(modality)).toBe('zzz');
    expect(screen.getByText(/"zzz" is not a code in .* and was not added/).getAttribute('role')).toBe('status');
    expect((await resourceShown(user)).modality?.map((m) => m.code)).toEqual(['CT', 'MR']);
  });
});

describe('Started', () => {
  it('takes a whole typed date-time in the named browser zone, and a date alone', async () => {
    const { user } = renderEditor();
    const started = screen.getByRole('textbox', { name: /^Started/ });
    await user.type(started, '2024-05-01 14:30');
    expect(valueOf(started)).toBe('2024-05-01 14:30');
    expect((await resourceShown(user)).started).toMatch(/^2024-05-01T14:30:00[+-]\d\d:\d\d$/);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(helperOf(screen.getByRole('textbox', { name: /^Started/ }))).toContain(zone);
  });

  it('flags year 0000 and an incomplete time at the field, keeping the text; Now replaces it', async () => {
    const { user } = renderEditor();
    const started = screen.getByRole('textbox', { name: /^Started/ });
    await user.type(started, '0000-01-01 10:00:00');
    await user.tab();
    await waitFor(() => expect(started.getAttribute('aria-invalid')).toBe('true'));
    expect(helperOf(started)).toMatch(/^Started must be a date/);

    await user.clear(started);
    await user.type(started, '2027-12-31 09:00:ss');
    await user.tab();
    await waitFor(() => expect(helperOf(started)).toMatch(/^Started must be a date/));
    expect(valueOf(started)).toBe('2027-12-31 09:00:ss');

    await user.click(screen.getByRole('button', { name: 'Started: now' }));
    await waitFor(() => expect(started.getAttribute('aria-invalid')).toBe('false'));
    expect(valueOf(started)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('a start more than 5 minutes ahead is a warning, and Save still goes through', async () => {
    const study = existingStudy();
    const { user, onSave } = renderEditor({ initial: study, stored: study });
    const started = screen.getByRole('textbox', { name: /^Started/ });
    await user.clear(started);
    await user.type(started, '2999-01-01');
    await user.tab();
    expect(valueOf(started)).toBe('2999-01-01');
    await waitFor(() => expect(helperOf(started)).toMatch(/in the future/));
    expect(started.getAttribute('aria-invalid')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
  });
});

describe('Instances and endpoints', () => {
  it('a new instance takes the SOP class of the one before it', async () => {
    const study = existingStudy();
    const { user } = renderEditor({ initial: study });
    await user.click(screen.getByRole('button', { name: 'Edit Series 1' }));
    await user.click(screen.getByRole('button', { name: 'Add instance to series 1' }));
    const instances = (await resourceShown(user)).series?.[0]?.instance;
    expect(instances?.map((i) => i.sopClass.code)).toEqual([
      'urn:oid:1.2.840.10008.5.1.4.1.1.2',
      'urn:oid:1.2.840.10008.5.1.4.1.1.2',
    ]);
  });

  it('an endpoint option shows its name and its address as two blocks (two lines)', async () => {
    const { user } = renderEditor();
    await user.click(screen.getByRole('combobox', { name: /^Endpoint/ }));
    const option = await screen.findByRole('option', { name: /Main PACS/ });
    // The option is a flex row: a single block child holds name and address, each a block of its own.
    expect(option.children).toHaveLength(1);
    const lines = [...(option.firstElementChild?.children ?? [])];
    expect(lines.map((l) => getComputedStyle(l).display)).toEqual(['block', 'block']);
    expect(lines[0]?.textContent).toBe('Main PACS');
    expect(lines[1]?.textContent).toMatch(/^https?:\/\//);
  });

  it('a new endpoint address without a scheme says it must start with https://', async () => {
    const { user } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'New endpoint' }));
    const form = await screen.findByRole('group', { name: 'New endpoint' });
    await user.type(within(form).getByRole('textbox', { name: /^Endpoint name/ }), 'Room 2');
    const address = within(form).getByRole('textbox', { name: /^Endpoint address/ });
    await user.type(address, 'pacs.hospital.example/dicom-web');
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() =>
      expect(helperOf(address)).toBe('Address must start with https:// (e.g. https://pacs.hospital.example/dicom-web)'),
    );
  });
});
