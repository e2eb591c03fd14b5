// npm run release — the release step of a deployment: create and migrate the database as the owner, grant the app
// role, store the guideline definitions; then exit. API and worker processes started with MIGRATE_ON_START=false
// leave this to it.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { storeGuidelines } from '../guidelines/guidelines.service';
import { AppConfig, loadConfig } from '../platform/config/app-config';
import { dataSourceOptions, prepareDatabase } from '../platform/database/database';

export async function release(config: AppConfig): Promise<string[]> {
  const { created, applied } = await prepareDatabase(config.databaseUrl, config.databaseAppRole);
  const lines = [created ? `created database ${new URL(config.databaseUrl).pathname.slice(1)}` : null, `applied migrations: ${applied.join(', ') || 'none'}`];
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl, config.databaseAppRole)).initialize();
  try {
    const versions = await storeGuidelines(ds, config.guidelinesDir);
    lines.push(...versions.map((v) => `guideline ${v.code} (${v.edition}) stored as version ${v.contentHash.slice(0, 12)}`));
  } finally {
    await ds.destroy();
  }
  return lines.filter((l): l is string => l !== null);
}

if (require.main === module) {
  release(loadConfig(process.env, { purpose: 'database-tool' })).then(
    (lines) => {
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exit(0);
    },
    (e) => {
      process.stderr.write(`release failed: ${e instanceof Error ? e.message : e}\n`);
      process.exit(1);
    },
  );
}
