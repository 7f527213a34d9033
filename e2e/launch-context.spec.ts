/**
 * Issue 15, launch contexts (SMART App Launch fhirContext): a launch for an order opens a new study linked to it, a
 * launch for a study opens that study, and a context naming another patient's order is refused with a message.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './fixtures';
import { SEED_ORDERS, SEED_STUDY } from './sandbox/seed';
import { expect, field, SLOW, test } from './save-helpers';
import type { Sandbox } from './sandbox/server';

test.describe.configure({ timeout: 120_000 });

const ORDER = SEED_ORDERS[0] as (typeof SEED_ORDERS)[number];
const ALANS_ORDER = SEED_ORDERS.find((o) => o.patientId === 'alan-turing') as (typeof SEED_ORDERS)[number];

/** Launches from the sandbox EHR's launch address (as its "Launch for …" buttons do) in this page. */
async function launchWith(page: Page, sandbox: Sandbox, query: string): Promise<void> {
  await page.goto(`${sandbox.url}/launch?${query}`);
}

for (const form of ['object', 'string'] as const) {
  test(`a launch for an order (${form} form) opens a new study linked to that order`, async ({ page, sandbox }) => {
    await launchWith(page, sandbox, `for=ServiceRequest/${ORDER.id}${form === 'string' ? '&contextForm=string' : ''}`);
    await expect(page.getByRole('heading', { name: 'New imaging study' })).toBeVisible({ timeout: SLOW });
    await expect(page.getByText(`Linked to order: ${ORDER.accession}`)).toBeVisible({ timeout: SLOW });
    await expect(field(page, 'Accession number')).toHaveValue(ORDER.accession);
    await expectAccessible(page);
  });
}

test('a launch for a study opens that study for editing', async ({ page, sandbox }) => {
  await launchWith(page, sandbox, `for=ImagingStudy/${SEED_STUDY.id}`);
  await expect(page.getByRole('heading', { name: 'Edit imaging study' })).toBeVisible({ timeout: SLOW });
  await expect(page).toHaveURL(new RegExp(`#/study/${SEED_STUDY.id}$`));
  await expect(field(page, 'Accession number')).toHaveValue(SEED_STUDY.accession);
});

test("a context naming another patient's order is refused with a message, and the study list shows", async ({
  page,
  sandbox,
}) => {
  await launchWith(page, sandbox, `patient=ada-lovelace&context=ServiceRequest/${ALANS_ORDER.id}`);
  await expect(page.getByRole('heading', { name: 'Imaging studies' })).toBeVisible({ timeout: SLOW });
  const alert = page.getByRole('alert').filter({ hasText: `ServiceRequest/${ALANS_ORDER.id}` });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('The EHR opened the app for an order');
  await expect(page.getByRole('heading', { name: 'New imaging study' })).toHaveCount(0);
});

test('a context naming an order that does not exist is refused with a message', async ({ page, sandbox }) => {
  await launchWith(page, sandbox, 'patient=ada-lovelace&context=ServiceRequest/no-such-order');
  await expect(page.getByRole('heading', { name: 'Imaging studies' })).toBeVisible({ timeout: SLOW });
  await expect(page.getByRole('alert').filter({ hasText: 'ServiceRequest/no-such-order' })).toContainText(
    'could not be opened',
  );
});
