import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { TestApp } from '../support/test-app';

/** Issue 9, finding 3: a step's input is validated by its own route's rules; the generic route cannot bypass them. */
describe('step input on the generic transition route', () => {
  let t: TestApp;
  let s: Steps;
  let caseworker: string;
  let caseId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00');
    await t.createUser('antrag@mittweida.de', ['applicant'], await t.createOrganisation('Stadt Mittweida', '14522360'));
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    const applicant = await t.login('antrag@mittweida.de');
    caseworker = await t.login('sachbearbeitung@sab.example');
    caseId = (await s.createConcept(applicant, 'frl-lifd', '2026-1')).caseId;
    // a submitted formal application, where information may be requested
    await t.db.query(`UPDATE cases SET state = 'application_submitted' WHERE id = $1`, [caseId]);
  });
  afterAll(() => t.close());

  const generic = (transition: string, input?: Record<string, unknown>) =>
    t.request('POST', `/api/v1/cases/${caseId}/transitions`, {
      token: caseworker,
      body: { transition, reason: 'Bitte reichen Sie das fehlende Angebot nach.', ...(input ? { input } : {}) },
    });

  it('refuses request_information on the generic route, whatever its input, naming the dedicated route', async () => {
    for (const workingDays of [100_000, -1, 1.5, 'zehn', undefined]) {
      const started = Date.now();
      const res = await generic('request_information', workingDays === undefined ? undefined : { workingDays });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'TRANSITION_HAS_OWN_ROUTE',
        message: expect.any(String),
        details: { transition: 'request_information', route: 'POST /api/v1/cases/:id/information-requests' },
      });
    }
    expect((await s.state(caseId)).state).toBe('application_submitted');
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM information_requests WHERE case_id = $1', [caseId]);
    expect(count).toBe(0);
  });

  it('refuses the other steps that have routes of their own', async () => {
    for (const step of ['answer_information_request', 'prepare_decision', 'approve_decision', 'return_decision', 'waive_objection', 'lodge_objection', 'invite_to_application']) {
      const res = await generic(step);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('TRANSITION_HAS_OWN_ROUTE');
      expect(res.body.details.route).toMatch(/^POST \/api\/v1\//);
    }
  });

  it('validates the working days on the dedicated route, and a bounded deadline is set', async () => {
    for (const workingDays of [100_000, -1, 1.5, 0]) {
      const res = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, {
        token: caseworker,
        body: { message: 'Bitte reichen Sie das fehlende Angebot nach.', workingDays },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const ok = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, {
      token: caseworker,
      body: { message: 'Bitte reichen Sie das fehlende Angebot nach.', workingDays: 10 },
    });
    expect(ok.status).toBeLessThan(300);
    const [row] = await t.db.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS due FROM information_requests WHERE case_id = $1`, [caseId]);
    expect(row.due).toBe('2026-12-04'); // 10 working days after Sun 22 Nov 2026: 23–27 Nov and 30 Nov–4 Dec
  });
});
