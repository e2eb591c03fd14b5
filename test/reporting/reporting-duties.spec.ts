import { Clock } from '../../src/platform/clock';
import { ReportingDutiesService } from '../../src/reporting/reporting-duties.service';
import { TestApp } from '../support/test-app';

/**
 * Reporting duties of a case in payment: reminders before and after each due date, once each however often the daily
 * job runs; a caseworker moves a due date with a reason; the overdue list. (The duties are scheduled by the first
 * payment request, tested in test/payouts; here the case and its duties are written to the database.)
 */
describe('reporting duties: reminders once each, extensions, the overdue list', () => {
  let t: TestApp;
  let clock: Clock;
  let duties: ReportingDutiesService;
  let caseId: string;
  let interimId: string;
  let finalId: string;
  let applicant: string;
  let caseworker: string;
  let stranger: string;
  let reviewer: string;
  const ADDRESS = 'antrag@mittweida.de';

  beforeAll(async () => {
    t = await TestApp.start();
    clock = t.app.get(Clock);
    duties = t.app.get(ReportingDutiesService);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    const applicantId = await t.createUser(ADDRESS, ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('jury@sab.example', ['reviewer']);
    [applicant, caseworker, stranger, reviewer] = await Promise.all([ADDRESS, 'sb@sab.example', 'antrag@leipzig.de', 'jury@sab.example'].map((e) => t.login(e)));
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', 'Makerspace Mittweida', 'in_payment', 'LIfD-2026-1-000901', $3) RETURNING id`,
      [versionId, mittweida, applicantId],
    );
    caseId = c.id;
    // funding period 1 Apr 2027 – 31 Dec 2028: the interim proof for 2027 due 30 Apr 2028, the final one 6 months after the period
    const rows = await t.db.query(
      `INSERT INTO reporting_duties (case_id, kind, period_end, due_on) VALUES ($1, 'interim', '2027-12-31', '2028-04-30'), ($1, 'final', '2028-12-31', '2029-06-30') RETURNING id, kind`,
      [caseId],
    );
    interimId = rows.find((r: any) => r.kind === 'interim').id;
    finalId = rows.find((r: any) => r.kind === 'final').id;
    clock.travelTo('2028-04-10T10:00:00+02:00');
  });
  afterAll(() => t.close());

  it('reminds 14 days before a due date (FRL LIfD), once, however often the job runs', async () => {
    expect(await duties.remind('2028-04-15')).toEqual({ before: 0, after: 0 }); // 15 days before
    expect(await duties.remind('2028-04-16')).toEqual({ before: 1, after: 0 });
    expect(await duties.remind('2028-04-16')).toEqual({ before: 0, after: 0 });
    expect(await duties.remind('2028-04-20')).toEqual({ before: 0, after: 0 });
    const [mail] = await t.smtp.waitFor(ADDRESS, 1);
    expect(mail.subject).toBe('Erinnerung: Zwischennachweis 2027 zu LIfD-2026-1-000901 fällig am 30.04.2028');
    expect(mail.text).toContain('bis zum 30.04.2028 vorzulegen');
    // the same job run twice at the same moment still sends one
    await Promise.all([duties.remind('2028-05-07'), duties.remind('2028-05-07')]);
    const mails = await t.smtp.waitFor(ADDRESS, 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(t.smtp.to(ADDRESS)).toHaveLength(2);
    expect(mails[1].subject).toBe('Überfällig: Zwischennachweis 2027 zu LIfD-2026-1-000901 (fällig am 30.04.2028)');
    expect((await t.db.query(`SELECT kind, due_on::text FROM reporting_duty_reminders WHERE duty_id = $1 ORDER BY kind`, [interimId])).map((r: any) => [r.kind, r.due_on])).toEqual([
      ['after', '2028-04-30'],
      ['before', '2028-04-30'],
    ]);
  });

  it('lists the overdue proof for the agency, and the duties of the case for its recipient only', async () => {
    clock.travelTo('2028-05-10T10:00:00+02:00');
    const overdue = await t.request('GET', '/api/v1/reporting-duties/overdue', { token: caseworker });
    expect(overdue.status).toBe(200);
    expect(overdue.body).toEqual([expect.objectContaining({ id: interimId, kind: 'interim', dueOn: '2028-04-30', overdue: true, fileNumber: 'LIfD-2026-1-000901', organisationName: 'Stadt Mittweida' })]);
    const own = await t.request('GET', `/api/v1/cases/${caseId}/reporting-duties`, { token: applicant });
    expect(own.body.map((d: any) => [d.kind, d.dueOn, d.overdue])).toEqual([
      ['interim', '2028-04-30', true],
      ['final', '2029-06-30', false],
    ]);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/reporting-duties`, { token: stranger })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/reporting-duties`, { token: reviewer })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/reporting-duties/overdue', { token: applicant })).status).toBe(403);
  });

  it('a caseworker moves a due date later with a reason (audited); the reminders follow the new date', async () => {
    const earlier = await t.request('POST', `/api/v1/reporting-duties/${finalId}/extend`, { token: caseworker, body: { dueOn: '2029-06-01', reason: 'Früher geht nicht.' } });
    expect(earlier.status).toBe(422);
    expect(earlier.body).toMatchObject({ code: 'DUE_DATE_NOT_LATER' });
    expect((await t.request('POST', `/api/v1/reporting-duties/${finalId}/extend`, { token: applicant, body: { dueOn: '2029-12-31', reason: 'Wir brauchen länger.' } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/reporting-duties/${finalId}/extend`, { token: caseworker, body: { dueOn: '2029-08-31' } })).status).toBe(400);

    const moved = await t.request('POST', `/api/v1/reporting-duties/${finalId}/extend`, {
      token: caseworker,
      body: { dueOn: '2029-08-31', reason: 'Schlussrechnung des Bauunternehmens steht noch aus.' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ dueOn: '2029-08-31', originalDueOn: '2029-06-30', extensionReason: 'Schlussrechnung des Bauunternehmens steht noch aus.' });
    const [audit] = await t.db.query(`SELECT data FROM audit_entries WHERE action = 'reporting_duty.extended'`);
    expect(audit.data).toMatchObject({ from: '2029-06-30', to: '2029-08-31' });

    // within 14 days of the old date nothing is sent; within 14 days of the new one the reminder goes out
    expect(await duties.remind('2029-06-20')).toEqual({ before: 0, after: 0 });
    expect(await duties.remind('2029-08-17')).toEqual({ before: 1, after: 0 });
    const mails = await t.smtp.waitFor(ADDRESS, 3);
    expect(mails[2].subject).toBe('Erinnerung: Verwendungsnachweis zu LIfD-2026-1-000901 fällig am 31.08.2029');
  });

  it('a caseworker records an interim proof as received (audited); the final proof is fulfilled only by its submission', async () => {
    expect((await t.request('POST', `/api/v1/reporting-duties/${interimId}/received`, { token: applicant })).status).toBe(403);
    const final = await t.request('POST', `/api/v1/reporting-duties/${finalId}/received`, { token: caseworker });
    expect([final.status, final.body.code]).toEqual([422, 'FINAL_PROOF_BY_SUBMISSION']);
    const received = await t.request('POST', `/api/v1/reporting-duties/${interimId}/received`, { token: caseworker });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ kind: 'interim', overdue: false, fulfilledAt: expect.any(String) });
    expect((await t.request('POST', `/api/v1/reporting-duties/${interimId}/received`, { token: caseworker })).body.code).toBe('REPORTING_DUTY_FULFILLED');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'reporting_duty.received'`))[0].n).toBe(1);
    expect((await t.request('GET', '/api/v1/reporting-duties/overdue', { token: caseworker })).body).toEqual([]);
  });

  it('owes nothing once the proof is submitted, or the case is settled', async () => {
    await t.db.query(`UPDATE reporting_duties SET fulfilled_at = now() WHERE id = $1`, [finalId]);
    expect(await duties.remind('2029-09-30')).toEqual({ before: 0, after: 0 });
    await t.db.query(`UPDATE cases SET state = 'settled' WHERE id = $1`, [caseId]);
    clock.travelTo('2029-10-01T10:00:00+02:00');
    expect((await t.request('GET', '/api/v1/reporting-duties/overdue', { token: caseworker })).body).toEqual([]);
  });
});
