import { Client } from 'pg';
import { runMigrations } from '../src/platform/database/database';
import { adminUrl, assertTestDatabase, databaseUrlFor, TEMPLATE_DB } from './support/databases';

/** Once per run: a fresh template database with every migration applied; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  assertTestDatabase(TEMPLATE_DB);
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrlFor(TEMPLATE_DB));
}
