import { Client, ClientConfig, types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import type { DatabaseTimeouts } from '../config/app-config';

// A calendar date stays a 'YYYY-MM-DD' string: turned into a Date it would shift with the process's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** The role the service switches to after migrating as the owner: reads and writes data, but only appends to the audit trail. */
export const DEFAULT_APP_ROLE = 'foerderwerk_app';

/**
 * A pg client that drops its connection when a statement stays unanswered past `query_timeout` (a frozen server).
 * pg only stops waiting: the connection would go back to the pool with the statement still in flight (and,
 * inside a transaction, without its ROLLBACK), so the next request would wait behind it or run inside it.
 */
export class DeadlineClient extends Client {
  // `any`: pg's query has many overloads, all passed through unchanged.
  override query(...args: any[]): any {
    const result = (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) {
      result.catch((e: unknown) => {
        if ((e as Error)?.message === 'Query read timeout') (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      });
    }
    return result;
  }
}

/**
 * The pg settings that bound every wait for the server: for a connection (new, or a free one of the full pool),
 * for a statement (server side), for an answer at all (client side, a frozen server), and for a transaction left idle.
 */
function timeoutSettings(t: DatabaseTimeouts): Partial<ClientConfig> & { connectionTimeoutMillis: number; Client: typeof Client } {
  return {
    Client: DeadlineClient,
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    query_timeout: t.queryMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
  };
}

/**
 * `appRole`: every connection of the pool starts with `SET ROLE appRole` (startup option `-c role=`), so the
 * service works without the owner's rights (no DDL, no UPDATE/DELETE/TRUNCATE on the audit trail).
 * `timeouts`: the service's bounds (see DatabaseTimeouts); without them (migrations, tools) nothing is bounded.
 */
export function dataSourceOptions(databaseUrl: string, appRole: string | null = null, timeouts?: DatabaseTimeouts): DataSourceOptions {
  if (appRole !== null && !/^[a-z_][a-z0-9_]*$/.test(appRole)) throw new Error(`invalid database role name ${appRole}`);
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    // Keep the pool small: two cores, and tests run several apps side by side.
    extra: { max: 10, ...(appRole ? { options: `-c role=${appRole}` } : {}), ...(timeouts ? timeoutSettings(timeouts) : {}) },
  };
}

/**
 * The names of the migrations applied, read on a connection of its own that gives up after `timeoutMs`
 * altogether: a health check must neither wait behind a full pool nor hang on a frozen server.
 */
export async function appliedMigrations(databaseUrl: string, appRole: string | null, timeoutMs: number): Promise<string[]> {
  const client = new DeadlineClient({
    connectionString: databaseUrl,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    ...(appRole ? { options: `-c role=${appRole}` } : {}),
  });
  client.on('error', () => undefined); // a connection lost after the answer is of no interest
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs)));
  try {
    return await Promise.race([
      deadline,
      (async () => {
        await client.connect();
        const { rows } = (await client.query('SELECT name FROM migrations')) as { rows: { name: string }[] };
        return rows.map((r) => r.name);
      })(),
    ]);
  } finally {
    clearTimeout(timer);
    // Not awaited: on a frozen server the goodbye would wait for it too; the socket goes either way.
    void client.end().catch(() => undefined);
  }
}

export function databaseName(databaseUrl: string): string {
  return new URL(databaseUrl).pathname.replace(/^\//, '');
}

/** Connects to the server's maintenance database and creates the app's database when it is missing. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (e) {
    // Processes starting together: another one created it between our look and our CREATE.
    if (['42P04', '23505'].includes((e as { code?: string }).code ?? '')) return false;
    throw e;
  } finally {
    await client.end();
  }
}

const MIGRATION_LOCK = 7_310_003;

/**
 * Runs `fn` while holding a session-level advisory lock on a connection of its own, so processes starting
 * together take turns (the lock ends with the connection should the process die).
 */
export async function withAdvisoryLock<T>(databaseUrl: string, key: number, fn: () => Promise<T>): Promise<T> {
  const lock = new Client({ connectionString: databaseUrl });
  lock.on('error', () => undefined); // a lost lock connection shows as a failed unlock below
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [key]);
    return await fn();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

/**
 * Applies pending migrations as the owner, then (re)grants the app role its rights; returns the names of the
 * migrations applied. Under an advisory lock: of processes starting together one migrates, the others then find nothing to do.
 */
export async function runMigrations(databaseUrl: string, appRole: string | null = DEFAULT_APP_ROLE): Promise<string[]> {
  return withAdvisoryLock(databaseUrl, MIGRATION_LOCK, async () => {
    const ds = new DataSource(dataSourceOptions(databaseUrl));
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      if (appRole) await grantAppRole(ds, appRole);
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  });
}

/** For processes that leave migrating to the release step: refuses to start on a database that still lacks migrations. */
export async function assertMigrated(databaseUrl: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    if (await ds.showMigrations()) throw new Error('the database lacks migrations (MIGRATE_ON_START=false): run `npm run release` first');
  } finally {
    await ds.destroy();
  }
}

const GRANT_LOCK = 7_310_002;

/**
 * Creates the app role if missing (roles are cluster-wide: idempotent, and safe when several databases
 * are prepared at once) and grants it, in this database, what the service needs and no more: data rights on
 * every table but only SELECT and INSERT on the audit trail and its checkpoints, nothing on the schema's DDL.
 */
export async function grantAppRole(ds: DataSource, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid database role name ${role}`);
  await ds.query(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  await ds.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [GRANT_LOCK]);
    await em.query(`
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role};
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_checkpoints FROM ${role};
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${role};
    `);
  });
}

/** What every entry point does first: create the database if missing, then migrate it as the owner and grant the app role. */
export async function prepareDatabase(databaseUrl: string, appRole: string | null = DEFAULT_APP_ROLE): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(databaseUrl);
  return { created, applied: await runMigrations(databaseUrl, appRole) };
}

/** The rows of `… RETURNING` through `EntityManager.query`: TypeORM answers UPDATE with [rows, count], INSERT with rows. */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}
