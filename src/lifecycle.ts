import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from './platform/config/app-config';
import { assertMigrated, prepareDatabase } from './platform/database/database';

/**
 * What an entry point does before it builds the app: migrate under the advisory lock (MIGRATE_ON_START=true, the
 * default), or, where a release step migrates, only check that it did. Returns lines for the start-up output.
 */
export async function prepareForStart(config: AppConfig): Promise<string[]> {
  if (!config.migrateOnStart) {
    await assertMigrated(config.databaseUrl);
    return [];
  }
  const { created, applied } = await prepareDatabase(config.databaseUrl, config.databaseAppRole);
  return [
    ...(created ? [`created database ${new URL(config.databaseUrl).pathname.slice(1)}`] : []),
    ...(applied.length ? [`applied migrations: ${applied.join(', ')}`] : []),
  ];
}

/**
 * On SIGTERM or SIGINT: close the app — the HTTP server stops listening at once and lets requests in flight finish,
 * workers stop fetching and let running jobs finish, the relay stops, Redis and the database pool close — and exit 0.
 * Whatever is not done within SHUTDOWN_TIMEOUT_MS is abandoned: exit 1 (an unfinished job is handed back when its
 * lock expires). A second signal does not cut the wait short; the bound does.
 */
export function exitGracefully(app: INestApplicationContext, config: Pick<AppConfig, 'shutdownTimeoutMs'>, name: string): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${name}: ${signal} received, shutting down (at most ${config.shutdownTimeoutMs} ms)\n`);
    setTimeout(() => {
      process.stderr.write(`${name}: not shut down within ${config.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting\n`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    // The HTTP server first: it stops listening at once and lets requests in flight finish (Nest would close it only
    // after the workers' jobs); closing it again inside app.close() is harmless.
    const http = 'getHttpAdapter' in app ? (app as INestApplication).getHttpAdapter().close() : Promise.resolve();
    http.then(() => app.close()).then(
      () => {
        process.stdout.write(`${name}: shut down\n`);
        process.exit(0);
      },
      (e: unknown) => {
        process.stderr.write(`${name}: shutdown failed: ${e instanceof Error ? e.message : e}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
