import { Client, types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

// A calendar date stays a 'YYYY-MM-DD' string: turned into a Date it would shift with the process's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** The role the service switches to after migrating as the owner: reads and writes data, but only appends to the audit trail. */
export const DEFAULT_APP_ROLE = 'foerderwerk_app';

/**
 * `appRole`: every connection of the pool starts with `SET ROLE appRole` (startup option `-c role=`), so the
 * service works without the owner's rights (no DDL, no UPDATE/DELETE/TRUNCATE on the audit trail).
 */
export function dataSourceOptions(databaseUrl: string, appRole: string | null = null): DataSourceOptions {
  if (appRole !== null && !/^[a-z_][a-z0-9_]*$/.test(appRole)) throw new Error(`invalid database role name ${appRole}`);
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    // Keep the pool small: two cores, and tests run several apps side by side.
    extra: { max: 10, ...(appRole ? { options: `-c role=${appRole}` } : {}) },
  };
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
