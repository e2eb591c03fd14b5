import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// TEST_TEMPLATE_DB lets several checkouts run their suites side by side on one server.
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'foerderwerk_test_template';
const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export function adminUrl(): string {
  return `${SERVER}/postgres`;
}

export function databaseUrlFor(name: string): string {
  return `${SERVER}/${name}`;
}

/** Tests create and drop databases: refuse any whose name does not say it is for tests. */
export function assertTestDatabase(name: string): void {
  if (!/test/.test(name)) throw new Error(`refusing to touch database ${name}: its name lacks "test"`);
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A database of its own for one test file, cloned from the migrated template (fast and isolated). */
export async function cloneTemplate(): Promise<string> {
  const name = `foerderwerk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  assertTestDatabase(name);
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  assertTestDatabase(name);
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
