import { AuditService } from '../../src/platform/audit/audit.service';
import { TestApp } from '../support/test-app';

/**
 * Issue #11, cause 4: the audit chain's lock is taken at the commit, not at the append, so audited writes do not
 * queue behind each other's work; the chain stays gap-free and verifiable under concurrent writers.
 */
describe('audit chain under concurrent writers', () => {
  let t: TestApp;
  let applicant: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    applicant = await t.login('antrag@mittweida.de');
  });

  afterAll(async () => {
    await t?.close();
  });

  const openConcept = () => t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } });

  it('stays gap-free and verifiable after 32 concurrent writers', async () => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM audit_entries');
    const results = await Promise.all(Array.from({ length: 32 }, openConcept));
    expect(results.map((r) => r.status)).toEqual(Array(32).fill(201));
    const rows = await t.db.query(`SELECT seq, action, entity_id FROM audit_entries ORDER BY seq`);
    expect(rows.map((r: { seq: string }) => Number(r.seq))).toEqual(Array.from({ length: before + 32 }, (_, i) => i + 1));
    const opened = new Set(rows.filter((r: { action: string }) => r.action === 'case.opened').map((r: { entity_id: string }) => r.entity_id));
    for (const r of results) expect(opened.has(r.body.case.id)).toBe(true);
    expect(await t.app.get(AuditService).verify()).toEqual({ intact: true, entries: before + 32, firstBroken: null });
  });

  it('lets other audited writes commit while a transaction that appended is still open, and chains its entry at its commit', async () => {
    const audit = t.app.get(AuditService);
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await audit.append(runner.manager, { actorId: null, action: 'test.long_running', entityType: 'test' });
      // before issue #11 this request waited for the open transaction's lock
      const other = await Promise.race([openConcept(), new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      expect(other?.status).toBe(201);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const [last] = await t.db.query('SELECT action FROM audit_entries ORDER BY seq DESC LIMIT 1');
    expect(last.action).toBe('test.long_running');
    expect((await audit.verify()).intact).toBe(true);
  });

  it('drops the entries of a transaction that rolls back', async () => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM audit_entries');
    await expect(
      t.db.transaction(async (em) => {
        await t.app.get(AuditService).append(em, { actorId: null, action: 'test.rolled_back', entityType: 'test' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await openConcept();
    const rows = await t.db.query(`SELECT action FROM audit_entries WHERE seq > $1`, [before]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['case.opened']);
  });
});
