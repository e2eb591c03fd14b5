import { Steps } from '../applications/fixtures';
import { TestApp } from '../support/test-app';

/**
 * Issue 14, "per caseworker team": an admin gives caseworkers a team (audited; only an admin; checked input), and the
 * processing-time report groups the formal check's cases by the team of the caseworker who did it.
 */
describe('caseworker teams: set by the admin, grouped in the processing-time report', () => {
  let t: TestApp;
  let steps: Steps;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    const mittweida = (ids.mittweida = await t.createOrganisation('Stadt Mittweida', '14522360'));
    ids.applicant = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    for (const who of ['sb1', 'sb2', 'sb3']) ids[who] = await t.createUser(`${who}@sab.example`, ['caseworker']);
    await t.createUser('admin@sab.example', ['admin']);
    for (const who of ['sb1', 'sb2', 'sb3', 'admin']) tok[who] = await t.login(`${who}@sab.example`);
    tok.applicant = await t.login('antrag@mittweida.de');
  }, 60_000);
  afterAll(() => t?.close());

  const setTeam = (token: string, userId: string, team: unknown) => t.request('PATCH', `/api/v1/users/${userId}`, { token, body: { team } });

  it('an admin sets and clears a team, trimmed and audited; others get 403, bad input 400 with a code', async () => {
    const set = await setTeam(tok.admin, ids.sb1, '  Referat 31 – Zuwendungen ');
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: ids.sb1, team: 'Referat 31 – Zuwendungen' });
    expect((await setTeam(tok.admin, ids.sb2, 'Referat 32')).body.team).toBe('Referat 32');
    expect((await setTeam(tok.admin, ids.sb3, 'Referat 99')).status).toBe(200);
    expect((await setTeam(tok.admin, ids.sb3, null)).body.team).toBeNull();

    const audit = await t.db.query(`SELECT entity_id, data FROM audit_entries WHERE action = 'user.team_changed' ORDER BY seq`);
    expect(audit.map((a: any) => [a.entity_id, a.data])).toEqual([
      [ids.sb1, { from: null, to: 'Referat 31 – Zuwendungen' }],
      [ids.sb2, { from: null, to: 'Referat 32' }],
      [ids.sb3, { from: null, to: 'Referat 99' }],
      [ids.sb3, { from: 'Referat 99', to: null }],
    ]);

    const caseworker = await setTeam(tok.sb1, ids.sb1, 'Referat 1');
    expect(caseworker.status).toBe(403);
    expect(caseworker.body.code).toBe('ROLE_NOT_ALLOWED');
    for (const [team, code] of [
      ['   ', 'TEAM_INVALID'],
      ['x'.repeat(81), 'TEAM_INVALID'],
      [42, 'VALIDATION_FAILED'],
    ] as const) {
      const bad = await setTeam(tok.admin, ids.sb2, team);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe(code);
    }
    const applicant = await setTeam(tok.admin, ids.applicant, 'Referat 31');
    expect(applicant.status).toBe(400);
    expect(applicant.body).toMatchObject({ code: 'TEAM_NOT_FOR_APPLICANTS', details: { field: 'team' } });
    // nothing of the refusals was written
    const users = await t.db.query(`SELECT email, team FROM users WHERE email LIKE 'sb%' OR email LIKE 'antrag%' ORDER BY email`);
    expect(users).toEqual([
      { email: 'antrag@mittweida.de', team: null },
      { email: 'sb1@sab.example', team: 'Referat 31 – Zuwendungen' },
      { email: 'sb2@sab.example', team: 'Referat 32' },
      { email: 'sb3@sab.example', team: null },
    ]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.team_changed'`)).toEqual([{ n: 4 }]);
  });

  it('an admin can give the team at the invitation already, not to an applicant', async () => {
    const invite = (email: string, roles: string[], team: string) =>
      t.request('POST', '/api/v1/users/invitations', { token: tok.admin, body: { email, displayName: 'Nina Neu', roles, organisationId: roles.includes('applicant') ? ids.mittweida : undefined, team } });
    expect((await invite('neu@sab.example', ['approver'], ' Referat 32 ')).status).toBe(201);
    const applicant = await invite('neu@mittweida.de', ['applicant'], 'Referat 32');
    expect(applicant.status).toBe(400);
    expect(applicant.body.code).toBe('TEAM_NOT_FOR_APPLICANTS');
    const users = (await t.request('GET', '/api/v1/users', { token: tok.admin })).body;
    expect(users.filter((u: any) => u.email.startsWith('neu@'))).toEqual([expect.objectContaining({ email: 'neu@sab.example', team: 'Referat 32' })]);
  });

  it('groups submission → formal check by the checking caseworker’s team, "" for one without', async () => {
    // days from submission to the formal check: Referat 31 checks in 2 and 4 days, Referat 32 in 10, sb3 (no team) in 1
    for (const [who, days] of [
      ['sb1', 2],
      ['sb1', 4],
      ['sb2', 10],
      ['sb3', 1],
    ] as const) {
      steps.clock.travelTo('2026-12-01T10:00:00+01:00');
      const caseId = await steps.completeLifdConcept(tok.applicant);
      await steps.submitConcept(tok.applicant, caseId);
      expect((await steps.transition(tok[who], caseId, 'accept_concept')).status).toBe(200);
      // transitions carry the database's time: the test dates them
      await t.db.query(`UPDATE case_transitions SET occurred_at = '2026-12-01T10:00:00+01:00' WHERE case_id = $1 AND transition = 'submit_concept'`, [caseId]);
      await t.db.query(`UPDATE case_transitions SET occurred_at = $2 WHERE case_id = $1 AND transition = 'accept_concept'`, [caseId, new Date(Date.parse('2026-12-01T10:00:00+01:00') + days * 86_400_000)]);
    }
    const res = await t.request('GET', '/api/v1/reports/processing-times?guideline=frl-lifd', { token: tok.admin });
    expect(res.status).toBe(200);
    expect(res.body.byTeam).toEqual([
      { team: '', step: 'submission→formal_check', cases: 1, medianDays: 1, p90Days: 1 },
      { team: 'Referat 31 – Zuwendungen', step: 'submission→formal_check', cases: 2, medianDays: 3, p90Days: 3.8 },
      { team: 'Referat 32', step: 'submission→formal_check', cases: 1, medianDays: 10, p90Days: 10 },
    ]);
    expect(res.body.byCall).toEqual([{ guidelineCode: 'frl-lifd', callCode: '2026-1', step: 'submission→formal_check', cases: 4, medianDays: 3, p90Days: 8.2 }]);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/reports/processing-times?guideline=frl-lifd&format=csv&part=byTeam', headers: { authorization: `Bearer ${tok.admin}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.toString('utf8').slice(1).split('\r\n').filter(Boolean)).toEqual([
      'Team der formalen Prüfung;Schritt;Fälle;Median (Tage);90. Perzentil (Tage)',
      'ohne Teamzuordnung;submission→formal_check;1;1;1',
      'Referat 31 – Zuwendungen;submission→formal_check;2;3;3,8',
      'Referat 32;submission→formal_check;1;10;10',
    ]);
  });
});
