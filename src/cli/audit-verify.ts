// npm run audit:verify — exit 0 when the audit chain is intact, 1 (naming the first broken entry) when not.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { loadConfig } from '../platform/config/app-config';
import { dataSourceOptions } from '../platform/database/database';

async function main(): Promise<number> {
  const ds = await new DataSource(dataSourceOptions(loadConfig().databaseUrl)).initialize();
  try {
    const result = await new AuditService(ds).verify();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stdout.write(
      result.intact
        ? `audit trail intact: ${result.entries} entries\n`
        : `audit trail BROKEN at entry ${result.firstBroken!.seq} (${result.firstBroken!.problem}); ${result.entries} entries before it are intact\n`,
    );
    return result.intact ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`audit:verify failed: ${e instanceof Error ? e.message : e}\n`);
    process.exit(2);
  },
);
