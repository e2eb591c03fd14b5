import { Clock } from '../../src/platform/clock';
import { codes, Steps } from '../applications/fixtures';
import { cloneTemplate, dropDatabase } from '../support/databases';
import { TestApp } from '../support/test-app';
import { preparedApprovals } from '../approvals/prepared-approvals';

/**
 * Issue 8: calls that staff can steer (open, move, close early, budget), read wherever a call's dates count,
 * and the territorial rule of a guideline (defect 8).
 */

const ST_SCORES = { public_benefit: { score: 8 }, feasibility: { score: 7 }, sustainability: { score: 8 } };

describe('calls that staff can steer, through HTTP', () => {
  let t: TestApp;
  let s: Steps;
  let clock: Clock;
  let admin: string;
  let caseworker: string;
  let approver: string;
  let mittweida: string;
  let hettstedt: string;
  let reviewerTokens: string[];
  let caseworkerId: string;
  let mittweidaOrg: string;
  let mittweidaUser: string;

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    clock = t.app.get(Clock);
    mittweidaOrg = await t.createOrganisation('Stadt Mittweida', '14522360');
    const hettstedtOrg = await t.createOrganisation('Stadt Hettstedt', '15087205');
    mittweidaUser = await t.createUser('antrag@mittweida.de', ['applicant'], mittweidaOrg);
    await t.createUser('antrag@hettstedt.example', ['applicant'], hettstedtOrg);
    await t.createUser('admin@sab.example', ['admin']);
    caseworkerId = await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    await t.createUser('jury1@sab.example', ['reviewer']);
    await t.createUser('jury2@sab.example', ['reviewer']);
    admin = await t.login('admin@sab.example');
    caseworker = await t.login('sb@sab.example');
    approver = await t.login('freigabe@sab.example');
    mittweida = await t.login('antrag@mittweida.de');
    hettstedt = await t.login('antrag@hettstedt.example');
    reviewerTokens = [await t.login('jury1@sab.example'), await t.login('jury2@sab.example')];
  });
  afterAll(() => t.close());
  beforeEach(() => clock.travelTo('2026-12-01T10:00:00+01:00')); // both template calls are open

  const openCallKeys = async () => ((await t.request('GET', '/api/v1/calls')).body as { guidelineCode: string; callCode: string }[]).map((c) => `${c.guidelineCode}/${c.callCode}`).sort();
  const auditOf = (action: string, entityId: string) =>
    t.db.query(`SELECT actor_id, data FROM audit_entries WHERE action = $1 AND entity_type = 'call' AND entity_id = $2 ORDER BY seq`, [action, entityId]);

  it('makes the guideline templates into call records and publishes what a client needs; the jury criteria only to staff and reviewers', async () => {
    const list = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls', { token: mittweida });
    expect(list.status).toBe(200);
    expect(list.body.map((c: { callCode: string; status: string }) => [c.callCode, c.status])).toEqual([
      ['2024-1', 'closed'],
      ['2026-1', 'open'],
    ]);
    const asApplicant = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1', { token: mittweida });
    expect(asApplicant.status).toBe(200);
    expect(asApplicant.body).toMatchObject({
      guidelineCode: 'frl-lifd',
      callCode: '2026-1',
      opensOn: '2026-09-01',
      deadline: '2027-01-31',
      status: 'open',
      closedAt: null,
      budgets: [
        { fiscalYear: 2027, amountCents: 250_000_000 },
        { fiscalYear: 2028, amountCents: 250_000_000 },
      ],
      totalBudgetCents: 500_000_000,
      territory: { agsPrefixes: ['14'], label: 'Freistaat Sachsen' },
      minimumGrantCents: 250_000,
      deadlines: expect.objectContaining({ informationRequestWorkingDays: expect.any(Number) }),
    });
    expect(asApplicant.body.variants).toContainEqual(expect.objectContaining({ code: 'mobile', maxGrantCents: 300_000_000 }));
    expect(asApplicant.body.costCategories).toContainEqual(expect.objectContaining({ code: 'equipment', maxRateBp: 8000 }));
    expect(asApplicant.body.conceptForm.fields).toContainEqual(expect.objectContaining({ key: 'title', required: true }));
    expect(asApplicant.body.applicationForm.fields.length).toBeGreaterThan(0);
    expect(asApplicant.body.attachmentTypes).toContainEqual(expect.objectContaining({ code: 'concept_document', stage: 'concept' }));
    expect(asApplicant.body).not.toHaveProperty('jury');
    expect(asApplicant.body).not.toHaveProperty('changes');

    const asReviewer = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1', { token: reviewerTokens[0] });
    expect(asReviewer.body.jury).toMatchObject({ scale: { min: expect.any(Number), max: expect.any(Number) }, reviewersPerConcept: expect.any(Number) });
    expect(asReviewer.body.jury.criteria).toContainEqual(expect.objectContaining({ code: 'innovation', weight: expect.any(Number) }));
    expect(asReviewer.body.changes).toEqual([]);

    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2099-9', { token: mittweida })).body.code).toBe('CALL_NOT_FOUND');
    expect((await t.request('GET', '/api/v1/guidelines/nope/calls', { token: mittweida })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls')).status).toBe(401);
  });

  it('refuses a Saxon municipality in the Saxony-Anhalt programme and admits one from Saxony-Anhalt (territorial rule)', async () => {
    const refused = await t.request('POST', '/api/v1/concepts', { token: mittweida, body: { guidelineCode: 'st-digital', callCode: '2026' } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'APPLICANT_OUTSIDE_TERRITORY', details: { ags: '14522360' } });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(0);

    const admitted = await s.createConcept(hettstedt, 'st-digital', '2026');
    expect(admitted.case.state).toBe('concept_draft');
    // and the other way round
    const wrongWay = await t.request('POST', '/api/v1/concepts', { token: hettstedt, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } });
    expect(wrongWay).toMatchObject({ status: 403, body: { code: 'APPLICANT_OUTSIDE_TERRITORY' } });

    // a project location outside is a coded problem on save, and refuses the submission
    const outside = await s.completeStConcept(hettstedt, {}, { locationAgs: '14522360' });
    const draft = await s.getConcept(hettstedt, outside);
    expect(draft.problems).toEqual([expect.objectContaining({ code: 'LOCATION_OUTSIDE_TERRITORY', field: 'locationAgs' })]);
    const submit = await t.request('POST', `/api/v1/cases/${outside}/concept/submit`, { token: hettstedt });
    expect(submit.status).toBe(422);
    expect(codes(submit)).toEqual(['LOCATION_OUTSIDE_TERRITORY']);
    expect((await s.state(outside)).state).toBe('concept_draft');

    // the organisation is checked again at submission (here: a case started before its AGS was recorded)
    const moved = await s.completeStConcept(hettstedt, { title: 'Digitaler Ort' });
    const [{ organisation_id: orgId }] = await t.db.query('SELECT organisation_id FROM cases WHERE id = $1', [moved]);
    await t.db.query(`UPDATE organisations SET ags = '14612000' WHERE id = $1`, [orgId]); // Dresden's AGS
    const refusedLater = await t.request('POST', `/api/v1/cases/${moved}/concept/submit`, { token: hettstedt });
    await t.db.query(`UPDATE organisations SET ags = '15087205' WHERE id = $1`, [orgId]);
    expect(refusedLater.status).toBe(422);
    expect(refusedLater.body.details.problems).toEqual([expect.objectContaining({ check: 'applicant_eligible', code: 'APPLICANT_OUTSIDE_TERRITORY', field: 'organisation' })]);
  });

  it('closes a call early with a reason: no more concepts, and the jury ranks and decides at once', async () => {
    const caseId = await s.completeStConcept(hettstedt, { title: 'Digitaler Ort Hettstedt' });
    await s.submitConcept(hettstedt, caseId);
    const draft = await s.createConcept(hettstedt, 'st-digital', '2026'); // started, never submitted
    expect((await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/assignments/auto', { token: caseworker })).status).toBe(200);
    for (const token of reviewerTokens) {
      const mine = (await t.request('GET', '/api/v1/reviews/assignments', { token })).body as { assignmentId: string; caseId: string }[];
      const a = mine.find((x) => x.caseId === caseId)!;
      expect((await t.request('POST', `/api/v1/reviews/assignments/${a.assignmentId}/declaration`, { token, body: { conflict: false } })).status).toBe(200);
      expect((await t.request('PUT', `/api/v1/reviews/assignments/${a.assignmentId}/review`, { token, body: { version: 0, scores: ST_SCORES } })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/reviews/assignments/${a.assignmentId}/review/submit`, { token })).status).toBe(200);
    }
    // the deadline (31 Dec 2026) has not passed: the jury must wait
    const invite = { decisions: [{ caseId, outcome: 'invite' }] };
    const early = await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/jury-outcome', { token: caseworker, body: invite });
    expect(early.status).toBe(422);
    expect(codes(early)).toContain('CALL_STILL_OPEN');

    // only an admin closes, and only with a reason
    const body = { reason: 'Die Mittel sind mit den eingegangenen Skizzen gebunden.' };
    expect((await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/close', { token: caseworker, body })).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/close', { token: hettstedt, body })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/close', { token: admin, body: {} })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('POST', '/api/v1/guidelines/st-digital/calls/2099/close', { token: admin, body })).body.code).toBe('CALL_NOT_FOUND');
    const closed = await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/close', { token: admin, body });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: body.reason, closedAt: expect.any(String), deadline: '2026-12-31' });
    expect(closed.body.changes).toEqual([expect.objectContaining({ kind: 'closed', reason: body.reason })]);
    expect(await auditOf('call.closed', 'st-digital/2026')).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason: body.reason }) })]);

    // closed: not listed, no new concept, no submission
    expect(await openCallKeys()).toEqual(['frl-lifd/2026-1']);
    const late = await t.request('POST', '/api/v1/concepts', { token: hettstedt, body: { guidelineCode: 'st-digital', callCode: '2026' } });
    expect(late).toMatchObject({ status: 409, body: { code: 'CALL_NOT_OPEN' } });
    const lateSubmit = await t.request('POST', `/api/v1/cases/${draft.caseId}/concept/submit`, { token: hettstedt });
    expect(codes(lateSubmit)).toContain('CALL_DEADLINE_PASSED');

    // the jury ranks at once
    const ranking = await t.request('GET', '/api/v1/guidelines/st-digital/calls/2026/ranking', { token: caseworker });
    expect(ranking.status).toBe(200);
    expect(ranking.body.entries).toEqual([expect.objectContaining({ caseId, rank: 1, aboveFundingLine: true })]);
    const outcome = await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/jury-outcome', { token: caseworker, body: invite });
    expect(outcome.status).toBe(200);
    expect(outcome.body.results).toEqual([{ caseId, outcome: 'invite', state: 'invited' }]);

    // a closed call stays closed
    expect((await t.request('POST', '/api/v1/guidelines/st-digital/calls/2026/close', { token: admin, body })).body.code).toBe('CALL_ALREADY_CLOSED');
    const patch = await t.request('PATCH', '/api/v1/guidelines/st-digital/calls/2026', { token: admin, body: { deadline: '2027-01-31', reason: 'Doch verlängern.' } });
    expect(patch).toMatchObject({ status: 409, body: { code: 'CALL_CLOSED' } });
  });

  it('extends a deadline with a reason: shown in the call and in the audit trail, and applicants submit in the extra time', async () => {
    const caseId = await s.completeLifdConcept(mittweida, { title: 'Spät, aber vollständig' });
    clock.travelTo('2027-02-03T10:00:00+01:00'); // the deadline was 31 January
    expect(await openCallKeys()).toEqual([]);
    const tooLate = await t.request('POST', `/api/v1/cases/${caseId}/concept/submit`, { token: mittweida });
    expect(tooLate.status).toBe(422);
    expect(codes(tooLate)).toEqual(['CALL_DEADLINE_PASSED']);

    const url = '/api/v1/guidelines/frl-lifd/calls/2026-1';
    const reason = 'Verlängert wegen der Hochwasserlage in Mittelsachsen.';
    // refused: other roles, no reason, nothing to change, a deadline before the opening, bad dates, unknown fields, unknown call
    expect((await t.request('PATCH', url, { token: caseworker, body: { deadline: '2027-02-28', reason } })).status).toBe(403);
    expect((await t.request('PATCH', url, { token: mittweida, body: { deadline: '2027-02-28', reason } })).status).toBe(403);
    expect((await t.request('PATCH', url, { body: { deadline: '2027-02-28', reason } })).status).toBe(401);
    expect((await t.request('PATCH', url, { token: admin, body: { deadline: '2027-02-28' } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('PATCH', url, { token: admin, body: { reason } })).body.code).toBe('NOTHING_TO_CHANGE');
    expect((await t.request('PATCH', url, { token: admin, body: { deadline: '2026-08-01', reason } })).body.code).toBe('DEADLINE_BEFORE_OPENING');
    expect((await t.request('PATCH', url, { token: admin, body: { deadline: '2027-02-30', reason } })).body).toMatchObject({ code: 'DATE_INVALID', details: { field: 'deadline' } });
    expect((await t.request('PATCH', url, { token: admin, body: { deadline: '28.02.2027', reason } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('PATCH', url, { token: admin, body: { deadline: '2027-02-28', reason, budget: 1 } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('PATCH', `${url}x`, { token: admin, body: { deadline: '2027-02-28', reason } })).body.code).toBe('CALL_NOT_FOUND');
    expect((await t.request('GET', url, { token: admin })).body).toMatchObject({ deadline: '2027-01-31', version: 1, changes: [] });

    const extended = await t.request('PATCH', url, { token: admin, body: { deadline: '2027-02-28', reason } });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ deadline: '2027-02-28', status: 'open', version: 2 });
    expect(extended.body.changes).toEqual([
      { kind: 'changed', reason, changes: { deadline: { from: '2027-01-31', to: '2027-02-28' } }, actorId: expect.any(String), occurredAt: expect.any(String) },
    ]);
    const [audited] = await auditOf('call.changed', 'frl-lifd/2026-1');
    expect(audited.data).toEqual({ reason, deadline: { from: '2027-01-31', to: '2027-02-28' } });
    expect((await t.request('GET', url, { token: caseworker })).body.changes[0].reason).toBe(reason);

    // applicants see it and submit in the extended time
    expect(await openCallKeys()).toEqual(['frl-lifd/2026-1']);
    expect((await t.request('GET', '/api/v1/calls')).body[0]).toMatchObject({ callCode: '2026-1', deadline: '2027-02-28' });
    const submitted = await t.request('POST', `/api/v1/cases/${caseId}/concept/submit`, { token: mittweida });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('concept_submitted');
    expect((await s.createConcept(mittweida, 'frl-lifd', '2026-1')).case.state).toBe('concept_draft');
    // ... until the end of the new deadline day, German time
    clock.travelTo('2027-03-01T00:00:30+01:00');
    expect(await openCallKeys()).toEqual([]);
  });

  it('raises and lowers a fiscal year budget, never below what is committed; a refusal changes nothing', async () => {
    clock.travelTo('2027-02-15T10:00:00+01:00');
    const [decision] = await preparedApprovals(t, 1, { preparedBy: caseworkerId, organisationId: mittweidaOrg, createdBy: mittweidaUser, locationAgs: '14522360' });
    expect((await t.request('POST', `/api/v1/decisions/${decision}/sign-off`, { token: approver })).status).toBe(200);
    const ledger = async () => (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: caseworker })).body;
    expect((await ledger())[0]).toMatchObject({ fiscalYear: 2027, budgetCents: 250_000_000, committedCents: 25_000_000, availableCents: 225_000_000 });

    const url = '/api/v1/guidelines/frl-lifd/calls/2026-1/budgets';
    const reason = 'Haushaltssperre 2027: Kürzung der Mittel.';
    const before = { call: (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1', { token: admin })).body, ledger: await ledger() };
    const below = await t.request('PUT', `${url}/2027`, { token: admin, body: { amountCents: 24_999_999, reason } });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ code: 'BUDGET_BELOW_COMMITTED', details: { fiscalYear: 2027, requestedCents: 24_999_999, committedCents: 25_000_000 } });
    // refused input and roles
    expect((await t.request('PUT', `${url}/2027`, { token: caseworker, body: { amountCents: 30_000_000, reason } })).status).toBe(403);
    expect((await t.request('PUT', `${url}/2027`, { token: approver, body: { amountCents: 30_000_000, reason } })).status).toBe(403);
    expect((await t.request('PUT', `${url}/2027`, { token: admin, body: { amountCents: -1, reason } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('PUT', `${url}/2027`, { token: admin, body: { amountCents: 1.5, reason } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('PUT', `${url}/2027`, { token: admin, body: { amountCents: '30000000', reason } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('PUT', `${url}/2027`, { token: admin, body: { amountCents: 30_000_000 } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('PUT', `${url}/zwanzig`, { token: admin, body: { amountCents: 30_000_000, reason } })).status).toBe(400);
    expect((await t.request('PUT', `${url}/1999`, { token: admin, body: { amountCents: 30_000_000, reason } })).body.code).toBe('FISCAL_YEAR_INVALID');
    expect((await t.request('PUT', '/api/v1/guidelines/frl-lifd/calls/2099-1/budgets/2027', { token: admin, body: { amountCents: 30_000_000, reason } })).body.code).toBe('CALL_NOT_FOUND');
    // nothing changed
    expect({ call: (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1', { token: admin })).body, ledger: await ledger() }).toEqual(before);
    expect(await auditOf('call.budget', 'frl-lifd/2026-1')).toEqual([]);

    // down to exactly what is committed, then up again, and a new year
    const exact = await t.request('PUT', `${url}/2027`, { token: admin, body: { amountCents: 25_000_000, reason } });
    expect(exact.status).toBe(200);
    expect(exact.body.budgets).toEqual([
      { fiscalYear: 2027, amountCents: 25_000_000 },
      { fiscalYear: 2028, amountCents: 250_000_000 },
    ]);
    expect((await ledger())[0]).toMatchObject({ budgetCents: 25_000_000, committedCents: 25_000_000, availableCents: 0 });
    const raised = await t.request('PUT', `${url}/2027`, { token: admin, body: { amountCents: 300_000_000, reason: 'Nachtragshaushalt 2027.' } });
    expect(raised.status).toBe(200);
    const added = await t.request('PUT', `${url}/2029`, { token: admin, body: { amountCents: 100_000_000, reason: 'Verpflichtungsermächtigung 2029.' } });
    expect(added.body).toMatchObject({ totalBudgetCents: 650_000_000 });
    expect((await ledger()).map((r: { fiscalYear: number; budgetCents: number }) => [r.fiscalYear, r.budgetCents])).toEqual([
      [2027, 300_000_000],
      [2028, 250_000_000],
      [2029, 100_000_000],
    ]);
    expect(added.body.changes.filter((c: { kind: string }) => c.kind === 'budget').map((c: { changes: unknown }) => c.changes)).toEqual([
      { fiscalYear: 2027, fromCents: 250_000_000, toCents: 25_000_000 },
      { fiscalYear: 2027, fromCents: 25_000_000, toCents: 300_000_000 },
      { fiscalYear: 2029, fromCents: null, toCents: 100_000_000 },
    ]);
    expect(await auditOf('call.budget', 'frl-lifd/2026-1')).toHaveLength(3);
    // the ranking's funding line follows the call's budget
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ranking', { token: caseworker })).body.budgetCents).toBe(650_000_000);
  });

  it('never lets a budget cut and sign-offs running at the same moment take a year below its commitments', async () => {
    clock.travelTo('2027-02-15T10:00:00+01:00');
    const url = '/api/v1/guidelines/frl-lifd/calls/2026-1/budgets/2028';
    // 2028 holds 250.000.000 cents; move the next approvals' costs into 2028 so they draw on that year
    const decisions = await preparedApprovals(t, 6, { preparedBy: caseworkerId, organisationId: mittweidaOrg, createdBy: mittweidaUser, locationAgs: '14522360' });
    await t.db.query(`UPDATE decisions SET costs = jsonb_set(costs, '{0,fiscalYear}', '2028') WHERE id = ANY($1)`, [decisions]);
    const cut = t.request('PUT', url, { token: admin, body: { amountCents: 75_000_000, reason: 'Kürzung 2028.' } });
    const signOffs = decisions.map((id) => t.request('POST', `/api/v1/decisions/${id}/sign-off`, { token: approver }));
    const [cutReply, ...replies] = await Promise.all([cut, ...signOffs]);
    const signed = replies.filter((r) => r.status === 200).length;
    for (const r of replies.filter((x) => x.status !== 200)) expect([409, 422]).toContain(r.status);
    const [row] = await t.db.query(`SELECT budget_cents, committed_cents FROM call_budgets WHERE guideline_code = 'frl-lifd' AND call_code = '2026-1' AND fiscal_year = 2028`);
    const [{ total }] = await t.db.query(`SELECT coalesce(sum(amount_cents), 0)::bigint AS total FROM commitments WHERE fiscal_year = 2028 AND released_at IS NULL`);
    expect(Number(row.committed_cents)).toBe(Number(total));
    expect(Number(row.committed_cents)).toBe(signed * 25_000_000);
    expect(Number(row.committed_cents)).toBeLessThanOrEqual(Number(row.budget_cents));
    if (cutReply.status === 200) {
      expect(Number(row.budget_cents)).toBe(75_000_000);
      expect(signed).toBeLessThanOrEqual(3);
    } else {
      expect(cutReply.body.code).toBe('BUDGET_BELOW_COMMITTED');
      expect(Number(row.budget_cents)).toBe(250_000_000);
    }
    // the call record and the ledger agree
    const call = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1', { token: admin })).body;
    expect(call.budgets.find((b: { fiscalYear: number }) => b.fiscalYear === 2028).amountCents).toBe(Number(row.budget_cents));
  });

  it('opens a further call from the template: upcoming until its first day, with its own ledger', async () => {
    const body = { code: '2027-1', title: '3. Förderaufruf FRL LIfD', opensOn: '2027-09-01', deadline: '2028-01-31', budgets: [{ fiscalYear: 2028, amountCents: 100_000_000 }] };
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', { token: caseworker, body })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', { token: admin, body: { ...body, budgets: [] } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', { token: admin, body: { ...body, code: '2027/1' } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', { token: admin, body: { ...body, deadline: '2027-08-31' } })).body.code).toBe('DEADLINE_BEFORE_OPENING');
    const twice = [...body.budgets, { fiscalYear: 2028, amountCents: 1 }];
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', { token: admin, body: { ...body, budgets: twice } })).body.code).toBe('FISCAL_YEAR_DUPLICATE');
    expect((await t.request('POST', '/api/v1/guidelines/nope/calls', { token: admin, body })).body.code).toBe('GUIDELINE_NOT_FOUND');

    const opened = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', { token: admin, body });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ callCode: '2027-1', status: 'upcoming', totalBudgetCents: 100_000_000, changes: [expect.objectContaining({ kind: 'opened' })] });
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', { token: admin, body })).body.code).toBe('CALL_EXISTS');
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2027-1/ledger', { token: caseworker })).body).toEqual([
      { fiscalYear: 2028, budgetCents: 100_000_000, committedCents: 0, paidCents: 0, recoveredCents: 0, availableCents: 100_000_000 },
    ]);
    expect(await auditOf('call.opened', 'frl-lifd/2027-1')).toHaveLength(1);
    // applicants apply once it opens
    expect((await t.request('POST', '/api/v1/concepts', { token: mittweida, body: { guidelineCode: 'frl-lifd', callCode: '2027-1' } })).body.code).toBe('CALL_NOT_OPEN');
    clock.travelTo('2027-09-01T08:00:00+02:00');
    expect(await openCallKeys()).toEqual(['frl-lifd/2027-1']);
    expect((await s.createConcept(mittweida, 'frl-lifd', '2027-1')).case.state).toBe('concept_draft');
  });
});

describe('call records across restarts', () => {
  it('fills in calls from the templates once, and never overwrites a steered call', async () => {
    const database = await cloneTemplate();
    try {
      let t = await TestApp.start({ database });
      await t.createUser('admin@sab.example', ['admin']);
      const admin = await t.login('admin@sab.example');
      const changed = await t.request('PATCH', '/api/v1/guidelines/st-digital/calls/2026', { token: admin, body: { deadline: '2027-01-15', title: 'Förderaufruf 2026 (verlängert)', reason: 'Verlängert auf Wunsch des Ministeriums.' } });
      expect(changed.status).toBe(200);
      await t.db.query(`DELETE FROM call_budgets WHERE guideline_code = 'st-digital' AND call_code = '2025'`);
      await t.close();

      t = await TestApp.start({ database });
      const admin2 = await t.login('admin@sab.example');
      const call = (await t.request('GET', '/api/v1/guidelines/st-digital/calls/2026', { token: admin2 })).body;
      expect(call).toMatchObject({ deadline: '2027-01-15', title: 'Förderaufruf 2026 (verlängert)', version: 2 });
      const rows = await t.db.query(`SELECT guideline_code, call_code, from_template FROM calls ORDER BY 1, 2`);
      expect(rows.map((r: { guideline_code: string; call_code: string }) => `${r.guideline_code}/${r.call_code}`)).toEqual(['frl-lifd/2024-1', 'frl-lifd/2026-1', 'st-digital/2025', 'st-digital/2026']);
      // the ledger has a row again for every budget year of every call
      expect((await t.request('GET', '/api/v1/guidelines/st-digital/calls/2025/ledger', { token: admin2 })).body).toEqual([expect.objectContaining({ fiscalYear: 2026, budgetCents: 150_000_000 })]);
      await t.close();
    } finally {
      await dropDatabase(database);
    }
  });
});
