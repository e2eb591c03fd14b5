import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The bare limit: Fastify and `pg` alone, sending the service's SQL and answering the same JSON (the runner compares
 * the bodies before it measures). No auth, validation, DI or ORM: what is left is what PostgreSQL and Node cost.
 * Reads PORT and DATABASE_URL.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
const stageOf = new Map<string, Map<string, string>>();

const SORT: Record<string, string> = { createdAt: 'c.created_at', updatedAt: 'c.updated_at', fileNumber: 'c.file_number', title: 'lower(c.title)', state: 'c.state' };

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
    where.push(`(c.title ILIKE $${params.length} OR c.file_number ILIKE $${params.length})`);
  }
  const page = Number(q.page ?? 1);
  const pageSize = Number(q.pageSize ?? 20);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count, page_] = await Promise.all([
    pool.query(`SELECT count(*)::int AS total FROM cases c ${filter}`, params),
    pool.query(
      `SELECT c.id, c.file_number, c.title, c.state, c.call_code, c.organisation_id, c.created_at, c.updated_at, c.guideline_version_id,
                c.guideline_code, c.variant, c.location_ags, c.grant_cents
           FROM cases c ${filter}
          ORDER BY ${SORT[q.sort ?? 'createdAt']} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, c.id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ),
  ]);
  const rows = page_.rows;
  const orgs = await pool.query('SELECT id, name, kind, ags FROM organisations WHERE id = ANY($1)', [[...new Set(rows.map((r) => r.organisation_id))]]);
  const names = new Map(orgs.rows.map((o) => [o.id, o.name]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      fileNumber: r.file_number,
      title: r.title,
      state: r.state,
      stage: stageOf.get(r.guideline_version_id)?.get(r.state) ?? null,
      guidelineCode: r.guideline_code,
      callCode: r.call_code,
      variant: r.variant,
      locationAgs: r.location_ags,
      district: r.location_ags ? r.location_ags.slice(0, 5) : null,
      organisationId: r.organisation_id,
      organisationName: names.get(r.organisation_id) ?? null,
      grantCents: r.grant_cents === null ? null : Number(r.grant_cents),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
    total: count.rows[0].total,
    page,
    pageSize,
  };
});

app.get('/health', async () => ({ status: 'ok' }));

async function main(): Promise<void> {
  const versions = await pool.query('SELECT id, definition FROM guideline_versions');
  for (const v of versions.rows) stageOf.set(v.id, new Map(v.definition.workflow.states.map((s: { code: string; stage: string }) => [s.code, s.stage])));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

main().catch((e) => {
  process.stderr.write(`bare server: ${e}\n`);
  process.exit(1);
});
