import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { RedisProcess } from '../support/redis-process';
import { TestApp, waitUntil } from '../support/test-app';
import { preparedApprovals } from './prepared-approvals';


describe('the budget cannot be overspent, also when many sign-offs arrive at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    t.app.get(Clock).travelTo('2027-02-15T10:00:00+01:00');
  });
  afterAll(() => t.close());

  it('commits exactly 10 of 40 approvals signed off in parallel against a budget that fits 10', async () => {
    const caseworker = await t.createUser('sb@sab.example', ['caseworker']);
    const org = await t.createOrganisation('Stadt Leipzig', '14713000');
    const creator = await t.createUser('antrag@leipzig.de', ['applicant'], org);
    const decisions = await preparedApprovals(t, 40, { preparedBy: caseworker, organisationId: org, createdBy: creator, locationAgs: '14713000' });
    const approvers = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        await t.createUser(`freigabe${i}@sab.example`, ['approver']);
        return t.login(`freigabe${i}@sab.example`);
      }),
    );
    const replies = await Promise.all(decisions.map((id, i) => t.request('POST', `/api/v1/decisions/${id}/sign-off`, { token: approvers[i % 4] })));
    const ok = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status !== 200);
    expect(ok).toHaveLength(10);
    for (const r of refused) {
      // refused under the ledger lock (409) or already by the check before it (422): never a 5xx
      expect([409, 422]).toContain(r.status);
      expect(r.status === 409 ? r.body.code : r.body.details.problems[0].code).toBe('BUDGET_EXCEEDED');
    }
    const [ledger2027] = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: approvers[0] })).body;
    expect(ledger2027).toMatchObject({ fiscalYear: 2027, budgetCents: 250_000_000, committedCents: 250_000_000, availableCents: 0 });
    const [sums] = await t.db.query(`SELECT count(*)::int AS n, sum(amount_cents)::bigint AS total FROM commitments WHERE released_at IS NULL`);
    expect({ n: sums.n, total: Number(sums.total) }).toEqual({ n: 10, total: 250_000_000 });
    const states = await t.db.query(`SELECT state, count(*)::int AS n FROM cases GROUP BY state ORDER BY state`);
    expect(states).toEqual([
      { state: 'decision_prepared', n: 30 },
      { state: 'notice_issued', n: 10 },
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM decisions WHERE status = 'approved'`))[0].n).toBe(10);
  });
});

describe('a sign-off while Redis is down', () => {
  let redis: RedisProcess;
  let t: TestApp;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    t = await TestApp.start({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('still produces the notice and its mail, exactly once, after Redis returns', async () => {
    const steps = new Steps(t);
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    const applicant = await t.login('antrag@mittweida.de');
    const caseworker = await t.login('sb@sab.example');
    const approver = await t.login('freigabe@sab.example');
    const caseId = await steps.completeApplication(applicant, caseworker, {
      application: { costs: [{ category: 'equipment', amountCents: 10_000_000, fiscalYear: 2027 }], ownContributionCents: 2_000_000, fundingEnd: '2027-12-31' },
    });
    const d = (await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } })).body;

    await redis.stop();
    expect((await t.request('POST', `/api/v1/decisions/${d.id}/sign-off`, { token: approver })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await t.db.query('SELECT count(*)::int AS n FROM notices')).at(0).n).toBe(0);
    const [pending] = await t.db.query(`SELECT dispatched_at FROM outbox WHERE job_name = 'notice.render'`);
    expect(pending.dispatched_at).toBeNull();

    await redis.start();
    await waitUntil('the notice is mailed', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.endsWith('Zuwendungsbescheid')), 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(t.smtp.to('antrag@mittweida.de').filter((m) => m.subject?.endsWith('Zuwendungsbescheid'))).toHaveLength(1);
    expect((await t.db.query('SELECT count(*)::int AS n FROM notices')).at(0).n).toBe(1);
  });
});
