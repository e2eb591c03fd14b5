import { Clock } from '../../src/platform/clock';
import { multipartFile, pdf } from '../support/multipart';
import { Reply, TestApp } from '../support/test-app';

/** Shared data and HTTP steps of the applications suites (not a test file itself). */

/** A complete FRL LIfD concept form. */
export const LIFD_CONCEPT_FIELDS = {
  title: 'Makerspace Mittweida',
  summary: 'Ein offener Makerspace mit Lasercutter und 3D-Druck.',
  spaceType: 'makerspace',
  targetGroups: 'Schülerinnen und Schüler, Gründende, Handwerk',
  location: 'Markt 1, 09648 Mittweida',
  ruralArea: true,
  plannedOpening: '2027-09-01',
  innovation: 'Verbindung von Hochschule und Handwerk.',
  contactPerson: 'Karin Schmidt',
  contactEmail: 'k.schmidt@mittweida.de',
};

/**
 * A balanced FRL LIfD plan: 100.000 € equipment at 80 % = 80.000 € and 50.000 € staff at 60 % = 30.000 €,
 * grant 110.000 €; own contribution 150.000 − 110.000 = 40.000 €.
 */
export const LIFD_PLAN = {
  variant: 'stationary',
  locationAgs: '14522360',
  costs: [
    { category: 'equipment', amountCents: 10_000_000, description: 'Lasercutter, 3D-Drucker' },
    { category: 'staff', amountCents: 5_000_000, description: 'Koordination' },
  ],
  ownContributionCents: 4_000_000,
  thirdPartyFunds: [],
};

/** A complete FRL LIfD application form. */
export const LIFD_APPLICATION_FIELDS = {
  projectTitle: 'Makerspace Mittweida',
  projectDescription: 'Einrichtung und Betrieb eines Makerspace am Markt.',
  objectives: '500 Nutzende im ersten Jahr, 20 Kurse.',
  workPlan: 'Q3/2027 Umbau, Q4/2027 Eröffnung, 2028 Betrieb.',
  operatingModel: 'Betrieb durch die Stadt mit der Hochschule Mittweida.',
  sustainabilityConcept: 'Weiterbetrieb aus Nutzungsentgelten und dem städtischen Haushalt.',
  projectNotStarted: true,
  inputTaxDeductible: false,
  otherFundingApplied: false,
  contactPerson: 'Karin Schmidt',
  contactEmail: 'k.schmidt@mittweida.de',
  contactPhone: '03727 123456',
};

/** A complete "Digitale Orte ST" concept form. */
export const ST_CONCEPT_FIELDS = {
  title: 'Digitaler Ort Hettstedt',
  summary: 'Ein digitaler Treffpunkt in der Stadtbibliothek.',
  targetGroups: 'Seniorinnen und Senioren, Vereine',
  contactEmail: 'digital@hettstedt.example',
};

/** 20.000 € equipment at 90 % = 18.000 € grant, 2.000 € own contribution. */
export const ST_PLAN = {
  variant: 'standard',
  locationAgs: '15087205',
  costs: [{ category: 'equipment', amountCents: 2_000_000, description: 'Bildschirme, Laptops' }],
  ownContributionCents: 200_000,
  thirdPartyFunds: [],
};

export const ST_APPLICATION_FIELDS = {
  projectDescription: 'Ausstattung eines digitalen Treffpunkts in der Stadtbibliothek.',
  workPlan: '2027: Beschaffung und Schulung.',
  sustainabilityConcept: 'Betrieb durch die Stadtbibliothek.',
  projectNotStarted: true,
  contactPerson: 'Jens Müller',
  contactEmail: 'digital@hettstedt.example',
};

/** IBANs: a valid German one (the standard example), the same with a wrong check digit. */
export const VALID_IBAN = 'DE89 3704 0044 0532 0130 00';
export const INVALID_IBAN = 'DE88 3704 0044 0532 0130 00';

/**
 * The binding FRL LIfD application plan the approval and payout suites share: equipment 123.456,79 € × 80 % =
 * 98.765,43 €; staff 10.000,01 € × 60 % = 6.000,00 € (6.000,006 rounded down); grant 104.765,43 €; own contribution
 * 133.456,80 − 104.765,43 = 28.691,37 €; funding period 1 April 2027 – 31 December 2028.
 */
