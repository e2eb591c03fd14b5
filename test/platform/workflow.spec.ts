import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { Workflow } from '../../src/guidelines/guideline.types';
import { WorkflowRegistry } from '../../src/guidelines/workflow/workflow-registry';
import { WorkflowService } from '../../src/guidelines/workflow/workflow.service';
import type { Actor } from '../../src/platform/auth/actor';
import { ConflictError } from '../../src/platform/errors/domain-error';
import { TestApp } from '../support/test-app';

const REAL_GUIDELINES = path.join(__dirname, '../../config/guidelines');

/** A small workflow that exercises every way the engine can refuse or take a step. */
const TEST_WORKFLOW: Workflow = {
  initialState: 'draft',
  states: [
    { code: 'draft', stage: 'concept', label: 'Entwurf' },
    { code: 'submitted', stage: 'concept', label: 'Eingereicht' },
    { code: 'accepted', stage: 'decision', label: 'Angenommen', final: true },
    { code: 'rejected', stage: 'decision', label: 'Abgelehnt', final: true },
  ],
  transitions: [
    { name: 'submit', from: ['draft'], to: 'submitted', roles: ['applicant'], checks: ['test_title_present', 'test_not_blocked'], effects: ['test_mark', 'test_fail_late'] },
    { name: 'accept', from: ['submitted'], to: 'accepted', roles: ['caseworker'], checks: ['test_rendezvous'], effects: [] },
    { name: 'reject', from: ['submitted'], to: 'rejected', roles: ['caseworker'], checks: ['test_rendezvous'], effects: [], reasonRequired: true },
    // test_unimplemented is deliberately registered by no module
    { name: 'bounce', from: ['submitted'], to: 'draft', roles: ['caseworker'], checks: ['test_unimplemented'], effects: [] },
  ],
};

/** What the test effects saw, in memory (the database copy is rolled back with a failed transition). */
const effectRuns: { caseId: string; state: string }[] = [];
/** For each rendezvous: whether the partner arrived (true) or the wait timed out (false). */
const rendezvousMet: boolean[] = [];
const waiting = new Map<string, () => void>();

