import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig, loadConfig } from './platform/config/app-config';
import { exitGracefully, prepareForStart } from './lifecycle';

/** The outbox relay and the BullMQ workers, no HTTP (metrics on METRICS_PORT when set). */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}

/** Job-worker entry for scaling workers apart from the API. */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, APP_ROLE: 'worker' });
  for (const line of await prepareForStart(config)) process.stdout.write(`${line}\n`);
  exitGracefully(await startWorker(config), config, 'Förderwerk worker');
  process.stdout.write('Förderwerk worker running\n');
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`Förderwerk worker did not start: ${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  });
}
