// npm run audit:verify — exit 0 when the audit chain is intact, 1 (naming the first broken entry) when not.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { loadConfig } from '../platform/config/app-config';
import { dataSourceOptions } from '../platform/database/database';

export async function auditVerify(databaseUrl: string): Promise<{ exitCode: number; report: string }> {
  const ds = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    const result = await new AuditService(ds).verify();
    const report = result.intact
      ? `audit trail intact: ${result.entries} entries`
      : `audit trail BROKEN at entry ${result.firstBroken!.seq} (${result.firstBroken!.problem}); the ${result.entries} entries before it are intact`;
    return { exitCode: result.intact ? 0 : 1, report };
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  auditVerify(loadConfig(process.env, { purpose: 'database-tool' }).databaseUrl).then(
    ({ exitCode, report }) => {
      process.stdout.write(`${report}\n`);
      process.exit(exitCode);
    },
    (e) => {
      process.stderr.write(`audit:verify failed: ${e instanceof Error ? e.message : e}\n`);
      process.exit(2);
    },
  );
}
