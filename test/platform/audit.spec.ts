import { auditVerify } from '../../src/cli/audit-verify';
import { TestApp } from '../support/test-app';

describe('audit trail: append-only, chained, verifiable', () => {
  let t: TestApp;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.createUser('admin@agency.example', ['admin']);
    await t.createUser('pruefung@agency.example', ['auditor']);
    admin = await t.login('admin@agency.example');
    auditor = await t.login('pruefung@agency.example');
    for (const [name, ags] of [['Stadt Mittweida', '14522360'], ['Stadt Leipzig', '14713000'], ['Stadt Chemnitz', '14511000']]) {
      expect((await t.request('POST', '/api/v1/organisations', { token: admin, body: { name, kind: 'municipality', ags } })).status).toBe(201);
    }
    const invite = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'neu@agency.example', displayName: 'Neu', roles: ['caseworker'] } });
    expect(invite.status).toBe(201);
  });
  afterAll(() => t.close());

  it('records who did what, in a gapless sequence', async () => {
    const rows = await t.db.query('SELECT seq, action, actor_id FROM audit_entries ORDER BY seq');
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['organisation.created', 'organisation.created', 'organisation.created', 'user.invited']);
    expect(rows.map((r: { seq: string }) => Number(r.seq))).toEqual([1, 2, 3, 4]);
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE email = 'admin@agency.example'`);
    expect(rows.every((r: { actor_id: string }) => r.actor_id === id)).toBe(true);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await expect(t.db.query(`UPDATE audit_entries SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_entries WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
  });

  it('reports an intact chain to auditors, and refuses applicants', async () => {
    const res = await t.request('GET', '/api/v1/audit/verify', { token: auditor });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ intact: true, entries: 4, firstBroken: null });
    const org = (await t.db.query(`SELECT id FROM organisations LIMIT 1`))[0].id;
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    const applicant = await t.login('antrag@mittweida.de');
    expect((await t.request('GET', '/api/v1/audit/verify', { token: applicant })).status).toBe(403);
  });

  it('appends concurrently without forking the chain', async () => {
    const results = await Promise.all(
      ['14522000', '14521000', '14523000', '14524000', '14612000', '14625000'].map((ags, i) =>
        t.request('POST', '/api/v1/organisations', { token: admin, body: { name: `Landkreis ${i}`, kind: 'district', ags } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const res = await t.request('GET', '/api/v1/audit/verify', { token: auditor });
    expect(res.body.intact).toBe(true);
  });

  it('detects a tampered entry at the right place (endpoint and npm run audit:verify)', async () => {
    // Only a superuser who switches the trigger off can change a row; the chain still tells.
    await t.db.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
    await t.db.query(`UPDATE audit_entries SET data = jsonb_set(data, '{name}', '"Stadt Gefälscht"') WHERE seq = 2`);
    await t.db.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');

    const res = await t.request('GET', '/api/v1/audit/verify', { token: auditor });
    expect(res.body).toEqual({ intact: false, entries: 1, firstBroken: { seq: 2, problem: 'hash_mismatch' } });

    const cli = await auditVerify(t.config.databaseUrl);
    expect(cli.exitCode).toBe(1);
    expect(cli.report).toBe('audit trail BROKEN at entry 2 (hash_mismatch); the 1 entries before it are intact');
  });
});
