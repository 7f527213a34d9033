import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PATIENTS, SEED_STUDY, firstActiveOrder, ordersOf } from './seed.ts';
import { startSandbox, type Sandbox } from './server.ts';
import {
  Browser,
  authorize,
  control,
  exchangeCode,
  fhir,
  getTokens,
  tokenRequest,
  type AuthorizeOptions,
} from './testing/smart-client.ts';

const [ada, alan, grace] = SEED_PATIENTS as [
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
];
const SCOPES =
  'launch openid fhirUser offline_access patient/Patient.r patient/ServiceRequest.rs patient/ImagingStudy.rs patient/Encounter.r';
const adaOrder = firstActiveOrder(ada.id);
const alanOrder = firstActiveOrder(alan.id);

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, appOrigin: 'http://127.0.0.1:5173' });
});

afterAll(async () => {
  await sandbox.close();
});

function launch(ehrLaunch: NonNullable<AuthorizeOptions['ehrLaunch']>) {
  return getTokens(sandbox, { scope: SCOPES, ehrLaunch });
}

/** Runs the authorization request for a launch id the control endpoint made, up to the code. */
async function authorizeWithLaunchId(launchId: string) {
  // authorize() asks the EHR page for a launch id itself; here the id comes from elsewhere, so a Browser that adds
  // it to the authorization request carries it in.
  const browser = new Browser();
  const original = browser.fetch.bind(browser);
  browser.fetch = (url: string, init?: RequestInit) => {
    const target = new URL(url);
    if (target.pathname === '/oidc/auth' && !target.searchParams.has('launch')) {
      target.searchParams.set('launch', launchId);
    }
    return original(target.href, init);
  };
  const result = await authorize(sandbox, { scope: SCOPES, browser });
  const { status, body } = await exchangeCode(sandbox, result);
  expect(status).toBe(200);
  return body;
}

