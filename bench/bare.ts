import Fastify from 'fastify';
import { Pool, PoolClient } from 'pg';
import { createHash } from 'node:crypto';
import { caseListSql, CaseListPage, CaseSort, caseSearchSql, preparedName } from '../src/applications/domain/case-list-sql';
import { mergeDraft } from '../src/applications/domain/draft-merge';
import { validateForm } from '../src/applications/domain/form-validation';
import { conceptProblems, planOf, ProposalData } from '../src/applications/domain/proposal-rules';
import type { GuidelineDefinition } from '../src/guidelines/guideline.types';
import { stateOf } from '../src/guidelines/workflow/workflow-rules';
import { canonicalJson } from '../src/platform/canonical-json';

/**
 * The bare limit: Fastify and `pg` alone, sending the service's SQL and answering the same JSON (the runner compares
 * the bodies of reads before it measures). No auth, validation, DI or ORM: what is left is what PostgreSQL and Node
 * cost. Saves use the service's pure rules (domain/), as its own code would. Reads PORT and DATABASE_URL.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
const stageOf = new Map<string, Map<string, string>>();
const definitions = new Map<string, GuidelineDefinition>();
const current = new Map<string, string>();

app.get('/api/v1/cases', async (req) => {
  const q = req.query as Record<string, string | undefined>;
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.state) add('c.state = ?', q.state);
  if (q.district) add('left(c.location_ags, 5) = ?', q.district);
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`c.search LIKE lower($${params.length})`);
  }
  const list: CaseListPage = {
    filter: where.length ? `WHERE ${where.join(' AND ')}` : '',
    sort: (q.sort ?? 'createdAt') as CaseSort,
    order: q.order === 'asc' ? 'asc' : 'desc',
    page: Number(q.page ?? 1),
    pageSize: Number(q.pageSize ?? 20),
    countedUpTo: Math.max(10_000, Number(q.page ?? 1) * Number(q.pageSize ?? 20)),
  };
  const run = async (text: string) => (await pool.query({ name: preparedName(text, list), text, values: params })).rows;
  let rows = await run(q.q ? caseSearchSql(list) : caseListSql(list));
  if (rows[0].total > list.countedUpTo && q.q) rows = await run(caseListSql(list));
  const total = rows[0].total;
  rows = rows.filter((r) => r.id !== null);
  const { page, pageSize } = list;
  return {
    items: rows.map((r) => ({
      id: r.id,
      fileNumber: r.file_number,
      title: r.title,
      state: r.state,
      stateLabel: stateOf(definitions.get(r.guideline_version_id)!, r.state)?.label ?? r.state,
      stage: stageOf.get(r.guideline_version_id)?.get(r.state) ?? null,
      guidelineCode: r.guideline_code,
      callCode: r.call_code,
      variant: r.variant,
      locationAgs: r.location_ags,
      district: r.location_ags ? r.location_ags.slice(0, 5) : null,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      grantCents: r.grant_cents === null ? null : Number(r.grant_cents),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
    total: Math.min(total, list.countedUpTo),
    totalIsLowerBound: total > list.countedUpTo,
    page,
    pageSize,
  };
});

async function inTransaction<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

const PROPOSAL = `case_id, stage, variant, location_ags, fields, costs, requested_rates_bp, own_contribution_cents, third_party_funds,
                  funding_start::text, funding_end::text, iban, account_holder, grant_cents, calculation, version`;

function proposalOf(r: Record<string, any>) {
  return {
    caseId: r.case_id, stage: r.stage, version: r.version, variant: r.variant, locationAgs: r.location_ags, fields: r.fields, costs: r.costs,
    requestedRatesBp: r.requested_rates_bp, ownContributionCents: Number(r.own_contribution_cents), thirdPartyFunds: r.third_party_funds,
    fundingStart: r.funding_start, fundingEnd: r.funding_end, iban: r.iban, accountHolder: r.account_holder,
    grantCents: r.grant_cents === null ? null : Number(r.grant_cents), calculation: r.calculation,
  };
}

/** The concept as the service answers it, with what would block its submission. */
async function view(c: PoolClient, def: GuidelineDefinition, found: Record<string, any>, p: ReturnType<typeof proposalOf>) {
  const present = new Set((await c.query('SELECT DISTINCT type FROM attachments WHERE case_id = $1 AND removed_at IS NULL', [found.id])).rows.map((r) => r.type));
  const call = (await c.query('SELECT budgets FROM calls WHERE guideline_code = $1 AND call_code = $2', [def.code, found.call_code])).rows[0];
  const years = [...new Set<number>(call.budgets.map((b: { fiscalYear: number }) => b.fiscalYear))].sort((a, b) => a - b);
  const missing = def.attachmentTypes.filter((t) => t.stage === 'concept' && t.required && !present.has(t.code)).map((t) => ({ code: 'ATTACHMENT_MISSING', field: `attachments.${t.code}`, message: `Attach: ${t.label}.` }));
  const state = stateOf(def, found.state);
  return {
    ...p,
    editable: state?.editable === 'concept',
    problems: [...conceptProblems(def, p as never, years), ...missing],
    case: { id: found.id, state: found.state, stateLabel: state?.label, version: found.version, fileNumber: found.file_number, title: found.title },
  };
}

