import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WorkflowRegistry } from '../../src/guidelines/workflow/workflow-registry';
import { Clock } from '../../src/platform/clock';
import { OutboxService } from '../../src/platform/outbox/outbox.service';
import { Steps } from '../applications/fixtures';
import { TestApp, waitUntil } from '../support/test-app';

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fw-pdf-')), 'notice.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

describe('approvals: four eyes, budget ledger, notices as PDF, becoming final, objections, amendments', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let applicant: string;
  let caseworker: string;
  let approver: string;
  let both: string; // a person holding both roles may still not sign off their own decision

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    await t.createUser('beides@sab.example', ['caseworker', 'approver']);
    await t.createUser('jury@sab.example', ['reviewer']);
    applicant = await t.login('antrag@mittweida.de');
    caseworker = await t.login('sb@sab.example');
    approver = await t.login('freigabe@sab.example');
    both = await t.login('beides@sab.example');
  });
  afterAll(() => t.close());

  /** An application of FRL LIfD of the binding plan, accepted as complete. */
  const completeCase = () => steps.completeApplication(applicant, caseworker);

  it('decides in part, signed off by a second person; the worker renders the notice, mails it, and anyone can verify it', async () => {
    const caseId = await completeCase();
    const prepared = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, {
      token: both,
      body: { kind: 'partial', reductions: [{ category: 'staff', eligibleCents: 500000, reason: 'Nur die Hälfte der Koordination ist vorhabenbezogen.' }] },
    });
    expect(prepared.status).toBe(201);
    // equipment 123.456,79 € × 80 % = 98.765,43 €; staff 5.000,00 € × 60 % = 3.000,00 € → 101.765,43 €
    expect(prepared.body).toMatchObject({ kind: 'approval', status: 'prepared', grantCents: 10176543 });
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: caseworker })).body.state).toBe('decision_prepared');

    const self = await t.request('POST', `/api/v1/decisions/${prepared.body.id}/sign-off`, { token: both });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FOUR_EYES_VIOLATION');

    const signed = await t.request('POST', `/api/v1/decisions/${prepared.body.id}/sign-off`, { token: approver });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'approved', noticeDate: '2027-02-15', deemedReceivedOn: '2027-02-19', objectionDeadline: '2027-03-19' });
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: caseworker })).body.state).toBe('notice_issued');

    // the budget: 2027 gets equipment 100.000 € × 80 % = 80.000 €; 2028 the rest, 21.765,43 €
    const ledger = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: caseworker });
    expect(ledger.body).toEqual([
      { fiscalYear: 2027, budgetCents: 250000000, committedCents: 8000000, paidCents: 0, recoveredCents: 0, availableCents: 242000000 },
      { fiscalYear: 2028, budgetCents: 250000000, committedCents: 2176543, paidCents: 0, recoveredCents: 0, availableCents: 247823457 },
    ]);

    await waitUntil('the notice is mailed', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.endsWith('Zuwendungsbescheid')), 20_000);
    const mail = t.smtp.to('antrag@mittweida.de').find((m) => m.subject?.endsWith('Zuwendungsbescheid'))!;
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0].content as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const [{ file_number: fileNumber }] = await t.db.query('SELECT file_number FROM cases WHERE id = $1', [caseId]);
    expect(text).toContain(fileNumber);
    expect(text).toContain('101.765,43 €');
    expect(text).toContain('15.02.2027');
    for (const section of ['I. Entscheidung', 'II. Nebenbestimmungen', 'III. Rechtsbehelfsbelehrung']) expect(text).toContain(section);
    expect(text).toContain(signed.body.verificationCode);
    expect(text).toContain('Nur die Hälfte der Koordination ist vorhabenbezogen.');

    const hash = createHash('sha256').update(pdf).digest('hex');
    const notices = await t.request('GET', `/api/v1/cases/${caseId}/notices`, { token: applicant });
    expect(notices.body).toEqual([expect.objectContaining({ sha256: hash, kind: 'approval', verificationCode: signed.body.verificationCode })]);
    const byHash = await t.request('GET', `/api/v1/notices/verify?sha256=${hash}`);
    expect(byHash.body).toMatchObject({ genuine: true, fileNumber, kind: 'approval', issuedOn: '2027-02-15' });
    const byFile = await t.request('POST', '/api/v1/notices/verify', { body: pdf, headers: { 'content-type': 'application/pdf' } });
    expect(byFile.body).toMatchObject({ genuine: true, fileNumber });
    const changed = Buffer.from(pdf);
    changed[changed.length - 20] ^= 1;
    expect((await t.request('POST', '/api/v1/notices/verify', { body: changed, headers: { 'content-type': 'application/pdf' } })).body.genuine).toBe(false);

    // running the render job again yields no second document and no second mail
    const { NoticesService } = await import('../../src/approvals/notices.service');
    await t.app.get(NoticesService).render(prepared.body.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.smtp.to('antrag@mittweida.de').filter((m) => m.subject?.endsWith('Zuwendungsbescheid'))).toHaveLength(1);
    expect((await t.db.query('SELECT count(*)::int AS n FROM notices WHERE case_id = $1', [caseId]))[0].n).toBe(1);

    // the applicant waives objection: final at once; an objection afterwards is refused
    const waived = await t.request('POST', `/api/v1/cases/${caseId}/waive-objection`, { token: applicant });
    expect(waived.body.state).toBe('notice_final');
    const late = await t.request('POST', `/api/v1/cases/${caseId}/objections`, { token: caseworker, body: { reason: 'Widerspruch vom 20.02.2027' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('TRANSITION_NOT_ALLOWED_IN_STATE');

    // an amendment: a longer funding period and more equipment in 2028, same four eyes, only the difference is checked
    const amendment = await t.request('POST', `/api/v1/cases/${caseId}/amendments`, {
      token: caseworker,
      body: {
        reason: 'Lieferverzug: Verlängerung und zusätzlicher Scanner.',
        fundingEnd: '2029-06-30',
        costs: [
          { category: 'equipment', amountCents: 10000000, fiscalYear: 2027 },
          { category: 'equipment', amountCents: 3345679, fiscalYear: 2028 },
          { category: 'staff', amountCents: 500000, fiscalYear: 2028 },
        ],
      },
    });
    expect(amendment.status).toBe(201);
    expect(amendment.body.grantCents).toBe(10976543); // 133.456,79 € × 80 % = 106.765,43 € + 3.000,00 €
    expect((await t.request('POST', `/api/v1/decisions/${amendment.body.id}/sign-off`, { token: caseworker })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/decisions/${amendment.body.id}/sign-off`, { token: approver })).status).toBe(200);
    const after = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: caseworker })).body;
    expect(after.map((r: { committedCents: number }) => r.committedCents)).toEqual([8000000, 2976543]);
    await waitUntil('the amendment notice is mailed', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.endsWith('Änderungsbescheid')));
    const amendText = pdfText(t.smtp.to('antrag@mittweida.de').find((m) => m.subject?.endsWith('Änderungsbescheid'))!.attachments[0].content as Buffer);
    expect(amendText).toContain('Änderungsbescheid');
    expect(amendText).toContain('109.765,43 €');
  });

  it('refuses deciding by the wrong roles and on an incomplete application; sends back with a comment', async () => {
    const caseId = await completeCase();
    await t.db.query(`UPDATE cases SET state = 'application_submitted' WHERE id = $1`, [caseId]);
    const incomplete = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.code).toBe('TRANSITION_NOT_ALLOWED_IN_STATE');
    expect((await t.db.query('SELECT count(*)::int AS n FROM decisions WHERE case_id = $1', [caseId]))[0].n).toBe(0);
    await t.db.query(`UPDATE cases SET state = 'application_complete' WHERE id = $1`, [caseId]);
    const reviewer = await t.login('jury@sab.example');
    for (const token of [applicant, reviewer, approver]) {
      expect((await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token, body: { kind: 'approval' } })).status).toBe(403);
    }
    const d = (await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } })).body;
    expect((await t.request('POST', `/api/v1/decisions/${d.id}/sign-off`, { token: applicant })).status).toBe(403);
    const back = await t.request('POST', `/api/v1/decisions/${d.id}/return`, { token: approver, body: { comment: 'Bitte die Personalausgaben prüfen.' } });
    expect(back.body).toMatchObject({ status: 'returned', returnComment: 'Bitte die Personalausgaben prüfen.' });
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: caseworker })).body.state).toBe('application_complete');
    expect((await t.request('POST', `/api/v1/decisions/${d.id}/sign-off`, { token: approver })).body.code).toBe('DECISION_NOT_PREPARED');

    // a rejection with reasons, signed off, gives a rejection notice
    const rejection = (await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'rejection', reasons: ['Die Finanzierung des Eigenanteils ist nicht gesichert.'] } })).body;
    expect((await t.request('POST', `/api/v1/decisions/${rejection.id}/sign-off`, { token: approver })).status).toBe(200);
    await waitUntil('the rejection notice is mailed', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.endsWith('Ablehnungsbescheid')));
    const text = pdfText(t.smtp.to('antrag@mittweida.de').find((m) => m.subject?.endsWith('Ablehnungsbescheid'))!.attachments[0].content as Buffer);
    expect(text).toContain('1. Die Finanzierung des Eigenanteils ist nicht gesichert.');
  });

  it('holds a case with an open objection ("not payable"), and makes a notice final when the period has run out', async () => {
    const caseId = await completeCase();
    const d = (await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } })).body;
    const signed = (await t.request('POST', `/api/v1/decisions/${d.id}/sign-off`, { token: approver })).body;
    const objected = await t.request('POST', `/api/v1/cases/${caseId}/objections`, { token: caseworker, body: { reason: 'Widerspruch gegen die Höhe der Zuwendung.' } });
    expect(objected.status).toBe(201);
    expect(objected.body.state).toBe('objection');
    const check = t.app.get(WorkflowRegistry).check('no_open_objection')!;
    const notPayable = await check({ em: t.db.manager, case: { id: caseId } } as never);
    expect(notPayable).toEqual([expect.objectContaining({ code: 'OBJECTION_OPEN' })]);
    const dismissed = await t.request('POST', `/api/v1/cases/${caseId}/objections/resolve`, { token: approver, body: { outcome: 'dismissed', reason: 'Der Bescheid ist rechtmäßig.' } });
    expect(dismissed.body.state).toBe('notice_final');
    expect(await check({ em: t.db.manager, case: { id: caseId } } as never)).toEqual([]);

    // another case: nobody objects; after the period the scheduled job makes the notice final
    const other = await completeCase();
    const d2 = (await t.request('POST', `/api/v1/cases/${other}/decisions`, { token: caseworker, body: { kind: 'approval' } })).body;
    const s2 = (await t.request('POST', `/api/v1/decisions/${d2.id}/sign-off`, { token: approver })).body;
    expect(s2.objectionDeadline).toBe(signed.objectionDeadline);
    const tooEarly = await steps.transition(caseworker, other, 'mark_notice_final');
    expect(tooEarly.body.details.problems).toEqual([expect.objectContaining({ code: 'OBJECTION_PERIOD_RUNNING' })]);
    clock.travelTo('2027-03-20T00:00:30+01:00'); // the deadline day 19.03.2027 has ended
    await t.db.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'notice.finalize' AND payload->>'decisionId' = $1`, [d2.id]);
    await waitUntil('the notice becomes final', async () => (await t.db.query('SELECT state FROM cases WHERE id = $1', [other]))[0].state === 'notice_final');
    const [last] = await t.db.query(`SELECT transition, actor_id FROM case_transitions WHERE case_id = $1 ORDER BY id DESC LIMIT 1`, [other]);
    expect(last).toEqual({ transition: 'mark_notice_final', actor_id: '00000000-0000-0000-0000-000000000001' });
  });

  it('upholds an objection: the commitment is released and the case is decided anew', async () => {
    const caseId = await completeCase();
    const d = (await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } })).body;
    const before = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: caseworker })).body;
    expect((await t.request('POST', `/api/v1/decisions/${d.id}/sign-off`, { token: approver })).status).toBe(200);
    const committed = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: caseworker })).body;
    expect(committed[0].committedCents - before[0].committedCents).toBe(8000000);
    await t.request('POST', `/api/v1/cases/${caseId}/objections`, { token: caseworker, body: { reason: 'Widerspruch: Personalausgaben fehlen.' } });
    const upheld = await t.request('POST', `/api/v1/cases/${caseId}/objections/resolve`, { token: caseworker, body: { outcome: 'upheld', reason: 'Abhilfe: neue Entscheidung.' } });
    expect(upheld.body.state).toBe('application_complete');
    const released = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: caseworker })).body;
    expect(released.map((r: { committedCents: number }) => r.committedCents)).toEqual(before.map((r: { committedCents: number }) => r.committedCents));
    expect((await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } })).status).toBe(201);
  });

  it('retries a notice job that failed mid-way without a second document or mail', async () => {
    const caseId = await completeCase();
    const outbox = t.app.get(OutboxService);
    const add = outbox.add.bind(outbox);
    let failed = 0;
    jest.spyOn(outbox, 'add').mockImplementation(async (em, name, payload, opts) => {
      if (name === 'mail.send' && (payload as { attachments?: unknown[] }).attachments && failed === 0) {
        failed++;
        throw new Error('simulated crash after the document was stored');
      }
      return add(em, name, payload, opts);
    });
    try {
      const d = (await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } })).body;
      expect((await t.request('POST', `/api/v1/decisions/${d.id}/sign-off`, { token: approver })).status).toBe(200);
      await waitUntil('the retried job mails the notice', async () => (await t.db.query('SELECT count(*)::int AS n FROM notices WHERE case_id = $1', [caseId]))[0].n === 1, 30_000);
      expect(failed).toBe(1);
      const [{ sha256 }] = await t.db.query('SELECT sha256 FROM notices WHERE case_id = $1', [caseId]);
      await waitUntil('one mail', async () => (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'mail.send' AND payload->'attachments'->0->>'sha256' = $1`, [sha256]))[0].n === 1);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
