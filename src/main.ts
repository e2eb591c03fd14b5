import 'reflect-metadata';
import { createApp } from './app.factory';
import { exitGracefully, prepareForStart } from './lifecycle';
import { loadConfig } from './platform/config/app-config';

/** HTTP entry. With APP_ROLE=all (the default) the job workers run in this process too. */
async function main(): Promise<void> {
  const config = loadConfig();
  for (const line of await prepareForStart(config)) process.stdout.write(`${line}\n`);
  if (config.role === 'worker') throw new Error('APP_ROLE=worker: start dist/src/worker.js instead');
  const app = await createApp(config);
  exitGracefully(app, config, 'Förderwerk');
  await app.listen(config.port, '0.0.0.0');
  process.stdout.write(`Förderwerk listening on http://localhost:${config.port}/api/v1 (docs: ${config.openApiUi ? '/api/docs' : 'off, OPENAPI_UI=true'}, role: ${config.role}, env: ${config.env})\n`);
}

main().catch((e) => {
  process.stderr.write(`Förderwerk did not start: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
