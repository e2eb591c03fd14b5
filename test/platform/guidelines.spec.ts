import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { parse, stringify } from 'yaml';
import { WorkflowService } from '../../src/guidelines/workflow/workflow.service';
import type { Actor } from '../../src/platform/auth/actor';
import { cloneTemplate, databaseUrlFor, dropDatabase } from '../support/databases';
import { TestApp } from '../support/test-app';

const REAL_DIR = path.join(__dirname, '../../config/guidelines');
const real = (code: string) => parse(readFileSync(path.join(REAL_DIR, `${code}.yaml`), 'utf8'));

/** Queries a database no app is running on. */
async function queryDatabase(database: string, sql: string, params: unknown[] = []): Promise<any[]> {
  const client = new Client({ connectionString: databaseUrlFor(database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A guideline folder holding frl-lifd.yaml unchanged and st-digital.yaml as given. */
function guidelineDir(root: string, name: string, stDigital: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  copyFileSync(path.join(REAL_DIR, 'frl-lifd.yaml'), path.join(dir, 'frl-lifd.yaml'));
  writeFileSync(path.join(dir, 'st-digital.yaml'), stDigital);
  return dir;
}

/** Starts the app, expecting the start to fail; returns the error. */
async function failedStart(opts: Parameters<typeof TestApp.start>[0]): Promise<Error> {
  let started: TestApp | undefined;
  try {
    started = await TestApp.start(opts);
  } catch (e) {
    return e as Error;
  }
  await started.close();
  throw new Error('the app started although a guideline file is broken');
}

/**
 * The tests of this file run in order on one database, restarting the app on it as an operator would
 * after changing the files under config/guidelines.
 */
describe('guidelines: loaded from files at boot, stored as versions by content', () => {
  let database: string;
  let root: string;
  let stVersion1: string; // st-digital as shipped
  let applicantActor: Actor;
  let orgId: string;

  const boot = (dir = REAL_DIR) => TestApp.start({ database, env: { GUIDELINES_DIR: dir } });
  const versionRows = () =>
    queryDatabase(database, 'SELECT id, guideline_code, content_hash, created_at FROM guideline_versions ORDER BY guideline_code, created_at');
  const currentRows = () => queryDatabase(database, 'SELECT code, current_version_id, updated_at FROM guidelines ORDER BY code');

  beforeAll(async () => {
    database = await cloneTemplate();
    root = mkdtempSync(path.join(tmpdir(), 'fw-guidelines-'));
  });
  afterAll(async () => {
    await dropDatabase(database);
    rmSync(root, { recursive: true, force: true });
  });

  it('loads both shipped guidelines and lists each at its current version', async () => {
    const t = await boot();
    try {
      orgId = await t.createOrganisation('Stadt Mittweida', '14522360');
      const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], orgId);
      applicantActor = { id: applicantId, email: 'antrag@mittweida.de', roles: ['applicant'], organisationId: orgId };
      await t.createUser('sb@agency.example', ['caseworker']);
      const applicant = await t.login('antrag@mittweida.de');
      const caseworker = await t.login('sb@agency.example');

      const list = await t.request('GET', '/api/v1/guidelines', { token: applicant });
      expect(list.status).toBe(200);
      const rows = await versionRows();
      expect(rows.map((r) => r.guideline_code)).toEqual(['frl-lifd', 'st-digital']);
      const idOf = (code: string) => rows.find((r) => r.guideline_code === code)!.id;
      const hashOf = (code: string) => rows.find((r) => r.guideline_code === code)!.content_hash;
      expect([...list.body].sort((a, b) => a.code.localeCompare(b.code))).toEqual(
        ['frl-lifd', 'st-digital'].map((code) => ({
          code,
          title: real(code).title,
          edition: real(code).edition,
          versionId: idOf(code),
          contentHash: hashOf(code),
        })),
      );
      expect(hashOf('st-digital')).toMatch(/^[0-9a-f]{64}$/);
      expect((await currentRows()).map((r) => [r.code, r.current_version_id])).toEqual([
        ['frl-lifd', idOf('frl-lifd')],
        ['st-digital', idOf('st-digital')],
      ]);
      stVersion1 = idOf('st-digital');

      const versions = await t.request('GET', '/api/v1/guidelines/st-digital/versions', { token: caseworker });
      expect(versions.status).toBe(200);
      expect(versions.body).toEqual([{ id: stVersion1, edition: '2024-12-01', contentHash: hashOf('st-digital'), createdAt: expect.any(String), current: true }]);
      expect((await t.request('GET', '/api/v1/guidelines/st-digital/versions', { token: applicant })).status).toBe(403);
      const unknown = await t.request('GET', '/api/v1/guidelines/nowhere/versions', { token: caseworker });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('GUIDELINE_NOT_FOUND');
    } finally {
      await t.close();
    }
  });

  it('creates no new version when restarted with the same files, nor with the same content formatted differently', async () => {
    const versionsBefore = await versionRows();
    const currentBefore = await currentRows();

    const again = await boot();
    const listed = (await again.request('GET', '/api/v1/guidelines', { token: await again.login('sb@agency.example') })).body;
    await again.close();
    expect(await versionRows()).toEqual(versionsBefore);
    expect(await currentRows()).toEqual(currentBefore);
    expect(listed.find((g: { code: string }) => g.code === 'st-digital').versionId).toBe(stVersion1);

    // comments dropped, layout changed, same content
    const reformatted = guidelineDir(root, 'reformatted', stringify(real('st-digital'), { indent: 4, lineWidth: 0 }));
    expect(readFileSync(path.join(reformatted, 'st-digital.yaml'), 'utf8')).not.toEqual(readFileSync(path.join(REAL_DIR, 'st-digital.yaml'), 'utf8'));
    await (await boot(reformatted)).close();
    expect(await versionRows()).toEqual(versionsBefore);
    expect(await currentRows()).toEqual(currentBefore);
  });

  it('stores changed content as a new current version; a case opened before stays on, and is moved by, its old version', async () => {
    // a case opened under the shipped version
    const open = (app: TestApp, title: string) =>
      app.db.transaction((em) => app.app.get(WorkflowService).openCase(em, applicantActor, { guidelineCode: 'st-digital', callCode: '2026', organisationId: orgId, title }));
    let t = await boot();
    const oldCase = (await open(t, 'Digitaler Ort alt')).id;
    await t.close();

    // the edition changes a number and adds a step that the shipped version does not have
    const changed = real('st-digital');
    changed.minimumGrantCents = 250000;
    changed.workflow.transitions.push({ name: 'discard_draft', from: ['concept_draft'], to: 'withdrawn', roles: ['applicant'], checks: [], effects: [] });
    t = await boot(guidelineDir(root, 'changed', stringify(changed)));
    try {
      const applicant = await t.login('antrag@mittweida.de');
      const caseworker = await t.login('sb@agency.example');

      const rows = await versionRows();
      expect(rows.filter((r) => r.guideline_code === 'frl-lifd')).toHaveLength(1);
      const st = rows.filter((r) => r.guideline_code === 'st-digital');
      expect(st).toHaveLength(2);
      expect(st[0].id).toBe(stVersion1);
      const stVersion2 = st[1].id;
      const [stored] = await t.db.query('SELECT definition FROM guideline_versions WHERE id = $1', [stVersion2]);
      expect(stored.definition.minimumGrantCents).toBe(250000);
      expect((await currentRows()).find((r) => r.code === 'st-digital').current_version_id).toBe(stVersion2);

      const listed = (await t.request('GET', '/api/v1/guidelines', { token: applicant })).body;
      expect(listed.find((g: { code: string }) => g.code === 'st-digital')).toMatchObject({ versionId: stVersion2, contentHash: st[1].content_hash });
      const versions = await t.request('GET', '/api/v1/guidelines/st-digital/versions', { token: caseworker });
      expect(versions.body.map((v: { id: string; current: boolean }) => [v.id, v.current])).toEqual([
        [stVersion1, false],
        [stVersion2, true],
      ]);

      // the old case: still on version 1, whose workflow has no discard_draft
      const old = await t.request('GET', `/api/v1/cases/${oldCase}`, { token: applicant });
      expect(old.body).toMatchObject({ guidelineCode: 'st-digital', guidelineVersionId: stVersion1, state: 'concept_draft' });
      expect(old.body.availableTransitions.map((s: { name: string }) => s.name)).not.toContain('discard_draft');
      const refused = await t.request('POST', `/api/v1/cases/${oldCase}/transitions`, { token: applicant, body: { transition: 'discard_draft' } });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('TRANSITION_UNKNOWN');
      const [{ guideline_version_id }] = await t.db.query('SELECT guideline_version_id FROM cases WHERE id = $1', [oldCase]);
      expect(guideline_version_id).toBe(stVersion1);

      // a case opened now: on version 2, where the step exists and can be taken
      const newCase = (await open(t, 'Digitaler Ort neu')).id;
      const fresh = await t.request('GET', `/api/v1/cases/${newCase}`, { token: applicant });
      expect(fresh.body).toMatchObject({ guidelineVersionId: stVersion2 });
      expect(fresh.body.availableTransitions).toContainEqual({ name: 'discard_draft', to: 'withdrawn', reasonRequired: false });
      const taken = await t.request('POST', `/api/v1/cases/${newCase}/transitions`, { token: applicant, body: { transition: 'discard_draft' } });
      expect(taken.status).toBe(200);
      expect(taken.body).toMatchObject({ state: 'withdrawn', version: 2 });
    } finally {
      await t.close();
    }

    // back to the shipped files: the stored version 1 becomes current again, no third version
    await (await boot()).close();
    expect((await versionRows()).filter((r) => r.guideline_code === 'st-digital').map((r) => r.id)).toHaveLength(2);
    expect((await currentRows()).find((r) => r.code === 'st-digital').current_version_id).toBe(stVersion1);
  });

  describe('a broken guideline file stops the start, names the file and the place, and writes nothing', () => {
    const broken: [string, (g: any) => void, string][] = [
      ['a rate above 100 %', (g) => (g.costCategories[0].maxRateBp = 12000), '/costCategories/0/maxRateBp'],
      ['a step leading to a state that does not exist', (g) => (g.workflow.transitions[1].to = 'nirgendwo'), '/workflow/transitions/1/to'],
    ];

    it.each(broken)('%s', async (name, breakIt, pointer) => {
      const definition = real('st-digital');
      breakIt(definition);
      const dir = guidelineDir(root, `broken-${pointer.replace(/\W+/g, '-')}`, stringify(definition));
      const fresh = await cloneTemplate();
      try {
        const error = await failedStart({ database: fresh, env: { GUIDELINES_DIR: dir } });
        expect(error.message).toContain(`${path.join(dir, 'st-digital.yaml')}: ${pointer}:`);
        // frl-lifd.yaml is valid and sorts first; it is not stored either
        expect(await queryDatabase(fresh, 'SELECT guideline_code FROM guideline_versions')).toEqual([]);
        expect(await queryDatabase(fresh, 'SELECT code FROM guidelines')).toEqual([]);
      } finally {
        await dropDatabase(fresh);
      }
    });

    it('a guideline lacking a step or text block that a module needs stops the start, naming the guideline, the piece and the module', async () => {
      const definition = real('st-digital');
      delete definition.texts.mailNoticeBody;
      definition.workflow.transitions.find((t: { name: string }) => t.name === 'waive_objection').name = 'verzicht';
      const fresh = await cloneTemplate();
      try {
        const error = await failedStart({ database: fresh, env: { GUIDELINES_DIR: guidelineDir(root, 'lacking-needs', stringify(definition)) } });
        expect(error.message).toContain("guideline st-digital lacks transition 'waive_objection' (needed by approvals)");
        expect(error.message).toContain("guideline st-digital lacks text block 'mailNoticeBody' (needed by approvals)");
        expect(error.message).not.toContain('guideline frl-lifd lacks');
      } finally {
        await dropDatabase(fresh);
      }
    });

    it('also when the database already holds versions: they stay as they were', async () => {
      const versionsBefore = await versionRows();
      const currentBefore = await currentRows();
      const definition = real('st-digital');
      definition.costCategories[0].maxRateBp = 12000;
      const error = await failedStart({ database, env: { GUIDELINES_DIR: guidelineDir(root, 'broken-existing', stringify(definition)) } });
      expect(error.message).toMatch(/st-digital\.yaml: \/costCategories\/0\/maxRateBp: /);
      expect(await versionRows()).toEqual(versionsBefore);
      expect(await currentRows()).toEqual(currentBefore);
    });
  });
});
