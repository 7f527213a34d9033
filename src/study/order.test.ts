import type { ServiceRequest } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { orderConcepts } from './order';

const RADLEX = { system: 'http://www.radlex.org', code: 'RPID16', display: 'CT Chest wo IV Contrast' };
const LOINC = { system: 'http://loinc.org', code: '30745-4', display: 'CT Chest WO contrast' };
const COUGH = { coding: [{ system: 'http://snomed.info/sct', code: '49727002', display: 'Cough' }], text: 'Cough' };

function order(id: string, status: ServiceRequest['status'], extra: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id,
    status,
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    ...extra,
  };
}

describe("what the orders offer the study's coded fields", () => {
  it('offers each procedure once, RadLex Playbook coding first, and each reason once, from pickable orders only', () => {
    const code = { coding: [LOINC, RADLEX], text: 'CT chest without contrast' };
    const offered = orderConcepts([
      order('a', 'active', { code, reasonCode: [COUGH] }),
      order('b', 'completed', { code, reasonCode: [COUGH, { text: 'Fever' }] }),
      order('c', 'revoked', { code: { text: 'MR knee' }, reasonCode: [{ text: 'Knee pain' }] }),
      order('d', 'active'),
    ]);
    expect(offered.procedureCode).toEqual([{ coding: [RADLEX, LOINC], text: 'CT chest without contrast' }]);
    expect(offered.reasonCode).toEqual([COUGH, { text: 'Fever' }]);
  });
});
