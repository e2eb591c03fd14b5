import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { TestApp } from '../support/test-app';

/** What the caseworker's assignment screen and the reviewer's list read: who reviews what, conflicts and exclusions shown. */
describe('the assignments of a call', () => {
  let t: TestApp;
  let caseworker: string;
  let caseId: string;
  const reviewers: { id: string; token: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    const steps = new Steps(t);
    t.app.get(Clock).travelTo('2026-12-01T10:00:00+01:00');
    await t.createUser('sb@sab.example', ['caseworker']);
    caseworker = await t.login('sb@sab.example');
    const org = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@leipzig.example', ['applicant'], org);
    const applicant = await t.login('antrag@leipzig.example');
    caseId = await steps.completeLifdConcept(applicant, { title: 'Makerspace Leipzig' }, { locationAgs: '14713000' });
    await steps.submitConcept(applicant, caseId);
    expect((await steps.transition(caseworker, caseId, 'accept_concept')).status).toBe(200);
    for (const name of ['jury-a', 'jury-b', 'jury-c']) {
      const id = await t.createUser(`${name}@sab.example`, ['reviewer']);
      reviewers.push({ id, token: await t.login(`${name}@sab.example`) });
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('lists each concept with its reviewers, a declared conflict with its reason, the excluded reviewers and the reviewers to choose from', async () => {
    await t.request('PUT', `/api/v1/reviewers/${reviewers[2].id}/affiliations`, { token: caseworker, body: { organisationIds: [], districts: ['14713'] } });
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId, reviewerId: reviewers[0].id } })).status).toBe(201);
    expect((await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments/auto', { token: caseworker })).status).toBe(200);

    const [mine] = (await t.request('GET', '/api/v1/reviews/assignments', { token: reviewers[1].token })).body;
    expect(mine).toMatchObject({ caseId, guidelineCode: 'frl-lifd', callCode: '2026-1', title: 'Makerspace Leipzig', organisationName: 'Stadt Leipzig' });
    expect((await t.request('POST', `/api/v1/reviews/assignments/${mine.assignmentId}/declaration`, { token: reviewers[1].token, body: { conflict: true, reason: 'Ich berate die Stadt Leipzig.' } })).status).toBe(200);

    const res = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker });
    expect(res.status).toBe(200);
    expect(res.body.reviewersPerConcept).toBe(2);
    expect(res.body.reviewers.map((r: { displayName: string }) => r.displayName)).toEqual(['jury-a', 'jury-b', 'jury-c']);
    expect(res.body.concepts).toHaveLength(1);
    const [concept] = res.body.concepts;
    expect(concept).toMatchObject({ caseId, title: 'Makerspace Leipzig', organisationName: 'Stadt Leipzig' });
    expect(concept.assignments).toEqual([
      expect.objectContaining({ reviewerId: reviewers[0].id, reviewerName: 'jury-a', status: 'active', declaredAt: null, conflictReason: null, reviewStatus: null }),
      expect.objectContaining({ reviewerId: reviewers[1].id, reviewerName: 'jury-b', status: 'conflict', conflictReason: 'Ich berate die Stadt Leipzig.' }),
    ]);
    expect(concept.exclusions).toEqual(
      expect.arrayContaining([
        { reviewerId: reviewers[2].id, reviewerName: 'jury-c', kind: 'automatic', reason: 'affiliated district' },
        { reviewerId: reviewers[1].id, reviewerName: 'jury-b', kind: 'declared', reason: 'Ich berate die Stadt Leipzig.' },
      ]),
    );
  });

  it('gives reviewers the criteria with what each judges, to show beside the score', async () => {
    const call = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1', { token: reviewers[0].token });
    expect(call.status).toBe(200);
    expect(call.body.jury.criteria).toHaveLength(5);
    for (const c of call.body.jury.criteria) expect(c.description).toEqual(expect.stringMatching(/\?$/));
    expect(call.body.jury.criteria[3]).toMatchObject({ code: 'feasibility', knockOutBelow: 2 });
  });

  it('is for agency staff only', async () => {
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: reviewers[0].token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: await t.login('antrag@leipzig.example') })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/nope/assignments', { token: caseworker })).status).toBe(404);
  });
});