describe('EHR launches with a SMART fhirContext', () => {
  it('for an order: the order as a 2.1 reference object, next to the order’s patient and encounter', async () => {
    const tokens = await launch({ patientId: grace.id, for: `ServiceRequest/${alanOrder?.id}` });
    expect(tokens.patient).toBe(alan.id);
    expect(tokens.encounter).toBe(alan.encounterId);
    expect(tokens.fhirContext).toEqual([{ reference: `ServiceRequest/${alanOrder?.id}` }]);
    const read = await fhir(sandbox, tokens.access_token, `ServiceRequest/${alanOrder?.id}`);
    expect(read.status).toBe(200);
  });

  it('for a study: the study as a reference object', async () => {
    const tokens = await launch({ patientId: ada.id, for: `ImagingStudy/${SEED_STUDY.id}` });
    expect(tokens.patient).toBe(ada.id);
    expect(tokens.fhirContext).toEqual([{ reference: `ImagingStudy/${SEED_STUDY.id}` }]);
  });

  it('for the patient only: no fhirContext', async () => {
    const tokens = await launch({ patientId: ada.id });
    expect(tokens.patient).toBe(ada.id);
    expect(tokens).not.toHaveProperty('fhirContext');
  });

  it('in the SMART 2.0.0 plain-string form on request', async () => {
    const tokens = await launch({ patientId: ada.id, for: `ServiceRequest/${adaOrder?.id}`, contextForm: 'string' });
    expect(tokens.fhirContext).toEqual([`ServiceRequest/${adaOrder?.id}`]);
  });

  it('with another patient’s order or a missing one, handed on unchecked for the app to refuse', async () => {
    const foreign = await launch({ patientId: ada.id, context: [`ServiceRequest/${alanOrder?.id}`] });
    expect(foreign.patient).toBe(ada.id);
    expect(foreign.fhirContext).toEqual([{ reference: `ServiceRequest/${alanOrder?.id}` }]);
    // The token still cannot read it: the order is outside the launch patient's compartment.
    expect((await fhir(sandbox, foreign.access_token, `ServiceRequest/${alanOrder?.id}`)).status).toBe(403);
    const missing = await launch({
      patientId: ada.id,
      context: ['ServiceRequest/no-such-order'],
      contextForm: 'string',
    });
    expect(missing.fhirContext).toEqual(['ServiceRequest/no-such-order']);
  });

  it('keeps the fhirContext in refreshed token responses', async () => {
    const tokens = await launch({ patientId: ada.id, for: `ServiceRequest/${adaOrder?.id}` });
    const refreshed = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.fhirContext).toEqual([{ reference: `ServiceRequest/${adaOrder?.id}` }]);
  });

  it('leaves fhirContext out when the launch scope was not granted', async () => {
    const tokens = await getTokens(sandbox, {
      scope: SCOPES,
      ehrLaunch: { patientId: ada.id, for: `ServiceRequest/${adaOrder?.id}`, askConsent: true },
      grant: SCOPES.split(' ').filter((s) => s !== 'launch'),
    });
    expect(tokens).not.toHaveProperty('fhirContext');
    expect(tokens).not.toHaveProperty('patient');
  });

  it('starts the same launches from URL parameters (GET /launch)', async () => {
    const query = new URLSearchParams({ patient: ada.id, context: 'ImagingStudy/elsewhere', contextForm: 'string' });
    const response = await fetch(`${sandbox.url}/launch?${query.toString()}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const launchId = new URL(response.headers.get('location') ?? '').searchParams.get('launch') ?? '';
    expect(launchId).not.toBe('');
    const body = await authorizeWithLaunchId(launchId);
    expect(body.fhirContext).toEqual(['ImagingStudy/elsewhere']);
  });

  it('issues any fhirContext JSON through the launch control', async () => {
    const fhirContext = [{ reference: `ServiceRequest/${adaOrder?.id}`, role: 'http://example.org/role' }, 'Patient/x'];
    const made = await control(sandbox, 'launch', { patientId: ada.id, fhirContext });
    expect(made.status).toBe(200);
    const { launch: launchId, launchUrl } = made.body as { launch: string; launchUrl: string };
    expect(new URL(launchUrl).searchParams.get('launch')).toBe(launchId);
    const body = await authorizeWithLaunchId(launchId);
    expect(body.patient).toBe(ada.id);
    expect(body.fhirContext).toEqual(fhirContext);
    expect((await control(sandbox, 'launch', { patientId: 'nobody' })).status).toBe(400);
    expect((await control(sandbox, 'launch', { patientId: ada.id, fhirContext: 'ServiceRequest/x' })).status).toBe(400);
  });
});

describe('the EHR page', () => {
  it('offers a launch per order and per study in the patient’s row, and none for a patient without', async () => {
    const page = await (await fetch(`${sandbox.url}/`)).text();
    for (const order of ordersOf(ada.id)) {
      expect(page).toMatch(
        new RegExp(
          `<button type="submit" name="for" value="ServiceRequest/${order.id}">Launch for order ${order.accession} `,
        ),
      );
    }
    expect(page).toContain(
      `name="for" value="ImagingStudy/${SEED_STUDY.id}">Launch for study CT chest without contrast`,
    );
    const graceRow = page.slice(page.indexOf(`>${grace.name}</th>`));
    expect(graceRow.slice(0, graceRow.indexOf('</tr>'))).not.toContain('name="for"');
    // The plain launch button keeps a name no other button contains.
    expect(page.split(`Launch ${ada.name}`)).toHaveLength(2);
  });

  it('answers 400 for a launch for an order that does not exist', async () => {
    const response = await fetch(`${sandbox.url}/launch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ for: 'ServiceRequest/no-such-order' }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
  });
});

describe('hostile text in orders', () => {
  const hostile = '<script>window.__pwned=1</script>"><img src=x onerror=alert(1)>';

  it('stores hostile order displays, accession numbers and requester names, and the EHR page shows them as text', async () => {
    const admin = (await getTokens(sandbox, { scope: 'launch user/*.cruds', ehrLaunch: { patientId: grace.id } }))
      .access_token;
    const practitioner = await fhir(sandbox, admin, 'Practitioner', {
      method: 'POST',
      body: { resourceType: 'Practitioner', name: [{ text: hostile, family: hostile }] },
    });
    expect(practitioner.status).toBe(201);
    const order = await fhir(sandbox, admin, 'ServiceRequest', {
      method: 'POST',
      body: {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        identifier: [{ system: 'http://hospital.example.org/identifiers/accession', value: hostile }],
        code: { coding: [{ system: 'http://loinc.org', code: '24628-0', display: hostile }], text: hostile },
        subject: { reference: `Patient/${grace.id}` },
        requester: { reference: `Practitioner/${String(practitioner.body.id)}`, display: hostile },
      },
    });
    expect(order.status).toBe(201);
    const page = await (await fetch(`${sandbox.url}/`)).text();
    expect(page).not.toContain('<script>window.__pwned');
    expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');

    // The patch-resource control edits seeded orders too (e.g. a hostile display behind the app's back).
    const [seeded] = ordersOf(ada.id);
    const patched = await control(sandbox, 'patch-resource', {
      reference: `ServiceRequest/${seeded?.id}`,
      patch: [{ op: 'replace', path: '/requester/display', value: hostile }],
    });
    expect(patched.status).toBe(200);
    expect((patched.body as { requester: { display: string } }).requester.display).toBe(hostile);
    expect((await control(sandbox, 'reset')).status).toBe(200);
  });
});
