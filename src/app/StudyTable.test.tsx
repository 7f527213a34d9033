import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImagingStudy } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { StudyTable } from './StudyTable';

afterEach(cleanup);

const study = (id: string, started: string | undefined, series: number[], description: string): ImagingStudy => ({
  resourceType: 'ImagingStudy',
  id,
  status: 'available',
  subject: { reference: 'Patient/p' },
  ...(started ? { started } : {}),
  description,
  modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }],
  series: series.map((n, i) => ({
    uid: `1.2.${i}`,
    modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' },
    instance: Array.from({ length: n }, (_, j) => ({ uid: `1.2.${i}.${j}`, sopClass: { code: 'x' } })),
  })),
});

const descriptions = () =>
  within(screen.getByRole('table'))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('the study list', () => {
  it('shows dates as YYYY-MM-DD HH:mm, status and counts in words, newest first, sortable by date', async () => {
    const user = userEvent.setup();
    render(
      <StudyTable
        studies={[
          study('a', '2026-12-05T14:30:00+00:00', [2], 'Head CT'),
          study('b', undefined, [], 'No date'),
          study('c', '2027-01-02', [1, 1], 'Chest CT'),
        ]}
      />,
    );
    expect(descriptions()).toEqual(['Chest CT', 'Head CT', 'No date']);
    const head = screen.getByRole('row', { name: /Head CT/ });
    expect(head.textContent).toContain('2026-12-05 14:30');
    expect(head.textContent).not.toContain('T14:30');
    expect(head.textContent).toContain('Available');
    expect(head.textContent).toContain('1 series, 2 instances');
    expect(screen.getByRole('row', { name: /Chest CT/ }).textContent).toContain('2 series, 2 instances');
    expect(screen.getByRole('row', { name: /No date/ }).textContent).toContain('0 series, 0 instances');

    const started = screen.getByRole('columnheader', { name: /Started/ });
    expect(started.getAttribute('aria-sort')).toBe('descending');
    await user.click(within(started).getByRole('button'));
    expect(started.getAttribute('aria-sort')).toBe('ascending');
    expect(descriptions()).toEqual(['Head CT', 'Chest CT', 'No date']);
  });

  it('filters by text and says how many studies match', async () => {
    const user = userEvent.setup();
    render(
      <StudyTable studies={[study('a', '2026-12-05', [1], 'Head CT'), study('b', '2026-12-06', [1], 'Knee MR')]} />,
    );
    expect(screen.getByRole('status').textContent).toBe('2 studies');
    await user.type(screen.getByRole('searchbox', { name: 'Search studies' }), 'knee');
    expect(descriptions()).toEqual(['Knee MR']);
    expect(screen.getByRole('status').textContent).toBe('1 of 2 studies matches “knee”');
  });
});