app.put('/api/v1/cases/:id/concept', async (req, reply) => {
  const id = (req.params as { id: string }).id;
  const body = req.body as { version: number } & Record<string, unknown>;
  return inTransaction(async (c) => {
    await c.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [id]);
    const found = (await c.query('SELECT * FROM cases WHERE id = $1', [id])).rows[0];
    const def = definitions.get(found.guideline_version_id)!;
    const proposal = proposalOf((await c.query(`SELECT ${PROPOSAL} FROM proposals WHERE case_id = $1 AND stage = 'concept'`, [id])).rows[0]);
    if (proposal.version !== body.version) return reply.code(409).send({ code: 'STALE_VERSION' });
    const { version, ...changes } = body;
    const draft = mergeDraft(proposal as never, changes as never) as ProposalData & { grantCents: number | null; calculation: unknown };
    if (validateForm(def.forms.concept, draft.fields, 'draft').length) return reply.code(400).send({ code: 'VALIDATION_FAILED' });
    const { calculation } = planOf(def, draft);
    const saved = { ...proposal, ...draft, grantCents: calculation?.grantCents ?? null, calculation: calculation ?? null, version: version + 1 };
    await c.query(
      `UPDATE proposals SET variant = $4, location_ags = $5, fields = $6, costs = $7, requested_rates_bp = $8, own_contribution_cents = $9,
              third_party_funds = $10, funding_start = $11, funding_end = $12, iban = $13, account_holder = $14, grant_cents = $15,
              calculation = $16, version = $3 + 1, updated_at = now()
        WHERE case_id = $1 AND stage = $2 AND version = $3`,
      [id, 'concept', version, saved.variant, saved.locationAgs, saved.fields, JSON.stringify(saved.costs), saved.requestedRatesBp, saved.ownContributionCents,
        JSON.stringify(saved.thirdPartyFunds), saved.fundingStart, saved.fundingEnd, saved.iban, saved.accountHolder, saved.grantCents, saved.calculation],
    );
    if (typeof saved.fields.title === 'string') {
      found.title = saved.fields.title.trim();
      await c.query('UPDATE cases SET title = $2, updated_at = now() WHERE id = $1', [id, found.title]);
    }
    return view(c, def, found, saved);
  });
});

/** A new concept: the case, its first transition, the empty concept and the audit entry (chained under the lock at the end). */
app.post('/api/v1/concepts', async (req, reply) => {
  const { guidelineCode, callCode, organisationId, userId } = req.body as Record<string, string>;
  const versionId = current.get(guidelineCode)!;
  const def = definitions.get(versionId)!;
  // what the service reads before: the call (open?) and the organisation (inside the territory?)
  await pool.query('SELECT * FROM calls WHERE guideline_code = $1 AND call_code = $2', [guidelineCode, callCode]);
  await pool.query('SELECT id, name, kind, ags FROM organisations WHERE id = $1', [organisationId]);
  const result = await inTransaction(async (c) => {
    const found = (
      await c.query(
        `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, version, created_by) VALUES ($1, $2, $3, '', $4, 1, $5) RETURNING *`,
        [versionId, organisationId, callCode, def.workflow.initialState, userId],
      )
    ).rows[0];
    await c.query(`INSERT INTO case_transitions (case_id, transition, from_state, to_state, actor_id) VALUES ($1, 'open', NULL, $2, $3)`, [found.id, found.state, userId]);
    const p = proposalOf(
      (await c.query(`INSERT INTO proposals (case_id, stage, updated_at) VALUES ($1, 'concept', now()) RETURNING ${PROPOSAL}`, [found.id])).rows[0],
    );
    await c.query('SELECT pg_advisory_xact_lock(7310001)');
    const last = (await c.query('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1')).rows[0];
    const seq = Number(last.seq) + 1;
    const data = { guideline: guidelineCode, guidelineVersion: versionId, call: callCode, state: found.state };
    const occurredAt = new Date().toISOString();
    const hash = createHash('sha256').update(last.hash).update('\n')
      .update(canonicalJson({ seq, occurredAt, actorId: userId, action: 'case.opened', entityType: 'case', entityId: found.id, data })).digest('hex');
    await c.query(
      `INSERT INTO audit_entries (seq, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash) VALUES ($1, $2, $3, 'case.opened', 'case', $4, $5, $6, $7)`,
      [seq, occurredAt, userId, found.id, data, last.hash, hash],
    );
    return view(c, def, found, p);
  });
  return reply.code(201).send(result);
});

app.get('/health', async () => ({ status: 'ok' }));

async function main(): Promise<void> {
  const versions = await pool.query('SELECT id, definition FROM guideline_versions');
  for (const v of versions.rows) {
    definitions.set(v.id, v.definition);
    stageOf.set(v.id, new Map(v.definition.workflow.states.map((s: { code: string; stage: string }) => [s.code, s.stage])));
  }
  for (const g of (await pool.query('SELECT code, current_version_id FROM guidelines')).rows) current.set(g.code, g.current_version_id);
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

main().catch((e) => {
  process.stderr.write(`bare server: ${e}\n`);
  process.exit(1);
});
