import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { GuidelinesService } from '../../src/guidelines/guidelines.service';
import { WorkflowRegistry } from '../../src/guidelines/workflow/workflow-registry';
import { seesAllOrganisations } from '../../src/platform/auth/access';
import type { Role } from '../../src/platform/auth/roles';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/platform/auth/roles.decorator';
import { Clock } from '../../src/platform/clock';
import { LIFD_APPLICATION_FIELDS, LIFD_CONCEPT_FIELDS, Steps, VALID_IBAN } from '../applications/fixtures';
import { multipartFile, pdf } from '../support/multipart';
import { TestApp, waitUntil } from '../support/test-app';
import { RecoveryService } from '../../src/reporting/recovery.service';

/**
 * Issue 9, "how it is shown": the object-level access matrix. Every operation of the OpenAPI document is called by
 * every role (and anonymously) on objects of organisation A, driven far through the API as the real users would.
 * The expected outcome of each cell is derived, not listed: @Public/@Roles of the handler (read from the routes the
 * same way the OpenAPI document's operationIds are made), the access rules of src/platform/auth/access.ts (agency roles
 * see every organisation, applicants their own, reviewers only what the review routes grant them) and the guideline's
 * workflow roles for the generic transition route.
 *
 *  - anonymous on a route behind login: 401; a role the route does not name: 403;
 *  - an outsider to A's object (applicant of B, a reviewer not assigned to it, a reviewer on a case route): never 2xx,
 *    and the same status and code as for an id that does not exist (existence is not revealed); also with the
 *    outsider's own object outside and A's inside (B's case with A's attachment or information request);
 *  - outsiders never see a string identifying A (file numbers, title, names, e-mail, IBAN), in any answer at all, nor
 *    does any refusal; an outsider's search naming A answers exactly as one naming nothing;
 *  - the positive diagonal: A's applicant, A's reviewer and the agency roles get 2xx on every read they may do of A's
 *    objects (so the matrix cannot pass by refusing everything), and A's applicant never sees an internal note;
 *  - never a 5xx.
 * Writes are only sent where they must be refused: an allowed write would change the objects the other cells use.
 */

type Schema = { $ref?: string; type?: string; format?: string; enum?: unknown[]; example?: unknown; items?: Schema; properties?: Record<string, Schema>; required?: string[]; oneOf?: Schema[]; anyOf?: Schema[]; allOf?: Schema[]; minLength?: number; minimum?: number };
type Param = { name: string; in: string; required?: boolean; schema?: Schema };
type Op = { method: string; path: string; id: string; params: Param[]; body?: { type: string; schema?: Schema }; isPublic: boolean; roles: Role[] | null };
type Actor = { name: string; token?: string; roles: Role[]; own?: Partial<Record<Kind, string[]>> };
type Kind = 'case' | 'attachment' | 'informationRequest' | 'assignment' | 'decision' | 'notice' | 'organisation' | 'user' | 'reviewer' | 'paymentRequest' | 'receipt' | 'recoveryClaim' | 'reportingDuty' | 'paymentRun' | 'proofLine';
/** An object of organisation A and the case it belongs to (inner ids of a path are taken from the same case). */
type Obj = { kind: Kind; id: string; caseId?: string };

/** `{id}` names the object of the collection before it; other path ids name their kind. */
const COLLECTIONS: Record<string, Kind> = { cases: 'case', assignments: 'assignment', decisions: 'decision', notices: 'notice', organisations: 'organisation', users: 'user', reviewers: 'reviewer', 'payment-requests': 'paymentRequest', 'recovery-claims': 'recoveryClaim', 'reporting-duties': 'reportingDuty', 'payment-runs': 'paymentRun' };
const NAMED: Record<string, Kind> = { sha256: 'receipt', attachmentId: 'attachment', requestId: 'informationRequest', informationRequestId: 'informationRequest', caseId: 'case', reviewerId: 'reviewer', lineId: 'proofLine' };
/** Path values that are not objects of an organisation: the programme and its call are public records. */
const SHARED: Record<string, string> = { code: 'frl-lifd', call: '2026-1', fiscalYear: '2027' };
const CRITERIA = ['innovation', 'regional_impact', 'sustainability', 'feasibility', 'cooperation'];

