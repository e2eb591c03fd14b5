import { generateKeyPairSync, sign } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { auditVerify } from '../../src/cli/audit-verify';
import { hashEntry } from '../../src/platform/audit/audit-chain';
import { CHECKPOINT_FILE, keyId, signedContent } from '../../src/platform/audit/audit-checkpoints';
import { databaseUrlFor } from '../support/databases';
import { TestApp, waitUntil } from '../support/test-app';

describe('audit trail: append-only, chained, anchored by signed checkpoints, verifiable', () => {
  let t: TestApp;
  let owner: Client; // the migrating owner (superuser here): what a tamperer who controls the database has
  let admin: string;
  let auditor: string;
  let applicant: string;
  const checkpointFile = () => path.join(t.config.auditCheckpointDir, CHECKPOINT_FILE);
  const verify = async () => (await t.request('GET', '/api/v1/audit/verify', { token: auditor })).body;
  const withoutTrigger = async (sql: string, params: unknown[] = []) => {
    await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
    try {
      await owner.query(sql, params);
    } finally {
      await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
    }
  };

  beforeAll(async () => {
    // The service runs as the app role (SET ROLE on every connection of its pool).
    t = await TestApp.start({ env: { DATABASE_APP_ROLE: 'foerderwerk_app' } });
    owner = new Client({ connectionString: databaseUrlFor(t.dbName) });
    await owner.connect();
    await t.createUser('admin@agency.example', ['admin']);
    await t.createUser('pruefung@agency.example', ['auditor']);
    admin = await t.login('admin@agency.example');
    auditor = await t.login('pruefung@agency.example');
    for (const [name, ags] of [['Stadt Mittweida', '14522360'], ['Stadt Leipzig', '14713000'], ['Stadt Chemnitz', '14511000']]) {
      expect((await t.request('POST', '/api/v1/organisations', { token: admin, body: { name, kind: 'municipality', ags } })).status).toBe(201);
    }
    const invite = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'neu@agency.example', displayName: 'Neu', roles: ['caseworker'] } });
    expect(invite.status).toBe(201);
    const org = (await t.db.query(`SELECT id FROM organisations LIMIT 1`))[0].id;
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    applicant = await t.login('antrag@mittweida.de');
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  it('records who did what, in a gapless sequence', async () => {
    const rows = await t.db.query('SELECT seq, action, actor_id FROM audit_entries ORDER BY seq');
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['organisation.created', 'organisation.created', 'organisation.created', 'user.invited']);
    expect(rows.map((r: { seq: string }) => Number(r.seq))).toEqual([1, 2, 3, 4]);
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE email = 'admin@agency.example'`);
    expect(rows.every((r: { actor_id: string }) => r.actor_id === id)).toBe(true);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself, even for the owner', async () => {
    await expect(owner.query(`UPDATE audit_entries SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM audit_entries WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(owner.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
  });

  it('runs the service as a role that may only read and append to the audit trail, with no DDL: refused by permission, not only by the trigger', async () => {
    expect(await t.db.query('SELECT current_user AS u')).toEqual([{ u: 'foerderwerk_app' }]);
    await owner.query('DROP TRIGGER audit_entries_no_update_delete ON audit_entries');
    await owner.query('DROP TRIGGER audit_entries_no_truncate ON audit_entries');
    try {
      await expect(t.db.query('DELETE FROM audit_entries')).rejects.toThrow(/permission denied for table audit_entries/);
      await expect(t.db.query(`UPDATE audit_entries SET action = 'x'`)).rejects.toThrow(/permission denied for table audit_entries/);
      await expect(t.db.query('TRUNCATE audit_entries')).rejects.toThrow(/permission denied for table audit_entries/);
      await expect(t.db.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/permission denied for table audit_checkpoints/);
      await expect(t.db.query('ALTER TABLE audit_entries DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
      await expect(t.db.query('DROP TABLE audit_entries')).rejects.toThrow(/must be owner/);
      await expect(t.db.query('CREATE TABLE evil (x int)')).rejects.toThrow(/permission denied for schema public/);
      await expect(t.db.query('RESET ROLE')).resolves.toBeDefined(); // SET ROLE is no wall against SQL injection: see README (DATABASE_APP_ROLE)
      await t.db.query('SET ROLE foerderwerk_app');
    } finally {
      await owner.query(`CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`);
      await owner.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`);
    }
    expect(await t.db.query('SELECT count(*)::int AS n FROM audit_entries')).toEqual([{ n: 4 }]);
  });

  it('reports an intact chain to auditors, and refuses applicants', async () => {
    expect(await verify()).toEqual({
      intact: true,
      entries: 4,
      firstBroken: null,
      checkpoints: { checked: 0, latest: null, rejected: [], contradicted: null },
    });
    expect((await t.request('GET', '/api/v1/audit/verify', { token: applicant })).status).toBe(403);
  });

  it('signs a checkpoint of the chain head on demand, into a file outside the database and into the database', async () => {
    expect((await t.request('POST', '/api/v1/audit/checkpoints', { token: applicant })).status).toBe(403);
    const res = await t.request('POST', '/api/v1/audit/checkpoints', { token: auditor });
    expect(res.status).toBe(201);
    const [head] = await t.db.query('SELECT seq, hash FROM audit_entries WHERE seq = 4');
    expect(res.body).toEqual({ seq: 4, hash: head.hash, at: expect.any(String), keyId: expect.stringMatching(/^[0-9a-f]{16}$/), signature: expect.any(String) });
    expect(readFileSync(checkpointFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([res.body]);
    expect(await t.db.query('SELECT seq::int, hash, key_id, signature FROM audit_checkpoints')).toEqual([
      { seq: 4, hash: head.hash, key_id: res.body.keyId, signature: res.body.signature },
    ]);
    expect((await verify()).checkpoints).toEqual({ checked: 1, latest: { seq: 4, hash: head.hash, at: res.body.at }, rejected: [], contradicted: null });
  });

  it('appends concurrently without forking the chain', async () => {
    const results = await Promise.all(
      ['14522000', '14521000', '14523000', '14524000', '14612000', '14625000'].map((ags, i) =>
        t.request('POST', '/api/v1/organisations', { token: admin, body: { name: `Landkreis ${i}`, kind: 'district', ags } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect((await verify()).intact).toBe(true);
    expect((await t.request('POST', '/api/v1/audit/checkpoints', { token: admin })).body.seq).toBe(10);
  });

  it('detects deleted newest entries through the checkpoint they contradict (endpoint and npm run audit:verify)', async () => {
    await owner.query('CREATE TABLE audit_backup AS SELECT * FROM audit_entries WHERE seq > 8');
    await withoutTrigger('DELETE FROM audit_entries WHERE seq > 8');
    const body = await verify();
    expect(body).toMatchObject({ intact: false, entries: 8, firstBroken: null });
    expect(body.checkpoints.contradicted).toEqual({ checkpoint: { seq: 10, hash: expect.any(String), at: expect.any(String) }, problem: 'entries_missing', headSeq: 8 });
    const cli = await auditVerify(t.config);
    expect(cli.exitCode).toBe(1);
    expect(cli.report).toMatch(/^audit chain intact: 8 entries\naudit trail CONTRADICTS the checkpoint of \S+ \(seq 10, hash [0-9a-f]{64}\): entries missing, the table ends at seq 8$/);
    expect((await t.request('POST', '/api/v1/audit/checkpoints', { token: auditor })).body.code).toBe('AUDIT_CHAIN_BROKEN');

    await owner.query('INSERT INTO audit_entries SELECT * FROM audit_backup');
    expect((await verify()).intact).toBe(true);
  });

  it('detects a tail rewritten with recomputed hashes', async () => {
    const { rows } = await owner.query('SELECT * FROM audit_entries WHERE seq >= 8 ORDER BY seq');
    let prev = rows[0].hash;
    for (const r of rows.slice(1)) {
      const record = { seq: Number(r.seq), occurredAt: r.occurred_at.toISOString(), actorId: r.actor_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, data: { ...r.data, name: 'Landkreis Gefälscht' } };
      const hash = hashEntry(prev, record);
      await withoutTrigger('UPDATE audit_entries SET data = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [record.data, prev, hash, record.seq]);
      prev = hash;
    }
    const body = await verify();
    expect(body).toMatchObject({ intact: false, entries: 10, firstBroken: null });
    expect(body.checkpoints.contradicted).toMatchObject({ checkpoint: { seq: 10 }, problem: 'hash_differs', headSeq: 10 });
    const cli = await auditVerify(t.config);
    expect(cli.exitCode).toBe(1);
    expect(cli.report).toMatch(/the entry at seq 10 has another hash \(tail rewritten\)$/);

    await withoutTrigger(`UPDATE audit_entries a SET data = b.data, prev_hash = b.prev_hash, hash = b.hash FROM audit_backup b WHERE a.seq = b.seq`);
    await owner.query('DROP TABLE audit_backup');
    expect((await verify()).intact).toBe(true);
  });

  it('refuses checkpoint lines with a forged signature or an unknown key', async () => {
    const original = readFileSync(checkpointFile(), 'utf8');
    const good = JSON.parse(original.trim().split('\n')[1]);
    // A forger who knows the key id but not the key; and one who signs with a key of their own.
    const forged = { ...good, seq: 9, at: new Date().toISOString() };
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    forged.signature = sign(null, signedContent(forged), privateKey).toString('base64');
    const own = { seq: 12, hash: 'a'.repeat(64), at: new Date().toISOString(), keyId: keyId(publicKey) };
    appendFileSync(checkpointFile(), `${JSON.stringify(forged)}\n${JSON.stringify({ ...own, signature: sign(null, signedContent(own), privateKey).toString('base64') })}\nnot json\n`);

    const body = await verify();
    expect(body).toMatchObject({ intact: false, entries: 10, firstBroken: null });
    expect(body.checkpoints).toMatchObject({
      checked: 2,
      contradicted: null,
      rejected: [
        { line: 3, reason: 'bad_signature' },
        { line: 4, reason: 'unknown_key' },
        { line: 5, reason: 'malformed' },
      ],
    });
    const cli = await auditVerify(t.config);
    expect(cli.exitCode).toBe(1);
    expect(cli.report).toContain('checkpoint file line 3 REFUSED (bad_signature)');
    writeFileSync(checkpointFile(), original);
    expect((await verify()).intact).toBe(true);
  });

  it('detects a tampered entry at the right place (endpoint and npm run audit:verify)', async () => {
    // Only the owner who switches the trigger off can change a row; the chain still tells.
    await withoutTrigger(`UPDATE audit_entries SET data = jsonb_set(data, '{name}', '"Stadt Gefälscht"') WHERE seq = 2`);

    const res = await t.request('GET', '/api/v1/audit/verify', { token: auditor });
    expect(res.body).toMatchObject({ intact: false, entries: 1, firstBroken: { seq: 2, problem: 'hash_mismatch' } });

    const cli = await auditVerify(t.config);
    expect(cli.exitCode).toBe(1);
    expect(cli.report.split('\n')[0]).toBe('audit trail BROKEN at entry 2 (hash_mismatch); the 1 entries before it are intact');
    expect((await t.request('POST', '/api/v1/audit/checkpoints', { token: auditor })).status).toBe(409);
  });
});

describe('audit checkpoints at intervals', () => {
  it('the worker signs a checkpoint of the head every AUDIT_CHECKPOINT_INTERVAL_MS', async () => {
    const t = await TestApp.start({ env: { AUDIT_CHECKPOINT_INTERVAL_MS: '100' } });
    try {
      await waitUntil('two checkpoints are written', async () => (await t.db.query('SELECT count(*)::int AS n FROM audit_checkpoints'))[0].n >= 2);
      const lines = readFileSync(path.join(t.config.auditCheckpointDir, CHECKPOINT_FILE), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(lines[0])).toMatchObject({ seq: 0, hash: '0'.repeat(64) });
    } finally {
      await t.close();
    }
  });
});