/** Resolves once a second caller with the same key arrives (or after a generous timeout, so a serialising engine is not deadlocked). */
function rendezvous(key: string, timeoutMs = 5_000): Promise<boolean> {
  const partner = waiting.get(key);
  if (partner) {
    waiting.delete(key);
    partner();
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(key);
      resolve(false);
    }, timeoutMs);
    waiting.set(key, () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

@Module({})
class TestChecksModule implements OnModuleInit {
  constructor(@Inject(WorkflowRegistry) private readonly registry: WorkflowRegistry) {}

  onModuleInit(): void {
    this.registry.registerCheck('test_title_present', async ({ case: c }) =>
      c.title.trim() ? [] : [{ code: 'TITLE_MISSING', message: 'The case needs a title.', field: 'title' }],
    );
    this.registry.registerCheck('test_not_blocked', async ({ input }) =>
      input.blocked === true ? [{ code: 'BLOCKED', message: 'The case is blocked.' }] : [],
    );
    // Lets two requests meet after both have read the case and before either writes it.
    this.registry.registerCheck('test_rendezvous', async ({ input }) => {
      if (typeof input.rendezvous === 'string') rendezvousMet.push(await rendezvous(input.rendezvous));
      return [];
    });
    this.registry.registerEffect('test_mark', async ({ em, case: c }) => {
      effectRuns.push({ caseId: c.id, state: c.state });
      await em.query('INSERT INTO test_marks (case_id, state) VALUES ($1, $2)', [c.id, c.state]);
    });
    // Fails after test_mark has written: its row must disappear with the transaction.
    this.registry.registerEffect('test_fail_late', async ({ input }) => {
      if (input.failLate === true) throw new ConflictError('TEST_FAILED_LATE', 'The test effect failed on purpose.');
    });
  }
}

describe('workflow engine: cases move only along the guideline workflow', () => {
  let t: TestApp;
  let guidelinesDir: string;
  let workflow: WorkflowService;
  let mittweida: string;
  let applicantActor: Actor;
  let applicant: string; // tokens
  let caseworker: string;
  let caseworkerId: string;
  let foreignApplicant: string;
  let reviewer: string;

  beforeAll(async () => {
    guidelinesDir = mkdtempSync(path.join(tmpdir(), 'fw-workflow-guidelines-'));
    const fixture = parse(readFileSync(path.join(REAL_GUIDELINES, 'st-digital.yaml'), 'utf8'));
    fixture.code = 'test-flow';
    // The modules' own steps stay in the fixture (the start refuses a guideline lacking a step a module takes by
    // name); only the admin could take them, from a state the tests never reach, so they leave the tests untouched.
    const moduleSteps = fixture.workflow.transitions.map((tr: { name: string }) => ({ name: tr.name, from: ['parked'], to: 'parked', roles: ['admin'], checks: [], effects: [] }));
    fixture.workflow = {
      ...TEST_WORKFLOW,
      states: [...TEST_WORKFLOW.states, { code: 'parked', stage: 'decision', label: 'Geparkt' }],
      transitions: [...TEST_WORKFLOW.transitions, { name: 'park', from: ['submitted'], to: 'parked', roles: ['admin'], checks: [], effects: [] }, ...moduleSteps],
    };
    writeFileSync(path.join(guidelinesDir, 'test-flow.yaml'), stringify(fixture));
    copyFileSync(path.join(REAL_GUIDELINES, 'st-digital.yaml'), path.join(guidelinesDir, 'st-digital.yaml'));

    t = await TestApp.start({ env: { GUIDELINES_DIR: guidelinesDir }, imports: [TestChecksModule] });
    workflow = t.app.get(WorkflowService);
    await t.db.query('CREATE TABLE test_marks (case_id uuid NOT NULL, state text NOT NULL)');

    mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    applicantActor = { id: applicantId, email: 'antrag@mittweida.de', roles: ['applicant'], organisationId: mittweida };
    caseworkerId = await t.createUser('sb@agency.example', ['caseworker']);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('jury@agency.example', ['reviewer']);
    applicant = await t.login('antrag@mittweida.de');
    caseworker = await t.login('sb@agency.example');
    foreignApplicant = await t.login('antrag@leipzig.de');
    reviewer = await t.login('jury@agency.example');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(guidelinesDir, { recursive: true, force: true });
  });

  async function openCase(title = 'Makerspace im Rathaus'): Promise<string> {
    const created = await t.db.transaction((em) =>
      workflow.openCase(em, applicantActor, { guidelineCode: 'test-flow', callCode: '2025', organisationId: mittweida, title }),
    );
    return created.id;
  }

  function step(caseId: string, token: string, body: Record<string, unknown>) {
    return t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token, body });
  }

  async function submittedCase(): Promise<string> {
    const id = await openCase();
    const res = await step(id, applicant, { transition: 'submit' });
    expect(res.status).toBe(200);
    return id;
  }

  async function snapshot(caseId: string) {
    const [row] = await t.db.query('SELECT state, version FROM cases WHERE id = $1', [caseId]);
    const transitions = await t.db.query('SELECT transition FROM case_transitions WHERE case_id = $1 ORDER BY id', [caseId]);
    const audit = await t.db.query('SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY seq', [caseId]);
    const marks = await t.db.query('SELECT state FROM test_marks WHERE case_id = $1', [caseId]);
    return { ...row, transitions: transitions.map((r: { transition: string }) => r.transition), audit: audit.map((r: { action: string }) => r.action), marks: marks.length };
  }

  it('records a successful step (who, when, from, to, why), raises the version, runs the effect and writes an audit entry', async () => {
    const id = await openCase();
    const opened = await t.request('GET', `/api/v1/cases/${id}`, { token: applicant });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id, guidelineCode: 'test-flow', state: 'draft', version: 1 });
    expect(opened.body.availableTransitions).toEqual([{ name: 'submit', to: 'submitted', reasonRequired: false }]);

    const before = Date.now();
    const res = await step(id, applicant, { transition: 'submit', reason: 'Alle Unterlagen beisammen', expectedVersion: 1 });
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, state: 'submitted', version: 2, availableTransitions: [] });

    // the agency sees who took each step; applicants see the steps without staff ids or internal notes (defect 11)
    const staffView = await t.request('GET', `/api/v1/cases/${id}/transitions`, { token: caseworker });
    expect(staffView.body).toEqual([
      { transition: 'open', fromState: null, toState: 'draft', actorId: applicantActor.id, reason: null, internalNote: null, occurredAt: expect.any(String) },
      { transition: 'submit', fromState: 'draft', toState: 'submitted', actorId: applicantActor.id, reason: 'Alle Unterlagen beisammen', internalNote: null, occurredAt: expect.any(String) },
    ]);
    const history = await t.request('GET', `/api/v1/cases/${id}/transitions`, { token: applicant });
    expect(history.status).toBe(200);
    expect(history.body).toEqual([
      { transition: 'open', fromState: null, toState: 'draft', reason: null, occurredAt: expect.any(String) },
      { transition: 'submit', fromState: 'draft', toState: 'submitted', reason: 'Alle Unterlagen beisammen', occurredAt: expect.any(String) },
    ]);
    const when = Date.parse(history.body[1].occurredAt);
    expect(when).toBeGreaterThanOrEqual(before - 1_000); // clock of the database vs. this process
    expect(when).toBeLessThanOrEqual(after + 1_000);

    // the caseworker sees the case and the caseworker's next steps (bounce is not implemented, so not offered)
    const seen = await t.request('GET', `/api/v1/cases/${id}`, { token: caseworker });
    expect(seen.body.availableTransitions.map((s: { name: string }) => s.name)).toEqual(['accept', 'reject']);

    const audit = await t.db.query('SELECT actor_id, action, entity_type, data FROM audit_entries WHERE entity_id = $1 ORDER BY seq', [id]);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'case.opened', entity_type: 'case', actor_id: applicantActor.id }),
      { actor_id: applicantActor.id, action: 'case.transition', entity_type: 'case', data: { transition: 'submit', from: 'draft', to: 'submitted', reason: 'Alle Unterlagen beisammen' } },
    ]);
    // the effect ran once, inside the step, seeing the case in its new state
    expect(await t.db.query('SELECT state FROM test_marks WHERE case_id = $1', [id])).toEqual([{ state: 'submitted' }]);
  });

  it('rolls back what an effect wrote when a later effect of the same step fails', async () => {
    const id = await openCase();
    const res = await step(id, applicant, { transition: 'submit', input: { failLate: true } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TEST_FAILED_LATE');
    // test_mark did run and insert its row ...
    expect(effectRuns).toContainEqual({ caseId: id, state: 'submitted' });
    // ... but in the step's transaction, which was rolled back with everything else
    expect(await snapshot(id)).toEqual({ state: 'draft', version: 1, transitions: ['open'], audit: ['case.opened'], marks: 0 });
  });

  it("refuses an applicant taking a caseworker's step with 403 ROLE_NOT_ALLOWED", async () => {
    const id = await submittedCase();
    const res = await step(id, applicant, { transition: 'accept' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'ROLE_NOT_ALLOWED', message: expect.any(String), details: { allowedRoles: ['caseworker'] } });
    expect(await snapshot(id)).toMatchObject({ state: 'submitted', version: 2, transitions: ['open', 'submit'] });
  });

  it('refuses a step from the wrong state with 409 TRANSITION_NOT_ALLOWED_IN_STATE', async () => {
    const id = await openCase();
    const res = await step(id, caseworker, { transition: 'accept' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      code: 'TRANSITION_NOT_ALLOWED_IN_STATE',
      message: expect.any(String),
      details: { state: 'draft', allowedFrom: ['submitted'] },
    });
    expect(await snapshot(id)).toMatchObject({ state: 'draft', version: 1, transitions: ['open'] });
  });

  it('refuses an unknown step with 400 TRANSITION_UNKNOWN', async () => {
    const id = await openCase();
    const res = await step(id, applicant, { transition: 'teleport' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'TRANSITION_UNKNOWN', message: expect.any(String), details: { transition: 'teleport' } });
    expect(await snapshot(id)).toMatchObject({ state: 'draft', version: 1, transitions: ['open'] });
  });

  it('requires a reason where the guideline says so (400 REASON_REQUIRED), and records it', async () => {
    const id = await submittedCase();
    for (const body of [{ transition: 'reject' }, { transition: 'reject', reason: '   ' }]) {
      const res = await step(id, caseworker, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'REASON_REQUIRED', message: expect.any(String), details: { field: 'reason' } });
    }
    // an internal note is no public reason: the applicant must be told why
    const onlyNote = await step(id, caseworker, { transition: 'reject', internalNote: 'Nur intern: Kämmerei hat abgesagt.' });
    expect(onlyNote.status).toBe(400);
    expect(onlyNote.body.code).toBe('REASON_REQUIRED');
    // and no client can declare its note to be the reason
    const flagged = await step(id, caseworker, { transition: 'reject', internalNote: 'Nur intern.', reasonIsInternal: true });
    expect(flagged.status).toBe(400);
    expect(flagged.body.code).toBe('VALIDATION_FAILED');
    expect(await snapshot(id)).toMatchObject({ state: 'submitted', version: 2 });

    const ok = await step(id, caseworker, { transition: 'reject', reason: '  Vorhaben nicht förderfähig ' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'rejected', version: 3 });
    const history = await t.request('GET', `/api/v1/cases/${id}/transitions`, { token: applicant });
    expect(history.body.at(-1)).toEqual({ transition: 'reject', fromState: 'submitted', toState: 'rejected', reason: 'Vorhaben nicht förderfähig', occurredAt: expect.any(String) });
    const staffView = await t.request('GET', `/api/v1/cases/${id}/transitions`, { token: caseworker });
    expect(staffView.body.at(-1)).toMatchObject({ transition: 'reject', actorId: caseworkerId, reason: 'Vorhaben nicht förderfähig' });
  });

  it('reports every failed check in one 422 and leaves the case unchanged', async () => {
    const id = await openCase('   ');
    const res = await step(id, applicant, { transition: 'submit', input: { blocked: true } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      code: 'CHECKS_FAILED',
      message: expect.any(String),
      details: {
        problems: [
          { check: 'test_title_present', code: 'TITLE_MISSING', message: 'The case needs a title.', field: 'title' },
          { check: 'test_not_blocked', code: 'BLOCKED', message: 'The case is blocked.' },
        ],
      },
    });
    expect(await snapshot(id)).toEqual({ state: 'draft', version: 1, transitions: ['open'], audit: ['case.opened'], marks: 0 });
    expect(effectRuns.some((r) => r.caseId === id)).toBe(false);

    // the checks see the step's input: one failure alone is reported alone
    const titled = await openCase();
    const one = await step(titled, applicant, { transition: 'submit', input: { blocked: true } });
    expect(one.status).toBe(422);
    expect(one.body.details.problems.map((f: { code: string }) => f.code)).toEqual(['BLOCKED']);
    expect((await step(titled, applicant, { transition: 'submit', input: { blocked: false } })).status).toBe(200);
  });

  it('refuses a step whose check no module implements with 409 TRANSITION_UNAVAILABLE, and does not offer it', async () => {
    const id = await submittedCase();
    const res = await step(id, caseworker, { transition: 'bounce' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 'TRANSITION_UNAVAILABLE', message: expect.any(String), details: { notImplemented: ['test_unimplemented'] } });
    const seen = await t.request('GET', `/api/v1/cases/${id}`, { token: caseworker });
    expect(seen.body.availableTransitions.map((s: { name: string }) => s.name)).not.toContain('bounce');
    expect(await snapshot(id)).toMatchObject({ state: 'submitted', version: 2, transitions: ['open', 'submit'] });
  });

  it('refuses a stale expectedVersion with 409 STALE_VERSION', async () => {
    const id = await openCase();
    expect((await step(id, applicant, { transition: 'submit', expectedVersion: 1 })).status).toBe(200);
    const stale = await step(id, caseworker, { transition: 'accept', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({ code: 'STALE_VERSION', message: expect.any(String), details: { expectedVersion: 1, currentVersion: 2 } });
    expect(await snapshot(id)).toMatchObject({ state: 'submitted', version: 2 });
    expect((await step(id, caseworker, { transition: 'accept', expectedVersion: 2 })).body).toMatchObject({ state: 'accepted', version: 3 });
  });

  it("answers another organisation's applicant and a reviewer with 404, exactly as for a case that does not exist", async () => {
    const id = await openCase();
    const missing = randomUUID();
    const notFound = await t.request('GET', `/api/v1/cases/${missing}`, { token: caseworker });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ code: 'CASE_NOT_FOUND', message: expect.any(String) });

    for (const token of [foreignApplicant, reviewer]) {
      const replies = [
        await t.request('GET', `/api/v1/cases/${id}`, { token }),
        await t.request('GET', `/api/v1/cases/${id}/transitions`, { token }),
        await step(id, token, { transition: 'submit' }),
      ];
      for (const res of replies) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual(notFound.body);
      }
    }
    expect(await snapshot(id)).toMatchObject({ state: 'draft', version: 1, transitions: ['open'] });
  });

  it('lets exactly one of two concurrent steps on the same case win, ten times over', async () => {
    for (let i = 0; i < 10; i++) {
      const id = await submittedCase();
      const [a, b] = await Promise.all([
        step(id, caseworker, { transition: 'accept' }),
        i % 2 ? step(id, caseworker, { transition: 'accept' }) : step(id, caseworker, { transition: 'reject', reason: 'Doppelt' }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED_IN_STATE']).toContain(loser.body.code);
      const after = await snapshot(id);
      expect(after.version).toBe(3);
      expect(after.transitions).toHaveLength(3); // open, submit and exactly one decision
      expect(after.audit.filter((a: string) => a === 'case.transition')).toHaveLength(2);
    }
  });

  it('when both steps have read the case before either writes, the loser gets 409 CONCURRENT_MODIFICATION', async () => {
    for (let i = 0; i < 3; i++) {
      const id = await submittedCase();
      const key = `race-${i}`;
      const met = rendezvousMet.length;
      const [a, b] = await Promise.all([
        step(id, caseworker, { transition: 'accept', input: { rendezvous: key } }),
        step(id, caseworker, { transition: 'reject', reason: 'Gleichzeitig', input: { rendezvous: key } }),
      ]);
      // both requests were inside their checks at the same time
      expect(rendezvousMet.slice(met)).toEqual([true, true]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expect(loser.body).toEqual({ code: 'CONCURRENT_MODIFICATION', message: expect.any(String) });
      const after = await snapshot(id);
      expect(after).toMatchObject({ state: winner.body.state, version: 3 });
      expect(after.transitions).toEqual(['open', 'submit', winner.body.state === 'accepted' ? 'accept' : 'reject']);
    }
  });
});
