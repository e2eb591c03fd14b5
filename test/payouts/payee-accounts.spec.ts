import { PayeeAccountsService } from '../../src/payouts/payee-accounts.service';
import { Clock } from '../../src/platform/clock';
import { INVALID_IBAN, Steps } from '../applications/fixtures';
import { TestApp, waitUntil } from '../support/test-app';

// Hand-checked IBANs (mod 97 computed independently): all valid, of SEPA countries unless said otherwise.
const IBAN_A = 'DE89370400440532013000'; // = VALID_IBAN without spaces
const IBAN_B = 'DE02120300000000202051';
const IBAN_C = 'DE02500105170137075030';
const IBAN_D = 'DE75512108001245126199';
const IBAN_BR = 'BR1500000000000010932840814P2'; // valid, but Brazil is no SEPA country

/**
 * Issue 12, item 1: an organisation's payee account. Without a final notice a change takes effect at once; with one
 * it waits for a caseworker's confirmation (never by the one who asked), is never used for payment meanwhile, and
 * each step is audited and mailed to the payee mailbox (contact address and applicant users).
 */
describe('payee accounts: changes, confirmation under four eyes, mails, audit, access', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let service: PayeeAccountsService;
  let mittweida: string;
  let chemnitz: string;
  let applicant: string; // Mittweida
  let applicant2: string; // Mittweida, a second applicant user
  let both: string; // Mittweida's applicant who is also a caseworker: may never decide on their own change
  let bothId: string;
  let chemnitzApplicant: string;
  let leipzigApplicant: string;
  let caseworker: string;
  let caseworker2: string;
  let approver: string;
  let finance: string;
  let auditor: string;
  let reviewer: string;
  let finalCase: string; // Mittweida's case with a final notice

  const put = (token: string, body: Record<string, unknown>, headers?: Record<string, string>) => t.request('PUT', '/api/v1/organisation/payee-account', { token, body, headers });
  const own = async (token: string) => (await t.request('GET', '/api/v1/organisation/payee-account', { token })).body;
  const rows = (org: string) => t.db.query(`SELECT holder, iban, bic, status FROM payee_accounts WHERE organisation_id = $1 ORDER BY created_at, id`, [org]);
  const audits = (org: string) => t.db.query(`SELECT action, actor_id, data FROM audit_entries WHERE entity_type = 'organisation' AND entity_id = $1 AND action LIKE 'payee_account.%' ORDER BY seq`, [org]);
  const mailsTo = (address: string, subject: string) => t.smtp.to(address).filter((m) => m.subject === subject);

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    service = t.app.get(PayeeAccountsService);
    mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    chemnitz = await t.createOrganisation('Stadt Chemnitz', '14511000');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.db.query(`UPDATE organisations SET contact_email = 'kasse@mittweida.de' WHERE id = $1`, [mittweida]);
    await t.db.query(`UPDATE organisations SET contact_email = 'kasse@chemnitz.de' WHERE id = $1`, [chemnitz]);
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('zweite@mittweida.de', ['applicant'], mittweida);
    bothId = await t.createUser('beides@mittweida.de', ['applicant', 'caseworker'], mittweida);
    await t.createUser('antrag@chemnitz.de', ['applicant'], chemnitz);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('sb2@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    await t.createUser('kasse@sab.example', ['finance']);
    await t.createUser('pruefung@sab.example', ['auditor']);
    await t.createUser('jury@sab.example', ['reviewer']);
    applicant = await t.login('antrag@mittweida.de');
    applicant2 = await t.login('zweite@mittweida.de');
    both = await t.login('beides@mittweida.de');
    chemnitzApplicant = await t.login('antrag@chemnitz.de');
    leipzigApplicant = await t.login('antrag@leipzig.de');
    caseworker = await t.login('sb@sab.example');
    caseworker2 = await t.login('sb2@sab.example');
    approver = await t.login('freigabe@sab.example');
    finance = await t.login('kasse@sab.example');
    auditor = await t.login('pruefung@sab.example');
    reviewer = await t.login('jury@sab.example');
  }, 60_000);
  afterAll(() => t?.close());

  /** A Mittweida application (100.000 € equipment in 2027) approved in full and its notice made final by waiving objection, all through HTTP. */
  const caseWithFinalNotice = () =>
    steps.finalNotice(applicant, caseworker, approver, {
      application: { costs: [{ category: 'equipment', amountCents: 10_000_000, fiscalYear: 2027, description: 'Lasercutter' }], ownContributionCents: 2_000_000, fundingEnd: '2027-12-31' },
    });

  it('refuses a wrong checksum, a non-SEPA country and a bad BIC with their codes, writing nothing', async () => {
    const wrong = await put(chemnitzApplicant, { holder: 'Stadt Chemnitz', iban: INVALID_IBAN });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'IBAN_INVALID', message: 'The IBAN fails the check digit test (mod 97).', details: { field: 'iban', problems: [{ code: 'IBAN_INVALID', field: 'iban' }] } });
    const short = await put(chemnitzApplicant, { holder: 'Stadt Chemnitz', iban: 'DE89 3704 0044 0532 0130' });
    expect(short.body).toMatchObject({ code: 'IBAN_INVALID', message: 'The IBAN has the wrong length for DE.' });
    const brazil = await put(chemnitzApplicant, { holder: 'Stadt Chemnitz', iban: IBAN_BR });
    expect(brazil.status).toBe(400);
    expect(brazil.body).toMatchObject({ code: 'IBAN_NOT_SEPA', details: { field: 'iban' } });
    const bic = await put(chemnitzApplicant, { holder: 'Stadt Chemnitz', iban: IBAN_B, bic: 'MARKDEF' });
    expect(bic.status).toBe(400);
    expect(bic.body).toMatchObject({ code: 'BIC_INVALID', details: { field: 'bic', problems: [{ code: 'BIC_INVALID', field: 'bic' }] } });
    // both wrong: the IBAN's code on top, both problems listed for the form
    const twice = await put(chemnitzApplicant, { holder: 'Stadt Chemnitz', iban: INVALID_IBAN, bic: 'XXXX' });
    expect(twice.body.code).toBe('IBAN_INVALID');
    expect(twice.body.details.problems.map((p: { code: string }) => p.code)).toEqual(['IBAN_INVALID', 'BIC_INVALID']);
    const unknown = await put(chemnitzApplicant, { holder: 'Stadt Chemnitz', iban: IBAN_B, status: 'active' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    const noHolder = await put(chemnitzApplicant, { holder: ' ', iban: IBAN_B });
    expect(noHolder.status).toBe(400);
    expect(await rows(chemnitz)).toEqual([]);
    expect(await audits(chemnitz)).toEqual([]);
  });

  it('without a final notice a change takes effect at once, the old account superseded; told to the payee mailbox and audited', async () => {
    const before = await own(chemnitzApplicant);
    expect(before).toEqual({ organisationId: chemnitz, active: null, pending: null, rejected: null, confirmationRequired: false, proposal: null });

    const first = await put(chemnitzApplicant, { holder: ' Stadt  Chemnitz ', iban: 'de02 1203 0000 0000 2020 51', bic: 'byla dem1001' });
    expect(first.status).toBe(200);
    expect(first.body.active).toMatchObject({ holder: 'Stadt Chemnitz', iban: IBAN_B, bic: 'BYLADEM1001', status: 'active', decidedAt: null });
    expect(first.body.pending).toBeNull();
    const second = await put(chemnitzApplicant, { holder: 'Stadt Chemnitz Stadtkasse', iban: IBAN_C });
    expect(second.body.active).toMatchObject({ holder: 'Stadt Chemnitz Stadtkasse', iban: IBAN_C, bic: null, status: 'active' });
    expect(await rows(chemnitz)).toEqual([
      { holder: 'Stadt Chemnitz', iban: IBAN_B, bic: 'BYLADEM1001', status: 'superseded' },
      { holder: 'Stadt Chemnitz Stadtkasse', iban: IBAN_C, bic: null, status: 'active' },
    ]);
    expect(await service.activeAccount(t.db.manager, chemnitz)).toEqual({ id: second.body.active.id, holder: 'Stadt Chemnitz Stadtkasse', iban: IBAN_C, bic: null });
    // the same account again changes nothing
    expect((await put(chemnitzApplicant, { holder: 'Stadt Chemnitz Stadtkasse', iban: IBAN_C })).body.active.id).toBe(second.body.active.id);
    expect(await rows(chemnitz)).toHaveLength(2);

    const audit = await audits(chemnitz);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['payee_account.changed', 'payee_account.changed']);
    expect(audit[1].data).toMatchObject({ accountId: second.body.active.id, iban: IBAN_C, previousAccountId: first.body.active.id });

    // both to the organisation's contact address and to its applicant user; IBANs masked but for the last four
    const subject = 'Bankverbindung von Stadt Chemnitz geändert';
    await t.smtp.waitFor('kasse@chemnitz.de', 2);
    await t.smtp.waitFor('antrag@chemnitz.de', 2);
    const [m1, m2] = mailsTo('kasse@chemnitz.de', subject);
    expect(m1.text).toContain('Bisher: bisher keine');
    expect(m1.text).toContain('Neu: **** **** **** **** **20 51 (Kontoinhaber: Stadt Chemnitz)');
    expect(m2.text).toContain('Bisher: **** **** **** **** **20 51');
    expect(m2.text).toContain('Neu: **** **** **** **** **50 30 (Kontoinhaber: Stadt Chemnitz Stadtkasse)');
    expect(m2.text).not.toContain(IBAN_C);
    expect(mailsTo('antrag@chemnitz.de', subject)).toHaveLength(2);
  });

  it('with a final notice a change waits for a caseworker; the pending change is never what payments use; four eyes; confirmed, it is active', async () => {
    // an account set while nothing is final takes effect at once
    const initial = await put(applicant, { holder: 'Stadt Mittweida', iban: IBAN_A });
    expect(initial.body.active.iban).toBe(IBAN_A);
    finalCase = await caseWithFinalNotice();

    const asked = await put(both, { holder: 'Stadt Mittweida', iban: IBAN_B, bic: 'MARKDEF1120' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ confirmationRequired: true, active: { iban: IBAN_A, status: 'active' }, pending: { iban: IBAN_B, bic: 'MARKDEF1120', status: 'pending' } });
    expect(await service.activeAccount(t.db.manager, mittweida)).toEqual({ id: initial.body.active.id, holder: 'Stadt Mittweida', iban: IBAN_A, bic: null });

    // the caseworker's list shows organisation, old and new account
    const list = await t.request('GET', '/api/v1/payee-account-changes', { token: caseworker });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { organisationId: mittweida, organisationName: 'Stadt Mittweida', requestedBy: 'beides', change: expect.objectContaining({ id: asked.body.pending.id, iban: IBAN_B }), current: expect.objectContaining({ iban: IBAN_A }) },
    ]);
    for (const token of [approver, finance, auditor]) expect((await t.request('GET', '/api/v1/payee-account-changes', { token })).status).toBe(200);
    for (const token of [applicant, reviewer]) expect((await t.request('GET', '/api/v1/payee-account-changes', { token })).status).toBe(403);

    // the one who asked cannot confirm, though a caseworker; applicants, finance and auditors may not confirm at all
    const self = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/confirm`, { token: both, body: { changeId: asked.body.pending.id } });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FOUR_EYES_VIOLATION');
    for (const token of [applicant, finance, auditor, approver]) {
      const refused = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/confirm`, { token, body: { changeId: asked.body.pending.id } });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    expect(await service.activeAccount(t.db.manager, mittweida)).toMatchObject({ iban: IBAN_A });

    clock.travelTo('2027-02-16T09:30:00+01:00');
    const key = { 'idempotency-key': 'confirm-mittweida-1' };
    const confirmed = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/confirm`, { token: caseworker, body: { changeId: asked.body.pending.id }, headers: key });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ active: { id: asked.body.pending.id, iban: IBAN_B, status: 'active', decidedAt: expect.stringMatching(/^2027-02-16T08:30:0\d\.\d{3}Z$/) }, pending: null });
    // a double click replays the answer; a second confirmation without the key finds nothing pending
    const replay = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/confirm`, { token: caseworker, body: { changeId: asked.body.pending.id }, headers: key });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(confirmed.body);
    const again = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/confirm`, { token: caseworker, body: { changeId: asked.body.pending.id } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACCOUNT_CHANGE_NOT_PENDING');

    expect(await service.activeAccount(t.db.manager, mittweida)).toEqual({ id: asked.body.pending.id, holder: 'Stadt Mittweida', iban: IBAN_B, bic: 'MARKDEF1120' });
    expect(await rows(mittweida)).toEqual([
      { holder: 'Stadt Mittweida', iban: IBAN_A, bic: null, status: 'superseded' },
      { holder: 'Stadt Mittweida', iban: IBAN_B, bic: 'MARKDEF1120', status: 'active' },
    ]);
    expect((await own(applicant)).active).toMatchObject({ iban: IBAN_B, status: 'active' });

    const [caseworkerId] = (await t.db.query(`SELECT id FROM users WHERE email = 'sb@sab.example'`)).map((r: { id: string }) => r.id);
    const audit = await audits(mittweida);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['payee_account.changed', 'payee_account.change_requested', 'payee_account.change_confirmed']);
    expect(audit[1]).toMatchObject({ actor_id: bothId, data: { accountId: asked.body.pending.id, iban: IBAN_B, previousAccountId: initial.body.active.id } });
    expect(audit[2]).toMatchObject({ actor_id: caseworkerId, data: { accountId: asked.body.pending.id, previousAccountId: initial.body.active.id } });

    // the payee mailbox: contact address and the three applicant users, each told of the request and the confirmation
    for (const address of ['kasse@mittweida.de', 'antrag@mittweida.de', 'zweite@mittweida.de', 'beides@mittweida.de']) {
      await waitUntil(`mails to ${address}`, async () => mailsTo(address, 'Neue Bankverbindung von Stadt Mittweida bestätigt').length === 1);
      const [requested] = mailsTo(address, 'Änderung der Bankverbindung von Stadt Mittweida beantragt');
      expect(requested.text).toContain('Bisher: **** **** **** **** **30 00');
      expect(requested.text).toContain('Neu: **** **** **** **** **20 51 (Kontoinhaber: Stadt Mittweida)');
      expect(requested.text).toContain('erst, wenn die Bewilligungsbehörde sie bestätigt hat');
      const [done] = mailsTo(address, 'Neue Bankverbindung von Stadt Mittweida bestätigt');
      expect(done.text).toContain('am 16.02.2027 um 09:30 Uhr die neue Bankverbindung');
    }
  }, 120_000);

  it('a newer change replaces a pending one; a rejection keeps the account in force and tells why', async () => {
    const older = (await put(applicant, { holder: 'Stadt Mittweida', iban: IBAN_C })).body.pending;
    const newer = (await put(applicant2, { holder: 'Stadt Mittweida Kasse', iban: IBAN_D })).body.pending;
    expect(newer).toMatchObject({ iban: IBAN_D, status: 'pending' });
    expect(await t.db.query(`SELECT status FROM payee_accounts WHERE id = $1`, [older.id])).toEqual([{ status: 'superseded' }]);
    // the caseworker checked the older one: confirming it now must not confirm the newer one unseen
    const stale = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/confirm`, { token: caseworker, body: { changeId: older.id } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'ACCOUNT_CHANGE_NOT_PENDING', details: { pendingChangeId: newer.id } });

    const short = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/reject`, { token: caseworker2, body: { changeId: newer.id, comment: 'no' } });
    expect(short.status).toBe(400);
    const rejected = await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/reject`, {
      token: caseworker2,
      body: { changeId: newer.id, comment: 'Die Änderung ließ sich telefonisch nicht bestätigen.' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ active: { iban: IBAN_B }, pending: null, rejected: { id: newer.id, iban: IBAN_D, status: 'rejected', comment: 'Die Änderung ließ sich telefonisch nicht bestätigen.' } });
    expect((await own(applicant)).rejected).toMatchObject({ id: newer.id });
    expect(await service.activeAccount(t.db.manager, mittweida)).toMatchObject({ iban: IBAN_B });
    expect((await t.request('GET', '/api/v1/payee-account-changes', { token: caseworker })).body).toEqual([]);

    const audit = (await audits(mittweida)).slice(-3);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['payee_account.change_requested', 'payee_account.change_requested', 'payee_account.change_rejected']);
    expect(audit[1].data).toMatchObject({ accountId: newer.id, replacedChangeId: older.id });
    expect(audit[2].data).toMatchObject({ accountId: newer.id, comment: 'Die Änderung ließ sich telefonisch nicht bestätigen.' });

    await waitUntil('the rejection is mailed', async () => mailsTo('zweite@mittweida.de', 'Änderung der Bankverbindung von Stadt Mittweida abgelehnt').length === 1);
    const [mail] = mailsTo('kasse@mittweida.de', 'Änderung der Bankverbindung von Stadt Mittweida abgelehnt');
    expect(mail.text).toContain('Beantragt: **** **** **** **** **61 99 (Kontoinhaber: Stadt Mittweida Kasse)');
    expect(mail.text).toContain('Es gilt weiterhin: **** **** **** **** **20 51');
    expect(mail.text).toContain('Begründung: Die Änderung ließ sich telefonisch nicht bestätigen.');

    // asking again after the rejection shows the new request, not the old rejection
    const again = await put(applicant, { holder: 'Stadt Mittweida Kasse', iban: IBAN_D });
    expect(again.body).toMatchObject({ pending: { iban: IBAN_D }, rejected: null });
    // going back to the account in force withdraws the open change
    const back = await put(applicant, { holder: 'Stadt Mittweida', iban: IBAN_B, bic: 'MARKDEF1120' });
    expect(back.body).toMatchObject({ active: { iban: IBAN_B }, pending: null });
    expect((await audits(mittweida)).pop().action).toBe('payee_account.change_withdrawn');
  });

  it('proposes the IBAN of the latest application while an organisation has no account', async () => {
    await t.db.query(`UPDATE payee_accounts SET status = 'superseded' WHERE organisation_id = $1`, [mittweida]);
    expect((await own(applicant)).proposal).toEqual({ holder: 'Stadt Mittweida', iban: IBAN_A });
    await t.db.query(`UPDATE payee_accounts SET status = 'active' WHERE organisation_id = $1 AND iban = $2 AND bic IS NOT NULL`, [mittweida, IBAN_B]);
    expect((await own(applicant)).proposal).toBeNull();
  });

  it('concurrent changes of one organisation leave one pending change, the rest superseded; even its first account waits', async () => {
    // Dresden's only case has an objection against its notice (written directly: the workflow is driven above)
    const dresden = await t.createOrganisation('Landeshauptstadt Dresden', '14612000');
    const dresdenUser = await t.createUser('antrag@dresden.de', ['applicant'], dresden);
    const token = await t.login('antrag@dresden.de');
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by) VALUES ($1, $2, '2026-1', 'Makerspace Dresden', 'objection', 'LIfD-2026-1-000801', $3)`,
      [versionId, dresden, dresdenUser],
    );
    const ibans = [IBAN_A, IBAN_B, IBAN_C, IBAN_D];
    const replies = await Promise.all(ibans.map((iban) => put(token, { holder: 'Landeshauptstadt Dresden', iban })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const all = await rows(dresden);
    expect(all).toHaveLength(4);
    expect(all.filter((r: { status: string }) => r.status === 'pending')).toHaveLength(1);
    expect(all.filter((r: { status: string }) => r.status === 'superseded')).toHaveLength(3);
    // the last one written is the pending one, and nothing is active: payments would find no account
    expect(all[3].status).toBe('pending');
    expect(await service.activeAccount(t.db.manager, dresden)).toBeNull();
    expect((await own(token)).pending.iban).toBe(all[3].iban);
  });

  it('shows a case’s account to the agency and the own organisation; other organisations 404, reviewers 403', async () => {
    for (const token of [caseworker, approver, finance, auditor, applicant]) {
      const seen = await t.request('GET', `/api/v1/cases/${finalCase}/payee-account`, { token });
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ organisationId: mittweida, active: { iban: IBAN_B }, confirmationRequired: true, proposal: null });
    }
    const other = await t.request('GET', `/api/v1/cases/${finalCase}/payee-account`, { token: leipzigApplicant });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('CASE_NOT_FOUND');
    expect(JSON.stringify(other.body)).not.toContain(IBAN_B);
    const none = await t.request('GET', `/api/v1/cases/00000000-0000-4000-8000-000000000000/payee-account`, { token: leipzigApplicant });
    expect(none.body.code).toBe('CASE_NOT_FOUND');
    expect((await t.request('GET', `/api/v1/cases/${finalCase}/payee-account`, { token: reviewer })).status).toBe(403);
    // an applicant of another organisation neither reads nor decides on Mittweida's account
    expect((await own(leipzigApplicant)).active).toBeNull();
    expect((await t.request('POST', `/api/v1/organisations/${mittweida}/payee-account/reject`, { token: leipzigApplicant, body: { changeId: finalCase, comment: 'Abgelehnt, weil.' } })).status).toBe(403);
    // agency staff have no organisation of their own to keep an account for
    expect((await t.request('GET', '/api/v1/organisation/payee-account', { token: caseworker })).status).toBe(403);
  });
});

describe('payee accounts: demo seed', () => {
  it('gives the demo municipality an active account, once', async () => {
    const t = await TestApp.start();
    try {
      const { DemoSeed, DEMO_PAYEE_ACCOUNT } = await import('../../src/platform/accounts/demo-seed');
      await t.app.get(DemoSeed).run();
      await t.app.get(DemoSeed).run();
      const accounts = await t.db.query(`SELECT o.name, p.holder, p.iban, p.bic, p.status FROM payee_accounts p JOIN organisations o ON o.id = p.organisation_id`);
      expect(accounts).toEqual([{ name: 'Stadt Mittweida', holder: 'Stadt Mittweida', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', status: 'active' }]);
      expect(DEMO_PAYEE_ACCOUNT.iban).toBe(accounts[0].iban);
      const applicant = await t.login('applicant@demo.example', t.config.demoPassword);
      expect((await t.request('GET', '/api/v1/organisation/payee-account', { token: applicant })).body.active).toMatchObject({ iban: 'DE89370400440532013000', status: 'active' });
    } finally {
      await t.close();
    }
  });
});
