import { Clock } from '../../src/platform/clock';
import { pdf } from '../support/multipart';
import { Reply, TestApp } from '../support/test-app';
import { LIFD_APPLICATION_FIELDS, LIFD_CONCEPT_FIELDS, LIFD_PLAN, Steps, VALID_IBAN } from './fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SPRING = '2027-03-01T10:00:00+01:00';

/** Issue #8: the save semantics of drafts, cost years, what starts the application, and locking against races. */
describe('drafts (issue 8) through HTTP', () => {
  let t: TestApp;
  let s: Steps;
  let clock: Clock;
  let applicant: string;
  let caseworker: string;

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    applicant = await t.login('antrag@mittweida.de');
    caseworker = await t.login('sachbearbeitung@sab.example');
  });
  afterAll(() => t.close());
  beforeEach(() => clock.travelTo('2026-11-22T10:00:00+01:00'));

  async function applicationDraft(fields: Record<string, unknown> = {}): Promise<string> {
    const caseId = await s.invitedCase(applicant, caseworker, 'frl-lifd', fields);
    clock.travelTo(SPRING);
    const started = await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    if (![200, 201].includes(started.status)) throw new Error(`start application: ${started.status} ${JSON.stringify(started.body)}`);
    return caseId;
  }

  /** Holds the case row locked in a transaction of its own until release() is called. */
  async function holdCaseLock(caseId: string): Promise<{ release: () => Promise<void> }> {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    return {
      release: async () => {
        await runner.commitTransaction();
        await runner.release();
      },
    };
  }

  /** Waits until `n` sessions of this database wait for a lock (the requests have reached the case lock). */
  async function lockWaiters(n: number): Promise<void> {
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n as number;
    const until = Date.now() + 10_000;
    while ((await count()) < n) {
      if (Date.now() > until) throw new Error(`expected ${n} session(s) waiting for a lock, got ${await count()}`);
      await sleep(20);
    }
  }

  /** Whether a request is still waiting after a while (then it waits on the lock). */
  async function stillPending(request: Promise<Reply>, ms = 400): Promise<boolean> {
    const winner = await Promise.race([request.then(() => 'done'), sleep(ms).then(() => 'pending')]);
    return winner === 'pending';
  }

  describe('defect 1: a save without thirdPartyFunds', () => {
    it('saves a concept with costs but without thirdPartyFunds and computes the grant (was 500)', async () => {
      const { caseId } = await s.createConcept(applicant, 'frl-lifd', '2026-1');
      const { thirdPartyFunds, ...plan } = LIFD_PLAN;
      expect(thirdPartyFunds).toEqual([]);
      const res = await s.saveConcept(applicant, caseId, { version: 1, ...plan });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, grantCents: 11_000_000, thirdPartyFunds: [], calculation: expect.objectContaining({ grantCents: 11_000_000 }) });
    });

    it('saves an application with costs but without thirdPartyFunds and computes the grant (was 500)', async () => {
      const caseId = await applicationDraft();
      const { version } = await s.getApplication(applicant, caseId);
      const res = await s.saveApplication(applicant, caseId, {
        version,
        costs: [{ category: 'equipment', amountCents: 5_000_000, fiscalYear: 2027 }],
        ownContributionCents: 1_000_000,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ grantCents: 4_000_000, calculation: expect.objectContaining({ grantCents: 4_000_000 }) });
    });
  });

  describe('defect 2: a key left out keeps its value', () => {
    it('keeps grant and calculation on a save of fields only; the submitted concept is ranked with its real grant', async () => {
      const caseId = await s.completeLifdConcept(applicant, { title: 'Nur Felder' });
      const before = await s.getConcept(applicant, caseId);
      expect(before.grantCents).toBe(11_000_000);

      const res = await s.saveConcept(applicant, caseId, { version: before.version, fields: { summary: 'Ein neuer Text.', partners: 'Hochschule Mittweida' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ grantCents: 11_000_000, calculation: before.calculation, costs: before.costs, variant: 'stationary', problems: [] });
      expect(res.body.fields).toEqual({ ...LIFD_CONCEPT_FIELDS, title: 'Nur Felder', summary: 'Ein neuer Text.', partners: 'Hochschule Mittweida' });
      // the stored row is the same merged draft
      const [row] = await t.db.query(`SELECT grant_cents, calculation FROM proposals WHERE case_id = $1 AND stage = 'concept'`, [caseId]);
      expect(Number(row.grant_cents)).toBe(11_000_000);
      expect(row.calculation.grantCents).toBe(11_000_000);

      // null removes a field, and nothing else
      const removed = await s.saveConcept(applicant, caseId, { version: res.body.version, fields: { partners: null } });
      expect(removed.status).toBe(200);
      expect(removed.body.fields.partners).toBeUndefined();
      expect(removed.body.grantCents).toBe(11_000_000);

      const { fileNumber } = await s.submitConcept(applicant, caseId);
      expect((await s.transition(caseworker, caseId, 'accept_concept')).status).toBe(200);
      const ranking = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ranking', { token: caseworker });
      expect(ranking.status).toBe(200);
      expect(ranking.body.entries.find((e: { caseId: string }) => e.caseId === caseId)).toMatchObject({ fileNumber, requestedGrantCents: 11_000_000 });
    });
  });

  describe('defect 3: cost lines in years that cannot be funded', () => {
    it('refuses a concept cost line outside the call budget years with a coded problem naming the line; nothing is stored', async () => {
      const { caseId } = await s.createConcept(applicant, 'frl-lifd', '2026-1');
      const costs = [
        { category: 'equipment', amountCents: 100_000, fiscalYear: 2027 },
        { category: 'staff', amountCents: 100_000 },
        { category: 'staff', amountCents: 100_000, fiscalYear: 2031 },
      ];
      const res = await s.saveConcept(applicant, caseId, { version: 1, ...LIFD_PLAN, costs });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'COST_YEAR_OUTSIDE_CALL_BUDGET', message: expect.any(String) });
      expect(res.body.details.problems).toEqual([expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_CALL_BUDGET', field: 'costs.2.fiscalYear' })]);
      expect(await s.getConcept(applicant, caseId)).toMatchObject({ version: 1, costs: [], variant: null });
    });

    it('refuses an application cost line outside the funding period, also when the period is moved away from the lines', async () => {
      const caseId = await applicationDraft();
      const { version } = await s.getApplication(applicant, caseId);
      const outside = await s.saveApplication(applicant, caseId, {
        version,
        fundingStart: '2028-01-01',
        fundingEnd: '2028-12-31',
        costs: [
          { category: 'equipment', amountCents: 5_000_000, fiscalYear: 2028 },
          { category: 'staff', amountCents: 1_000_000, fiscalYear: 2027 },
        ],
      });
      expect(outside.status).toBe(422);
      expect(outside.body.code).toBe('COST_YEAR_OUTSIDE_FUNDING_PERIOD');
      expect(outside.body.details.problems).toEqual([expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_FUNDING_PERIOD', field: 'costs.1.fiscalYear' })]);
      expect((await s.getApplication(applicant, caseId)).version).toBe(version);

      const inside = await s.saveApplication(applicant, caseId, {
        version,
        fundingStart: '2027-06-01',
        fundingEnd: '2028-12-31',
        costs: [
          { category: 'equipment', amountCents: 5_000_000, fiscalYear: 2028 },
          { category: 'staff', amountCents: 1_000_000, fiscalYear: 2027 },
        ],
      });
      expect(inside.status).toBe(200);
      const moved = await s.saveApplication(applicant, caseId, { version: inside.body.version, fundingStart: '2028-01-01' });
      expect(moved.status).toBe(422);
      expect(moved.body.details.problems).toEqual([expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_FUNDING_PERIOD', field: 'costs.1.fiscalYear' })]);
    });

    it('lists such lines as problems at submission and at the completeness check (for drafts stored before the rule)', async () => {
      const conceptId = await s.completeLifdConcept(applicant, { title: 'Alte Zeile' });
      await t.db.query(`UPDATE proposals SET costs = costs || '[{"category":"staff","amountCents":100,"fiscalYear":2035}]'::jsonb WHERE case_id = $1 AND stage = 'concept'`, [conceptId]);
      expect((await s.getConcept(applicant, conceptId)).problems).toContainEqual(expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_CALL_BUDGET', field: 'costs.2.fiscalYear' }));
      const refused = await t.request('POST', `/api/v1/cases/${conceptId}/concept/submit`, { token: applicant });
      expect(refused.status).toBe(422);
      expect(refused.body.details.problems).toContainEqual(expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_CALL_BUDGET', field: 'costs.2.fiscalYear' }));

      // an application submitted whole, then a line moved outside the period behind the service's back
      const caseId = await applicationDraft();
      const { version } = await s.getApplication(applicant, caseId);
      const saved = await s.saveApplication(applicant, caseId, {
        version,
        fields: LIFD_APPLICATION_FIELDS,
        costs: [{ category: 'equipment', amountCents: 5_000_000, fiscalYear: 2028 }],
        ownContributionCents: 1_000_000,
        thirdPartyFunds: [],
        fundingStart: '2028-01-01',
        fundingEnd: '2028-12-31',
        iban: VALID_IBAN,
        accountHolder: 'Stadt Mittweida',
      });
      expect(saved.status).toBe(200);
      for (const type of ['cost_financing_plan', 'quotes', 'own_funds_confirmation']) expect((await s.upload(applicant, caseId, type, pdf(`${caseId} ${type}`))).status).toBe(201);
      expect((await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant })).status).toBe(200);
      await t.db.query(`UPDATE proposals SET costs = jsonb_set(costs, '{0,fiscalYear}', '2027') WHERE case_id = $1 AND stage = 'application'`, [caseId]);
      const incomplete = await s.transition(caseworker, caseId, 'confirm_completeness');
      expect(incomplete.status).toBe(422);
      expect(incomplete.body.details.problems).toContainEqual(expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_FUNDING_PERIOD', field: 'costs.0.fiscalYear' }));
    });
  });

  describe('defect 6: the application starts from the concept', () => {
    it("copies the concept's answers to the questions the application form shares, with the plan", async () => {
      const caseId = await applicationDraft({ partners: 'Hochschule Mittweida, Handwerkskammer' });
      const application = await s.getApplication(applicant, caseId);
      expect(application.fields).toEqual({
        contactPerson: LIFD_CONCEPT_FIELDS.contactPerson,
        contactEmail: LIFD_CONCEPT_FIELDS.contactEmail,
        partners: 'Hochschule Mittweida, Handwerkskammer',
      });
      expect(application).toMatchObject({ version: 1, costs: LIFD_PLAN.costs, variant: 'stationary', grantCents: 11_000_000 });
    });
  });

  describe('defect 12: the case is locked while its draft or files change', () => {
    it('a concept save waits for the case lock, and cannot commit after the concept was checked for submission', async () => {
      const caseId = await s.completeLifdConcept(applicant, { title: 'Wettlauf' });
      const { version } = await s.getConcept(applicant, caseId);
      const lock = await holdCaseLock(caseId);
      const submit = t.request('POST', `/api/v1/cases/${caseId}/concept/submit`, { token: applicant });
      expect(await stillPending(submit)).toBe(true); // the submission's checks wait for the lock
      await lockWaiters(1);
      const save = s.saveConcept(applicant, caseId, { version, costs: [{ category: 'equipment', amountCents: 100 }] });
      expect(await stillPending(save)).toBe(true); // so does the save
      await lockWaiters(2);
      await lock.release();
      const [submitted, saved] = await Promise.all([submit, save]);
      expect(submitted.status).toBe(200);
      // the submission came first: the save finds the concept frozen, and the checked concept is what is stored
      expect(saved.status).toBe(409);
      expect(saved.body.code).toBe('PROPOSAL_NOT_EDITABLE');
      expect(await s.getConcept(applicant, caseId)).toMatchObject({ version, grantCents: 11_000_000 });
    });

    it('an upload and a removal wait for the case lock; an upload after the submission is refused', async () => {
      const caseId = await s.completeLifdConcept(applicant, { title: 'Hochladen' });
      let lock = await holdCaseLock(caseId);
      const upload = s.upload(applicant, caseId, 'letters_of_intent');
      expect(await stillPending(upload)).toBe(true);
      await lock.release();
      const uploaded = await upload;
      expect(uploaded.status).toBe(201);

      lock = await holdCaseLock(caseId);
      const removal = t.request('DELETE', `/api/v1/cases/${caseId}/attachments/${uploaded.body.id}`, { token: applicant });
      expect(await stillPending(removal)).toBe(true);
      await lock.release();
      expect((await removal).status).toBe(204);

      lock = await holdCaseLock(caseId);
      const submit = t.request('POST', `/api/v1/cases/${caseId}/concept/submit`, { token: applicant });
      expect(await stillPending(submit)).toBe(true);
      await lockWaiters(1);
      const late = s.upload(applicant, caseId, 'letters_of_intent');
      await lockWaiters(2);
      await lock.release();
      expect((await submit).status).toBe(200);
      expect((await late).status).toBe(409);
      const files = await t.db.query('SELECT type FROM attachments WHERE case_id = $1 AND removed_at IS NULL ORDER BY type', [caseId]);
      expect(files.map((f: { type: string }) => f.type)).toEqual(['concept_document', 'cost_estimate']);
    });
  });
});
