import { Clock } from '../../src/platform/clock';
import { LIFD_APPLICATION_FIELDS, Steps } from '../applications/fixtures';
import type { TestApp } from '../support/test-app';

/**
 * An FRL LIfD case of call 2026-1 driven through HTTP to a final approval (the plan of test/approvals/decisions.spec.ts:
 * equipment 100.000 € in 2027 and 23.456,79 € in 2028, staff 10.000,01 € in 2028; grant 104.765,43 €). Not a test file.
 */
export async function finalLifdCase(
  t: TestApp,
  steps: Steps,
  tok: { applicant: string; caseworker: string; approver: string },
  locationAgs: string,
  fields: Record<string, unknown> = {},
): Promise<{ caseId: string; decisionId: string }> {
  const caseId = await steps.invitedCase(tok.applicant, tok.caseworker, 'frl-lifd', fields, { locationAgs });
  t.app.get(Clock).travelTo('2027-02-15T10:00:00+01:00');
  expect((await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: tok.applicant })).status).toBe(201);
  const saved = await steps.saveApplication(tok.applicant, caseId, {
    version: 1,
    fields: LIFD_APPLICATION_FIELDS,
    costs: [
      { category: 'equipment', amountCents: 10000000, fiscalYear: 2027, description: 'Lasercutter' },
      { category: 'equipment', amountCents: 2345679, fiscalYear: 2028, description: '3D-Drucker' },
      { category: 'staff', amountCents: 1000001, fiscalYear: 2028, description: 'Koordination' },
    ],
    ownContributionCents: 2869137,
    thirdPartyFunds: [],
    fundingStart: '2027-04-01',
    fundingEnd: '2028-12-31',
    iban: 'DE89 3704 0044 0532 0130 00',
    accountHolder: 'Kontoinhaber',
  });
  expect(saved.body.grantCents).toBe(10_476_543);
  for (const type of ['cost_financing_plan', 'quotes', 'own_funds_confirmation']) expect((await steps.upload(tok.applicant, caseId, type)).status).toBe(201);
  expect((await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: tok.applicant })).status).toBe(200);
  expect((await steps.transition(tok.caseworker, caseId, 'confirm_completeness')).status).toBe(200);
  const prepared = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: tok.caseworker, body: { kind: 'approval' } });
  expect((await t.request('POST', `/api/v1/decisions/${prepared.body.id}/sign-off`, { token: tok.approver })).status).toBe(200);
  expect((await t.request('POST', `/api/v1/cases/${caseId}/waive-objection`, { token: tok.applicant })).body.state).toBe('notice_final');
  return { caseId, decisionId: prepared.body.id };
}
