import { Clock } from '../../src/platform/clock';
import { LIFD_APPLICATION_FIELDS, Steps, VALID_IBAN } from '../applications/fixtures';
import { TestApp, waitUntil } from '../support/test-app';

/** Work lists (GET /me/tasks) and case timelines (GET /cases/:id/timeline), through HTTP, per role. */
describe('work lists and case timelines', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let applicant: string;
  let otherApplicant: string;
  let caseworker: string;
  let approver: string;
  let reviewer: string;
  let caseworkerId: string;
  let approverId: string;
  let reviewerId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const freiberg = await t.createOrganisation('Stadt Freiberg', '14522180');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@freiberg.de', ['applicant'], freiberg);
    caseworkerId = await t.createUser('sb@sab.example', ['caseworker']);
    approverId = await t.createUser('freigabe@sab.example', ['approver']);
    reviewerId = await t.createUser('jury@sab.example', ['reviewer']);
    applicant = await t.login('antrag@mittweida.de');
    otherApplicant = await t.login('antrag@freiberg.de');
    caseworker = await t.login('sb@sab.example');
    approver = await t.login('freigabe@sab.example');
    reviewer = await t.login('jury@sab.example');
  });
  afterAll(() => t.close());

  async function tasks(token: string): Promise<any[]> {
    const res = await t.request('GET', '/api/v1/me/tasks', { token });
    expect(res.status).toBe(200);
    return res.body;
  }
  const of = (list: any[], caseId: string) => list.filter((x) => x.caseId === caseId);

  it('gives the applicant their drafts, the caseworker the concepts to check, the reviewer declarations and scores', async () => {
    clock.travelTo('2026-12-01T10:00:00+01:00');
    const caseId = await steps.completeLifdConcept(applicant);

    expect(of(await tasks(applicant), caseId)).toEqual([
      expect.objectContaining({ kind: 'draft', caseId, state: 'concept_draft', steps: ['submit_concept'], link: `/api/v1/cases/${caseId}/concept` }),
    ]);
    expect(of(await tasks(otherApplicant), caseId)).toEqual([]); // another organisation's draft
    expect(of(await tasks(caseworker), caseId)).toEqual([]); // a draft waits for the applicant alone

    await steps.submitConcept(applicant, caseId);
    expect(of(await tasks(applicant), caseId)).toEqual([]);
    const check = of(await tasks(caseworker), caseId);
    expect(check).toEqual([expect.objectContaining({ kind: 'step', state: 'concept_submitted', steps: ['accept_concept'], link: `/api/v1/cases/${caseId}` })]);
    expect(check[0].fileNumber).toEqual(expect.any(String));
    expect(of(await tasks(approver), caseId)).toEqual([]);

    expect((await steps.transition(caseworker, caseId, 'accept_concept')).status).toBe(200);
    const assigned = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId, reviewerId } });
    expect(assigned.status).toBe(201);
    const { assignmentId } = assigned.body;
    expect(of(await tasks(reviewer), caseId)).toEqual([
      expect.objectContaining({ kind: 'declaration', assignmentId, link: `/api/v1/reviews/assignments/${assignmentId}/declaration` }),
    ]);
    expect((await t.request('POST', `/api/v1/reviews/assignments/${assignmentId}/declaration`, { token: reviewer, body: { conflict: false } })).status).toBe(200);
    expect(of(await tasks(reviewer), caseId)).toEqual([expect.objectContaining({ kind: 'review', assignmentId, link: `/api/v1/reviews/assignments/${assignmentId}/review` })]);
    expect(await tasks(otherApplicant)).toEqual([]);
  });

  it('gives the applicant the application due date, information requests with their deadline, the caseworker overdue answers and the approver decisions to sign', async () => {
    const caseId = await steps.invitedCase(applicant, caseworker, 'frl-lifd');
    await t.db.query(`UPDATE cases SET application_due_on = '2027-03-01' WHERE id = $1`, [caseId]);
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: applicant })).body).toMatchObject({ applicationDueOn: '2027-03-01' });
    expect(of(await tasks(applicant), caseId)).toEqual([expect.objectContaining({ kind: 'step', state: 'invited', steps: ['start_application'], dueOn: '2027-03-01' })]);

    clock.travelTo('2027-02-15T10:00:00+01:00');
    expect((await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant })).status).toBe(201);
    expect(of(await tasks(applicant), caseId)).toEqual([
      expect.objectContaining({ kind: 'draft', state: 'application_draft', dueOn: '2027-03-01', link: `/api/v1/cases/${caseId}/application` }),
    ]);
    const saved = await steps.saveApplication(applicant, caseId, {
      version: 1,
      fields: LIFD_APPLICATION_FIELDS,
      costs: [
        { category: 'equipment', amountCents: 10000000, fiscalYear: 2027, description: 'Lasercutter' },
        { category: 'staff', amountCents: 5000000, fiscalYear: 2027, description: 'Koordination' },
      ],
      ownContributionCents: 4000000,
      thirdPartyFunds: [],
      fundingStart: '2027-07-01', // after the overdue day below, so answering needs no early start
      fundingEnd: '2028-12-31',
      iban: VALID_IBAN,
      accountHolder: 'Stadt Mittweida',
    });
    expect(saved.status).toBe(200);
    for (const type of ['cost_financing_plan', 'quotes', 'own_funds_confirmation']) expect((await steps.upload(applicant, caseId, type)).status).toBe(201);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant })).status).toBe(200);
    expect(of(await tasks(caseworker), caseId)).toEqual([expect.objectContaining({ kind: 'step', state: 'application_submitted', steps: ['confirm_completeness'] })]);

    const asked = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte das Angebot für den Lasercutter nachreichen.' } });
    expect(asked.status).toBe(201);
    const requestId = asked.body.id;
    expect(of(await tasks(applicant), caseId)).toEqual([
      expect.objectContaining({ kind: 'information_request', informationRequestId: requestId, dueOn: asked.body.dueOn, link: `/api/v1/cases/${caseId}/information-requests` }),
    ]);
    expect(of(await tasks(caseworker), caseId)).toEqual([]); // not overdue yet
    clock.travelTo('2027-04-15T10:00:00+02:00');
    expect(of(await tasks(caseworker), caseId)).toEqual([expect.objectContaining({ kind: 'overdue_answer', informationRequestId: requestId, dueOn: asked.body.dueOn })]);

    const answered = await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${requestId}/answer`, { token: applicant, body: { answer: 'Das Angebot ist hochgeladen.' } });
    expect(answered.body).toMatchObject({ id: requestId });
    expect((await steps.transition(caseworker, caseId, 'confirm_completeness')).status).toBe(200);
    const prepared = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } });
    expect(prepared.status).toBe(201);
    expect(of(await tasks(approver), caseId)).toEqual([
      expect.objectContaining({ kind: 'sign_decision', decisionId: prepared.body.id, link: `/api/v1/decisions/${prepared.body.id}/sign-off` }),
    ]);
    expect(of(await tasks(caseworker), caseId)).toEqual([]);
    expect(of(await tasks(reviewer), caseId)).toEqual([]);

    // the timeline of the same case
    expect((await t.request('POST', `/api/v1/decisions/${prepared.body.id}/sign-off`, { token: approver })).status).toBe(200);
    await waitUntil('the notice is issued and its mail sent', async () => {
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM mail_deliveries WHERE case_id = $1 AND sent_at IS NOT NULL AND subject LIKE '%bescheid%'`, [caseId]);
      const [internal] = await t.db.query(`SELECT count(*)::int AS n FROM mail_deliveries WHERE case_id = $1 AND sent_at IS NOT NULL AND internal`, [caseId]);
      return row.n > 0 && internal.n > 0;
    });

    const staff = await t.request('GET', `/api/v1/cases/${caseId}/timeline`, { token: caseworker });
    expect(staff.status).toBe(200);
    const kinds = staff.body.entries.map((e: { kind: string }) => e.kind);
    for (const k of ['transition', 'information_requested', 'information_answered', 'notice', 'mail']) expect(kinds).toContain(k);
    const at = staff.body.entries.map((e: { at: string }) => Date.parse(e.at));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const transitions = staff.body.entries.filter((e: any) => e.kind === 'transition').map((e: any) => e.transition);
    expect(transitions).toContainEqual(
      expect.objectContaining({ name: 'request_information', toState: 'information_requested', toStateLabel: 'Unterlagen nachgefordert', reason: expect.stringContaining('Angebot'), actorId: caseworkerId }),
    );
    expect(transitions).toContainEqual(expect.objectContaining({ name: 'approve_decision', actorId: approverId }));
    expect(staff.body.entries.find((e: any) => e.kind === 'notice').notice).toEqual({ id: expect.any(String), kind: expect.any(String), issuedOn: expect.any(String), verificationCode: expect.any(String) });
    expect(staff.body.entries.find((e: any) => e.kind === 'information_requested').informationRequest).toMatchObject({ id: requestId, dueOn: asked.body.dueOn });

    const own = await t.request('GET', `/api/v1/cases/${caseId}/timeline`, { token: applicant });
    expect(own.status).toBe(200);
    expect(own.body.entries.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['transition', 'information_requested', 'notice', 'mail']));
    expect(own.body.entries.filter((e: any) => e.kind === 'transition').length).toBe(transitions.length);
    const text = JSON.stringify(own.body);
    for (const staffId of [caseworkerId, approverId]) expect(text).not.toContain(staffId);
    expect(text).not.toContain('actorId');
    expect(text).not.toContain('recipient');
    const staffMails = staff.body.entries.filter((e: any) => e.kind === 'mail');
    const ownMails = own.body.entries.filter((e: any) => e.kind === 'mail');
    expect(staffMails.some((e: any) => e.mail.internal && e.mail.recipient === 'lifd@sab.example')).toBe(true);
    expect(ownMails.length).toBe(staffMails.filter((e: any) => !e.mail.internal).length); // mail to the agency's mailbox stays inside
    expect(own.body.entries.filter((e: any) => e.kind === 'mail').every((e: any) => Object.keys(e.mail).join() === 'subject')).toBe(true);
  });

  it("answers 404 for another organisation's timeline, 404 for a reviewer, 400 for an id that is not a UUID", async () => {
    clock.travelTo('2026-12-01T10:00:00+01:00');
    const caseId = await steps.completeLifdConcept(applicant);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/timeline`, { token: applicant })).status).toBe(200);
    const foreign = await t.request('GET', `/api/v1/cases/${caseId}/timeline`, { token: otherApplicant });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('CASE_NOT_FOUND');
    expect((await t.request('GET', `/api/v1/cases/${caseId}/timeline`, { token: reviewer })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/cases/not-a-uuid/timeline', { token: caseworker })).status).toBe(400);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/timeline`)).status).toBe(401);
  });
});