// What identifies organisation A and its cases; outsiders must never read any of it.
const A = {
  org: 'Gemeinde Aalbachtal',
  email: 'adelheid.aalbach@aalbachtal.example',
  title: 'Aalbachtaler Werkstattraum',
  contactPerson: 'Adelheid Aalbach-Kunze',
  contactEmail: 'kontakt@aalbachtal.example',
  phone: '03727 998877',
};
// The agency's internal notes on A's cases; A's applicant must never read any of it.
const INTERNAL = {
  transition: 'Interne Notiz: Kämmerei vorab informiert',
  sendBack: 'Rückgabe intern: Haushaltsstelle noch prüfen',
  resolution: 'Jurygespräch intern: Abweichung erörtert',
  jury: 'Jurybegründung vertraulich',
};
const INTERNAL_KEYS = ['internalNote', 'internal'];

describe('access matrix: route × role × organisation A’s objects, from the OpenAPI document', () => {
  let t: TestApp;
  let steps: Steps;
  let ops: Op[];
  let schemas: Record<string, Schema>;
  const actors: Actor[] = [];
  const objects: Obj[] = [];
  let aStrings: string[];
  let caseR: string; // A's concept in the jury, reviewed by reviewerA
  let caseD: string; // A's application with a signed decision and its notice
  let caseI: string; // A's application with an open information request
  let transitions: { name: string; from: string[]; roles: Role[] }[];

  beforeAll(async () => {
    t = await TestApp.start({ env: { PUBLIC_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT: '1000' } });
    steps = new Steps(t);
    const clock = t.app.get(Clock);
    clock.travelTo('2026-12-01T10:00:00+01:00');

    const orgA = await t.createOrganisation(A.org, '14522360');
    const orgB = await t.createOrganisation('Gemeinde Bergwiese', '14713000');
    const applicantAId = await t.createUser(A.email, ['applicant'], orgA);
    await t.createUser('antrag@bergwiese.example', ['applicant'], orgB);
    const reviewerAId = await t.createUser('jury-a@sab.example', ['reviewer']);
    const reviewerXId = await t.createUser('jury-x@sab.example', ['reviewer']);
    for (const role of ['caseworker', 'approver', 'finance', 'auditor', 'admin'] as Role[]) await t.createUser(`${role}@sab.example`, [role]);
    const token = async (email: string) => t.login(email);
    const applicantA = await token(A.email);
    const applicantB = await token('antrag@bergwiese.example');
    const reviewerA = await token('jury-a@sab.example');
    const reviewerX = await token('jury-x@sab.example');
    const caseworker = await token('caseworker@sab.example');
    const approver = await token('approver@sab.example');
    const ok = (what: string, res: { status: number; body: unknown }) => {
      if (res.status < 200 || res.status > 299) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as any;
    };
    const fieldsA = { ...LIFD_CONCEPT_FIELDS, title: A.title, contactPerson: A.contactPerson, contactEmail: A.contactEmail };

    // A's concept in the jury: accepted with an internal note, assigned, reviewed, its disagreement resolved
    caseR = await steps.completeLifdConcept(applicantA, fieldsA);
    await steps.submitConcept(applicantA, caseR);
    ok('accept', await t.request('POST', `/api/v1/cases/${caseR}/transitions`, { token: caseworker, body: { transition: 'accept_concept', internalNote: INTERNAL.transition } }));
    ok('assign', await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId: caseR, reviewerId: reviewerAId } }));
    const assignmentA = ok('assignments', await t.request('GET', '/api/v1/reviews/assignments', { token: reviewerA })).find((a: { caseId: string }) => a.caseId === caseR).assignmentId;
    ok('declare', await t.request('POST', `/api/v1/reviews/assignments/${assignmentA}/declaration`, { token: reviewerA, body: { conflict: false } }));
    const scores = Object.fromEntries(CRITERIA.map((c) => [c, { score: 4, comment: INTERNAL.jury }]));
    ok('review', await t.request('PUT', `/api/v1/reviews/assignments/${assignmentA}/review`, { token: reviewerA, body: { version: 0, scores } }));
    ok('submit review', await t.request('POST', `/api/v1/reviews/assignments/${assignmentA}/review/submit`, { token: reviewerA }));
    ok('resolve', await t.request('POST', `/api/v1/cases/${caseR}/review-resolution`, { token: caseworker, body: { note: INTERNAL.resolution } }));

    // B's concept, with the other reviewer: their own objects for the mixed cells (own case or assignment, A's inner id)
    const caseB = await steps.completeLifdConcept(applicantB, {}, { locationAgs: '14713000' });
    await steps.submitConcept(applicantB, caseB);
    ok('accept B', await steps.transition(caseworker, caseB, 'accept_concept'));
    ok('assign B', await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId: caseB, reviewerId: reviewerXId } }));
    const assignmentX = ok('assignments X', await t.request('GET', '/api/v1/reviews/assignments', { token: reviewerX }))[0].assignmentId;
    const draftB = await steps.completeLifdConcept(applicantB, {}, { locationAgs: '14713000' }); // editable: its writes get past the state checks

    // A's applications: one with an open information request (caseI); one taken to a signed decision (caseD): early
    // start, an answered information request, a decision sent back once with an internal comment, prepared again and
    // signed off; the worker renders the notice
    caseD = await steps.invitedCase(applicantA, caseworker, 'frl-lifd', fieldsA);
    caseI = await steps.invitedCase(applicantA, caseworker, 'frl-lifd', fieldsA);
    clock.travelTo('2027-02-15T10:00:00+01:00');
    for (const caseId of [caseD, caseI]) {
      ok('start application', await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicantA }));
      ok(
        'save application',
        await steps.saveApplication(applicantA, caseId, {
          version: 1,
          fields: { ...LIFD_APPLICATION_FIELDS, projectTitle: A.title, contactPerson: A.contactPerson, contactEmail: A.contactEmail, contactPhone: A.phone },
          costs: [{ category: 'equipment', amountCents: 10_000_000, fiscalYear: 2027, description: 'Lasercutter' }],
          ownContributionCents: 2_000_000,
          thirdPartyFunds: [],
          fundingStart: '2027-04-01',
          fundingEnd: '2027-12-31',
          iban: VALID_IBAN,
          accountHolder: A.org,
        }),
      );
      for (const type of ['cost_financing_plan', 'quotes', 'own_funds_confirmation']) ok(`upload ${type}`, await steps.upload(applicantA, caseId, type));
    }
    ok('submit application I', await t.request('POST', `/api/v1/cases/${caseI}/application/submit`, { token: applicantA }));
    const openRequest = ok('information request I', await t.request('POST', `/api/v1/cases/${caseI}/information-requests`, { token: caseworker, body: { message: 'Bitte den Lageplan nachreichen.' } }));
    ok('early start', await t.request('POST', `/api/v1/cases/${caseD}/early-start`, { token: applicantA, body: { requestedStart: '2027-03-01', reason: 'Die Mittel des Landkreises verfallen sonst.' } }));
    ok('early start decision', await t.request('POST', `/api/v1/cases/${caseD}/early-start/decision`, { token: caseworker, body: { approved: true, note: 'Zugestimmt.' } }));
    ok('submit application', await t.request('POST', `/api/v1/cases/${caseD}/application/submit`, { token: applicantA }));
    const request = ok('information request', await t.request('POST', `/api/v1/cases/${caseD}/information-requests`, { token: caseworker, body: { message: 'Bitte das Angebot für den Lasercutter nachreichen.' } }));
    ok('answer', await t.request('POST', `/api/v1/cases/${caseD}/information-requests/${request.id}/answer`, { token: applicantA, body: { answer: 'Das Angebot liegt bei.' } }));
    ok('complete', await steps.transition(caseworker, caseD, 'confirm_completeness'));
    const first = ok('prepare', await t.request('POST', `/api/v1/cases/${caseD}/decisions`, { token: caseworker, body: { kind: 'approval' } }));
    ok('send back', await t.request('POST', `/api/v1/decisions/${first.id}/return`, { token: approver, body: { comment: INTERNAL.sendBack } }));
    const decision = ok('prepare again', await t.request('POST', `/api/v1/cases/${caseD}/decisions`, { token: caseworker, body: { kind: 'approval' } }));
    ok('sign off', await t.request('POST', `/api/v1/decisions/${decision.id}/sign-off`, { token: approver }));
    await waitUntil('the notice is rendered', async () => (await t.db.query('SELECT 1 FROM notices WHERE case_id = $1', [caseD])).length > 0, 30_000);
    const [notice] = await t.db.query('SELECT id FROM notices WHERE case_id = $1', [caseD]);
    const [{ id: financeId }] = await t.db.query(`SELECT id FROM users WHERE email = 'finance@sab.example'`);
    const [duty] = await t.db.query(`INSERT INTO reporting_duties (case_id, kind, period_end, due_on) VALUES ($1, 'final', '2027-12-31', '2028-06-30') RETURNING id`, [caseD]);
    const claim = await t.db.transaction((em) =>
      t.app.get(RecoveryService).createClaim(em, financeId, { caseId: caseD, grounds: 'revocation', principalCents: 100_000, interestFrom: '2025-05-15', dueOn: '2025-06-30' }),
    );
    // A's notice made final and a payment request drafted on it, with one line and its receipt
    ok('waive objection', await t.request('POST', `/api/v1/cases/${caseD}/waive-objection`, { token: applicantA }));
    const paymentRequest = ok('payment request', await t.request('POST', `/api/v1/cases/${caseD}/payment-requests`, { token: applicantA }));
    const receipt = ok('receipt', await t.request('POST', `/api/v1/payment-requests/${paymentRequest.id}/receipts`, { token: applicantA, ...multipartFile('beleg.pdf', pdf('Beleg'), 'application/pdf') }));

    // A's payment on caseD, ordered under four eyes (written directly, as the payment request routes would leave it),
    // paid in a run that finance builds, exports and confirms today (Monday 15 Feb 2027), with its advice letter
    const caseworkerId = (await t.db.query(`SELECT id FROM users WHERE email = 'caseworker@sab.example'`))[0].id;
    await t.db.query(`UPDATE organisations SET street = 'Am Aalbach', building_number = '1', postal_code = '09648', city = 'Aalbachtal' WHERE id = $1`, [orgA]);
    await t.db.query(`INSERT INTO payee_accounts (organisation_id, holder, iban, status, created_by, confirmed_by, confirmed_at) VALUES ($1, $2, $3, 'active', $4, $5, now())`, [
      orgA,
      A.org,
      VALID_IBAN.replace(/ /g, ''),
      applicantAId,
      caseworkerId,
    ]);
    const [payment] = await t.db.query(
      `INSERT INTO payment_requests (case_id, number, status, decision_id, requested_cents, payable_cents, created_by, certified_by, certified_at, ordered_by, ordered_at)
       VALUES ($1, 2, 'ordered', $2, 500000, 500000, $3, $4, now(), $5, now()) RETURNING id`,
      [caseD, decision.id, applicantAId, caseworkerId, financeId],
    );
    const finance = await token('finance@sab.example');
    const run = ok('build run', await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate: '2027-02-15', paymentIds: [payment.id] } }));
    ok('export run', await t.request('POST', `/api/v1/payment-runs/${run.id}/export`, { token: finance }));
    ok('confirm run', await t.request('POST', `/api/v1/payment-runs/${run.id}/confirm`, { token: finance, body: {} }));
    await waitUntil('the payment advice is rendered', async () => (await t.db.query('SELECT 1 FROM payment_advices WHERE payment_request_id = $1', [payment.id])).length > 0, 30_000);

    // the project runs (its start step belongs to the reporting duties: set in the database); A files a proof of use
    // with one receipt, so its reads have an object to serve; then the case goes back to its state, whose steps the
    // workflow cells below refuse
    const [{ state: stateD }] = await t.db.query('SELECT state FROM cases WHERE id = $1', [caseD]);
    await t.db.query(`UPDATE cases SET state = 'in_payment' WHERE id = $1`, [caseD]);
    ok('start proof of use', await t.request('POST', `/api/v1/cases/${caseD}/proof-of-use`, { token: applicantA }));
    const receiptForm = multipartFile('beleg.pdf', pdf('Beleg'), 'application/pdf');
    const proofReceipt = ok('proof receipt', await t.request('POST', `/api/v1/cases/${caseD}/proof-of-use/receipts`, { token: applicantA, body: receiptForm.body, headers: receiptForm.headers }));
    const proofLine = { category: 'equipment', invoiceNumber: 'RE-1', supplier: 'Laser GmbH', invoiceDate: '2027-05-03', paidDate: '2027-05-20', amountCents: 100, description: 'Gerät', receiptSha256: proofReceipt.sha256 };
    const proof = ok('save proof of use', await t.request('PUT', `/api/v1/cases/${caseD}/proof-of-use`, { token: applicantA, body: { version: 1, lines: [proofLine] } }));
    await t.db.query('UPDATE cases SET state = $2 WHERE id = $1', [caseD, stateD]);

    const attachmentsOf = async (caseId: string) => ok('attachments', await t.request('GET', `/api/v1/cases/${caseId}/attachments`, { token: applicantA })).map((a: { id: string }) => a.id) as string[];
    objects.push(
      { kind: 'case', id: caseR, caseId: caseR },
      { kind: 'case', id: caseD, caseId: caseD },
      { kind: 'case', id: caseI, caseId: caseI },
      ...(await attachmentsOf(caseR)).map((id): Obj => ({ kind: 'attachment', id, caseId: caseR })),
      ...(await attachmentsOf(caseD)).map((id): Obj => ({ kind: 'attachment', id, caseId: caseD })),
      ...(await attachmentsOf(caseI)).map((id): Obj => ({ kind: 'attachment', id, caseId: caseI })),
      // the open one first: the mixed cells (B's case, A's request) use it, where a missing case check would show
      { kind: 'informationRequest', id: openRequest.id, caseId: caseI },
      { kind: 'informationRequest', id: request.id, caseId: caseD },
      { kind: 'assignment', id: assignmentA, caseId: caseR },
      { kind: 'decision', id: first.id, caseId: caseD },
      { kind: 'decision', id: decision.id, caseId: caseD },
      { kind: 'notice', id: notice.id, caseId: caseD },
      { kind: 'paymentRequest', id: paymentRequest.id, caseId: caseD },
      { kind: 'receipt', id: receipt.sha256, caseId: caseD },
      { kind: 'proofLine', id: proof.lines[0].id, caseId: caseD },
      { kind: 'organisation', id: orgA },
      { kind: 'user', id: applicantAId },
      { kind: 'reviewer', id: reviewerAId },
      { kind: 'recoveryClaim', id: claim, caseId: caseD },
      { kind: 'reportingDuty', id: duty.id, caseId: caseD },
      { kind: 'paymentRequest', id: payment.id, caseId: caseD },
      { kind: 'paymentRun', id: run.id },
    );
    const fileNumbers = (await t.db.query('SELECT file_number FROM cases WHERE organisation_id = $1', [orgA])).map((r: { file_number: string }) => r.file_number);
    aStrings = [...Object.values(A), VALID_IBAN, VALID_IBAN.replace(/ /g, ''), ...fileNumbers];

    actors.push(
      { name: 'anonymous', roles: [] },
      { name: 'applicant A', token: applicantA, roles: ['applicant'] },
      { name: 'applicant B', token: applicantB, roles: ['applicant'], own: { case: [caseB, draftB] } },
      { name: 'reviewer A', token: reviewerA, roles: ['reviewer'] },
      { name: 'reviewer X', token: reviewerX, roles: ['reviewer'], own: { assignment: [assignmentX] } },
      { name: 'caseworker', token: caseworker, roles: ['caseworker'] },
      { name: 'approver', token: approver, roles: ['approver'] },
      ...(await Promise.all((['finance', 'auditor', 'admin'] as Role[]).map(async (r) => ({ name: r, token: await token(`${r}@sab.example`), roles: [r] })))),
    );
    transitions = t.app.get(GuidelinesService).currentVersion('frl-lifd').definition.workflow.transitions;

    // the operations and what their handlers demand, joined by operationId (`Controller_method`, as Nest's document names them)
    const meta = new Map<string, { isPublic: boolean; roles: Role[] | null }>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
        if (!controller?.prototype) continue;
        for (const method of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = controller.prototype[method];
          const read = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
          meta.set(`${controller.name}_${method}`, { isPublic: read<boolean>(PUBLIC_KEY) === true, roles: read<Role[]>(ROLES_KEY)?.length ? read<Role[]>(ROLES_KEY)! : null });
        }
      }
    }
    const doc = (await t.request('GET', '/api/docs-json')).body;
    schemas = doc.components?.schemas ?? {};
    ops = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        const m = meta.get(op.operationId);
        if (!m) throw new Error(`${method.toUpperCase()} ${path}: no handler found for operationId ${op.operationId}`);
        const [type, content] = Object.entries<{ schema?: Schema }>(op.requestBody?.content ?? {})[0] ?? [];
        ops.push({ method: method.toUpperCase(), path, id: op.operationId, params: op.parameters ?? [], body: type ? { type, schema: content.schema } : undefined, ...m });
      }
    }
  }, 90_000);
  afterAll(() => t?.close());

  const resolve = (s: Schema): Schema => (s.$ref ? (schemas[s.$ref.split('/').pop()!] ?? {}) : s);

  /** The kind of object a path or body id names. */
  function kindOf(path: string, name: string): Kind | undefined {
    if (NAMED[name]) return NAMED[name];
    if (name !== 'id') return undefined;
    const segments = path.split('/');
    const at = segments.indexOf('{id}');
    return COLLECTIONS[segments[at - 1]];
  }

  /** A minimal plausible value of a schema: its example, its first enum value, or a typed default; ids are A's objects. */
  function plausible(raw: Schema | undefined, name: string, bound: Map<Kind, string>, depth = 0): unknown {
    if (!raw) return {};
    const s = resolve(raw);
    const kind = NAMED[name];
    if (kind && bound.has(kind)) return bound.get(kind);
    if (s.example !== undefined) return s.example;
    if (s.enum?.length) return s.enum[0];
    const alternative = s.oneOf?.[0] ?? s.anyOf?.[0] ?? s.allOf?.[0];
    if (alternative) return plausible(alternative, name, bound, depth + 1);
    switch (s.type) {
      case 'string':
        if (s.format === 'uuid') return randomUUID();
        if (s.format === 'date') return '2027-05-03';
        if (s.format === 'email') return 'niemand@example.invalid';
        return 'Begründung für die Prüfung'.padEnd(s.minLength ?? 0, '.');
      case 'integer':
      case 'number':
        return name === 'version' ? 1 : (s.minimum ?? 1);
      case 'boolean':
        return false;
      case 'array':
        return depth > 3 ? [] : [plausible(s.items, name, bound, depth + 1)];
      default:
        if (!s.properties || depth > 3) return {};
        return Object.fromEntries((s.required ?? []).map((k) => [k, plausible(s.properties![k], k, bound, depth + 1)]));
    }
  }

  /**
   * The ways to fill an operation's path with A's objects: each A object of the first id's kind, inner ids from the
   * same case. `own`: the actor's own object as the first id and A's inside it (B's case with A's attachment).
   */
  function bindings(op: Op, own?: Actor['own']): Map<string, string>[] {
    // path ids, then query parameters that name an object (an upload's informationRequestId)
    const names = [
      ...[...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).filter((n) => !(n in SHARED)),
      ...op.params.filter((p) => p.in === 'query' && NAMED[p.name]).map((p) => p.name),
    ];
    if (!names.length) return own ? [] : [new Map()];
    const kinds = names.map((n) => kindOf(op.path, n));
    const missing = names.filter((_n, i) => !kinds[i]);
    if (missing.length) throw new Error(`${op.method} ${op.path}: no object kind for path parameter ${missing.join(', ')} (add it to COLLECTIONS or NAMED)`);
    const inner = (caseId: string | undefined) =>
      names.slice(1).map((n, i) => {
        const candidates = objects.filter((o) => o.kind === kinds[i + 1]);
        return [n, (candidates.find((o) => o.caseId === caseId) ?? candidates[0]).id] as [string, string];
      });
    if (own) {
      return names.length > 1 ? (own[kinds[0]!] ?? []).map((mine) => new Map([[names[0], mine], ...inner(undefined)])) : [];
    }
    return objects.filter((o) => o.kind === kinds[0]).map((o) => new Map([[names[0], o.id], ...inner(o.caseId)]));
  }

  function request(op: Op, actor: Actor, binding: Map<string, string>) {
    const objectsBound = new Map<Kind, string>();
    for (const [name, id] of binding) objectsBound.set(kindOf(op.path, name)!, id);
    const url =
      op.path.replace(/\{([^}]+)\}/g, (_m, n: string) => SHARED[n] ?? binding.get(n)!) +
      (() => {
        // the upload's `type` is a guideline code, not an enum the document could name: the one hand-given value
        const query = op.params.filter((p) => p.in === 'query' && (p.required || binding.has(p.name)));
        const pairs = query.map((p) => `${p.name}=${encodeURIComponent(String(binding.get(p.name) ?? (p.name === 'type' ? 'concept_document' : plausible(p.schema, p.name, objectsBound))))}`);
        return pairs.length ? `?${pairs.join('&')}` : '';
      })();
    const headers: Record<string, string> = actor.token ? { authorization: `Bearer ${actor.token}` } : {};
    let payload: string | Buffer | undefined;
    if (op.body?.type === 'multipart/form-data') {
      const form = multipartFile('anlage.pdf', pdf('Anlage'), 'application/pdf');
      payload = form.body;
      Object.assign(headers, form.headers);
    } else if (op.body?.type === 'application/pdf') {
      payload = pdf('Bescheid');
      headers['content-type'] = 'application/pdf';
    } else if (op.body) {
      payload = JSON.stringify(plausible(op.body.schema, '', objectsBound));
      headers['content-type'] = 'application/json';
    }
    return t.app.inject({ method: op.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
  }

  /** Every key anywhere in a JSON value. */
  const keysOf = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(keysOf) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : []);
  const parse = (body: string): any => {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  };

  it('refuses every cell it must, without revealing A, and serves every read the owner and the agency may do', async () => {
    const started = Date.now();
    const violations: string[] = [];
    const tally = { cells: 0, requests: 0, refused: 0, served: 0, notSent: 0, login: 0, role: 0, object: 0, reads: 0 };
    const servedReads = new Map<string, boolean>(); // `${op} ${actor}` → some binding answered 2xx
    const opObjects = (op: Op) => bindings(op).some((b) => b.size > 0);

    for (const op of ops) {
      const name = `${op.method} ${op.path}`;
      // the actors' cells of one operation run side by side: none of them changes anything (allowed writes are not sent)
      await Promise.all(
        actors.map(async (actor) => {
          tally.cells++;
          const roleAllowed = !op.roles || actor.roles.some((r) => op.roles!.includes(r));
          // reviewers reach A's objects only through the review routes that name them, and only their own assignment's case
          const reviewerOfA = actor.name === 'reviewer A' && !!op.roles?.includes('reviewer');
          const agency = seesAllOrganisations({ id: '', email: '', roles: actor.roles, organisationId: null });
          const cells: { binding: Map<string, string>; insider: boolean }[] = [
            ...bindings(op).map((binding) => {
              const caseOf = [...binding.values()].map((id) => objects.find((o) => o.id === id)?.caseId).find(Boolean);
              const insider = !binding.size || agency || actor.name === 'applicant A' || (reviewerOfA && caseOf === caseR);
              return { binding, insider };
            }),
            ...(actor.own ? bindings(op, actor.own) : []).map((binding) => ({ binding, insider: false })),
          ];
          const allowedWrite = op.method !== 'GET' && !op.isPublic && actor.token && roleAllowed;
          for (const { binding, insider } of cells) {
            if (allowedWrite && insider) {
              tally.notSent++;
              continue;
            }
            const res = await request(op, actor, binding);
            tally.requests++;
            const body = res.body;
            const json = parse(body);
            const cell = `${name} as ${actor.name}${binding.size ? ` on ${[...binding.values()].map((id) => objects.find((o) => o.id === id)?.kind ?? 'own').join('/')}` : ''} → ${res.statusCode}`;
            const fail = (why: string) => violations.push(`${cell}: ${why} ${body.slice(0, 160)}`);
            const success = res.statusCode < 300;
            if (res.statusCode >= 500) fail('5xx');
            if (success) tally.served++;
            else tally.refused++;
            const outsider = actor.name === 'anonymous' || actor.name === 'applicant B' || actor.name === 'reviewer X' || !insider;
            // outsiders never, and no refusal ever, carries anything of A
            if (outsider || !success) {
              const seen = aStrings.filter((s) => body.includes(s));
              if (seen.length) fail(`reveals A (${seen.join(', ')})`);
            }
            if (op.isPublic) continue;
            if (!actor.token) {
              tally.login++;
              if (res.statusCode !== 401) fail('expected 401 without login');
              continue;
            }
            if (!roleAllowed) {
              tally.role++;
              if (res.statusCode !== 403) fail(`expected 403 (route is for ${op.roles!.join(', ')})`);
              continue;
            }
            if (!insider) {
              tally.object++;
              if (success) fail('an outsider to A’s object got 2xx');
              // the same answer as for ids that do not exist: A's ids replaced by random ones, the actor's own kept
              const own = new Set(Object.values(actor.own ?? {}).flat());
              const none = new Map([...binding].map(([n, id]) => [n, own.has(id) ? id : randomUUID()]));
              const nobody = await request(op, actor, none);
              tally.requests++;
              const code = (r: { statusCode: number; body: string }) => `${r.statusCode} ${parse(r.body)?.code}`;
              if (code(res) !== code(nobody)) fail(`answers differently than for an object that does not exist (${code(nobody)}), so A's object is revealed`);
              continue;
            }
            if (op.method === 'GET') {
              const key = `${name}|${actor.name}`;
              servedReads.set(key, (servedReads.get(key) ?? false) || success);
              if (success) tally.reads++;
              if (actor.name === 'applicant A' && success) {
                const notes = Object.values(INTERNAL).filter((s) => body.includes(s));
                const keys = keysOf(json).filter((k) => INTERNAL_KEYS.includes(k));
                if (notes.length || keys.length) fail(`shows the applicant internal notes (${[...new Set([...notes, ...keys])].join(', ')})`);
              }
            }
          }
        }),
      );
    }
    // the positive diagonal: every read an insider may do answered 2xx for at least one of A's objects
    violations.sort();
    for (const [key, served] of servedReads) if (!served) violations.push(`${key.replace('|', ' as ')}: a read the owner or the agency may do was refused for every object of A`);

    // eslint-disable-next-line no-console
    console.log(
      `access matrix: ${ops.length} operations × ${actors.length} actors = ${tally.cells} cells, ${tally.requests} requests in ${Date.now() - started} ms; ` +
        `${tally.refused} refused, ${tally.served} served; expected refusals: ${tally.login} without login, ${tally.role} for the role, ${tally.object} for A's objects; ` +
        `${tally.reads} reads by owner/agency served (${servedReads.size} operation × actor pairs); ${tally.notSent} allowed writes not sent; ${violations.length} violations`,
    );
    expect(ops.filter(opObjects).length).toBeGreaterThan(40);
    expect(violations).toEqual([]);
  }, 90_000);

  it('answers an outsider’s search naming A exactly as a search naming nothing (no counts, no order, no hint)', async () => {
    const violations: string[] = [];
    let checked = 0;
    // A's title, file numbers and district (the AGS prefix of its municipality), each against a term of the same shape that matches nothing
    const probes: [string, string][] = [[A.title, 'Zzzzer Werkstattraum'], ...aStrings.filter((s) => /^LIfD-/.test(s)).map((s): [string, string] => [s, 'LIfD-2026-1-999999']), ['14522', '14999']];
    for (const op of ops.filter((o) => o.method === 'GET' && !o.isPublic && !o.path.includes('{'))) {
      const free = op.params.filter((p) => p.in === 'query' && resolve(p.schema ?? {}).type === 'string' && !resolve(p.schema ?? {}).enum);
      for (const actor of actors.filter((a) => a.name === 'applicant B' || a.name === 'reviewer X')) {
        for (const param of free) {
          const ask = (value: string) => t.app.inject({ method: 'GET', url: `${op.path}?${param.name}=${encodeURIComponent(value)}`, headers: { authorization: `Bearer ${actor.token}` } });
          for (const [probe, neutral] of probes) {
            const [res, nothing] = [await ask(probe), (await ask(neutral)).body];
            checked++;
            if (res.body !== nothing) violations.push(`GET ${op.path}?${param.name}=${probe} as ${actor.name} → ${res.statusCode}: differs from a search for nothing ${res.body.slice(0, 160)}`);
          }
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`access matrix: ${checked} searches by outsiders naming A`);
    expect(checked).toBeGreaterThan(10);
    expect(violations).toEqual([]);
  });

  it('refuses every workflow step on A’s cases to the roles the guideline does not give it', async () => {
    const violations: string[] = [];
    let checked = 0;
    const registry = t.app.get(WorkflowRegistry);
    for (const caseId of [caseR, caseI, caseD]) {
      const [{ state }] = await t.db.query('SELECT state FROM cases WHERE id = $1', [caseId]);
      for (const actor of actors.filter((a) => a.token && a.name !== 'applicant B' && !a.name.startsWith('reviewer'))) {
        for (const step of transitions.filter((s) => s.from.includes(state) && !s.roles.some((r) => actor.roles.includes(r)))) {
          const res = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: actor.token, body: { transition: step.name, reason: 'Begründung für die Prüfung' } });
          checked++;
          // a step with a route of its own is refused on the generic route first (400), any other for the role (403)
          const expected = registry.ownRouteOf(step.name) ? 400 : 403;
          if (res.status !== expected) violations.push(`${step.name} in ${state} as ${actor.name} → ${res.status}, expected ${expected}: ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`access matrix: ${checked} workflow steps refused to roles the guideline does not name`);
    expect(checked).toBeGreaterThan(10);
    expect(violations).toEqual([]);
  });
});