export const LIFD_BINDING_PLAN = {
  costs: [
    { category: 'equipment', amountCents: 10_000_000, fiscalYear: 2027, description: 'Lasercutter' },
    { category: 'equipment', amountCents: 2_345_679, fiscalYear: 2028, description: '3D-Drucker' },
    { category: 'staff', amountCents: 1_000_001, fiscalYear: 2028, description: 'Koordination' },
  ],
  ownContributionCents: 2_869_137,
  thirdPartyFunds: [],
  fundingStart: '2027-04-01',
  fundingEnd: '2028-12-31',
};
export const LIFD_BINDING_GRANT_CENTS = 10_476_543;

/** How an FRL LIfD case driven by Steps differs from the default: its concept (see invitedCase) and what its application saves. */
export interface LifdCase {
  conceptFields?: Record<string, unknown>;
  conceptPlan?: Record<string, unknown>;
  /** Over the binding plan, VALID_IBAN and Stadt Mittweida as account holder. */
  application?: Record<string, unknown>;
}

export function codes(reply: Reply): string[] {
  const failures = reply.body?.details?.problems ?? reply.body?.problems ?? [];
  return failures.map((f: { code: string }) => f.code);
}

export class Steps {
  constructor(readonly t: TestApp) {}

  get clock(): Clock {
    return this.t.app.get(Clock);
  }

