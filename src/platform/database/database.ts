import { Client, types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

// A calendar date stays a 'YYYY-MM-DD' string: turned into a Date it would shift with the process's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    // Keep the pool small: two cores, and tests run several apps side by side.
    extra: { max: 10 },
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
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; returns the names of those applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** What every entry point does first: create the database if missing, then migrate it. */
export async function prepareDatabase(databaseUrl: string): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(databaseUrl);
  return { created, applied: await runMigrations(databaseUrl) };
}

/** The rows of `… RETURNING` through `EntityManager.query`: TypeORM answers UPDATE with [rows, count], INSERT with rows. */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}
