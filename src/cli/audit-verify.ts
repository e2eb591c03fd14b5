// npm run audit:verify — exit 0 when the audit chain is intact and agrees with every signed checkpoint in
// AUDIT_CHECKPOINT_DIR; 1 (naming the first broken entry, a refused checkpoint line or the contradicted checkpoint) when not.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditCheckpointService, describeVerification } from '../platform/audit/audit-checkpoint.service';
import { AuditService } from '../platform/audit/audit.service';
import { AppConfig, loadConfig } from '../platform/config/app-config';
import { dataSourceOptions } from '../platform/database/database';

export async function auditVerify(config: AppConfig): Promise<{ exitCode: number; report: string }> {
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl, config.databaseAppRole)).initialize();
  try {
    const result = await new AuditCheckpointService(ds, config, new AuditService(ds)).verify();
    return { exitCode: result.intact ? 0 : 1, report: describeVerification(result) };
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  auditVerify(loadConfig(process.env, { purpose: 'database-tool' })).then(
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