  async createConcept(token: string, guidelineCode: string, callCode: string): Promise<any> {
    const res = await this.t.request('POST', '/api/v1/concepts', { token, body: { guidelineCode, callCode } });
    if (res.status !== 201) throw new Error(`create concept: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  saveConcept(token: string, caseId: string, body: Record<string, unknown>): Promise<Reply> {
    return this.t.request('PUT', `/api/v1/cases/${caseId}/concept`, { token, body });
  }

  saveApplication(token: string, caseId: string, body: Record<string, unknown>): Promise<Reply> {
    return this.t.request('PUT', `/api/v1/cases/${caseId}/application`, { token, body });
  }

  async getConcept(token: string, caseId: string): Promise<any> {
    return (await this.t.request('GET', `/api/v1/cases/${caseId}/concept`, { token })).body;
  }

  async getApplication(token: string, caseId: string): Promise<any> {
    return (await this.t.request('GET', `/api/v1/cases/${caseId}/application`, { token })).body;
  }

  upload(token: string, caseId: string, type: string, data: Buffer = pdf(type), filename = `${type}.pdf`, claimed = 'application/pdf', informationRequestId?: string): Promise<Reply> {
    const { body, headers } = multipartFile(filename, data, claimed);
    const query = `type=${encodeURIComponent(type)}${informationRequestId ? `&informationRequestId=${informationRequestId}` : ''}`;
    return this.t.request('POST', `/api/v1/cases/${caseId}/attachments?${query}`, { token, body, headers });
  }

  transition(token: string, caseId: string, transition: string, reason?: string): Promise<Reply> {
    return this.t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token, body: { transition, ...(reason !== undefined ? { reason } : {}) } });
  }

  async state(caseId: string): Promise<{ state: string; file_number: string | null; version: number }> {
    const [row] = await this.t.db.query('SELECT state, file_number, version FROM cases WHERE id = $1', [caseId]);
    return row;
  }

  /** A complete concept of FRL LIfD (call 2026-1), saved with its required attachments, not submitted. Needs an open call. */
  async completeLifdConcept(token: string, fields: Record<string, unknown> = {}, plan: Record<string, unknown> = {}): Promise<string> {
    const d = await this.createConcept(token, 'frl-lifd', '2026-1');
    const saved = await this.saveConcept(token, d.caseId, { version: 1, fields: { ...LIFD_CONCEPT_FIELDS, ...fields }, ...LIFD_PLAN, ...plan });
    if (saved.status !== 200) throw new Error(`save concept: ${saved.status} ${JSON.stringify(saved.body)}`);
    for (const type of ['concept_document', 'cost_estimate']) {
      const up = await this.upload(token, d.caseId, type);
      if (up.status !== 201) throw new Error(`upload ${type}: ${up.status} ${JSON.stringify(up.body)}`);
    }
    return d.caseId;
  }

  /** A complete concept of Digitale Orte ST (call 2026), not submitted. Needs an open call. */
  async completeStConcept(token: string, fields: Record<string, unknown> = {}, plan: Record<string, unknown> = {}): Promise<string> {
    const d = await this.createConcept(token, 'st-digital', '2026');
    const saved = await this.saveConcept(token, d.caseId, { version: 1, fields: { ...ST_CONCEPT_FIELDS, ...fields }, ...ST_PLAN, ...plan });
    if (saved.status !== 200) throw new Error(`save concept: ${saved.status} ${JSON.stringify(saved.body)}`);
    return d.caseId;
  }

  async submitConcept(token: string, caseId: string): Promise<any> {
    const res = await this.t.request('POST', `/api/v1/cases/${caseId}/concept/submit`, { token });
    if (res.status !== 200) throw new Error(`submit concept: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /**
   * A submitted concept moved to `invited` (the jury is a later issue: the state is set in the database).
   * Sets the Clock to a day both calls are open (1 Dec 2026); the caller moves it on.
   */
  async invitedCase(applicant: string, caseworker: string, guideline: 'frl-lifd' | 'st-digital', fields: Record<string, unknown> = {}, plan: Record<string, unknown> = {}): Promise<string> {
    this.clock.travelTo('2026-12-01T10:00:00+01:00');
    const caseId = guideline === 'frl-lifd' ? await this.completeLifdConcept(applicant, fields, plan) : await this.completeStConcept(applicant, fields, plan);
    await this.submitConcept(applicant, caseId);
    if (guideline === 'frl-lifd') {
      const accepted = await this.transition(caseworker, caseId, 'accept_concept');
      if (accepted.status !== 200) throw new Error(`accept concept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    }
    await this.t.db.query(`UPDATE cases SET state = 'invited' WHERE id = $1`, [caseId]);
    return caseId;
  }

  /**
   * An invited FRL LIfD case whose application is saved, with its attachments, and submitted on 15 Feb 2027 (the
   * Clock stays there). The binding plan's grant is checked whenever its costs are kept.
   */
  async submittedApplication(applicant: string, caseworker: string, o: LifdCase = {}): Promise<string> {
    const caseId = await this.invitedCase(applicant, caseworker, 'frl-lifd', o.conceptFields, o.conceptPlan);
    this.clock.travelTo('2027-02-15T10:00:00+01:00');
    expectStatus('start application', await this.t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant }), 201);
    const application = { ...LIFD_BINDING_PLAN, iban: VALID_IBAN, accountHolder: 'Stadt Mittweida', ...o.application };
    const saved = expectStatus('save application', await this.saveApplication(applicant, caseId, { version: 1, fields: LIFD_APPLICATION_FIELDS, ...application }), 200);
    if (application.costs === LIFD_BINDING_PLAN.costs && saved.body.grantCents !== LIFD_BINDING_GRANT_CENTS) throw new Error(`binding plan: grant ${saved.body.grantCents}, expected ${LIFD_BINDING_GRANT_CENTS}`);
    for (const type of ['cost_financing_plan', 'quotes', 'own_funds_confirmation']) expectStatus(`upload ${type}`, await this.upload(applicant, caseId, type), 201);
    expectStatus('submit application', await this.t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant }), 200);
    return caseId;
  }

  /** The submitted application (above) confirmed complete by the caseworker. */
  async completeApplication(applicant: string, caseworker: string, o: LifdCase = {}): Promise<string> {
    const caseId = await this.submittedApplication(applicant, caseworker, o);
    expectStatus('confirm completeness', await this.transition(caseworker, caseId, 'confirm_completeness'), 200);
    return caseId;
  }

  /** The complete application (above) approved in full: prepared by the caseworker, signed off by the approver; the notice is issued, not yet final. */
  async approvedCase(applicant: string, caseworker: string, approver: string, o: LifdCase = {}): Promise<string> {
    const caseId = await this.completeApplication(applicant, caseworker, o);
    const prepared = expectStatus('prepare approval', await this.t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } }), 201);
    expectStatus('sign off', await this.t.request('POST', `/api/v1/decisions/${prepared.body.id}/sign-off`, { token: approver }), 200);
    return caseId;
  }

  /** The approved case (above) with its notice made final by the applicant's waiver of objection. */
  async finalNotice(applicant: string, caseworker: string, approver: string, o: LifdCase = {}): Promise<string> {
    const caseId = await this.approvedCase(applicant, caseworker, approver, o);
    const waived = expectStatus('waive objection', await this.t.request('POST', `/api/v1/cases/${caseId}/waive-objection`, { token: applicant }), 200);
    if (waived.body.state !== 'notice_final') throw new Error(`waive objection: state ${waived.body.state}`);
    return caseId;
  }
}

/** The reply if it has the status a step needs; otherwise the step fails with what the API said. */
function expectStatus(step: string, reply: Reply, status: number): Reply {
  if (reply.status !== status) throw new Error(`${step}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}
