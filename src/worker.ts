import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConsoleLogger } from '@nestjs/common';
import { AppModule } from './app.module';
import { exitGracefully, prepareForStart } from './lifecycle';
import { loadConfig } from './platform/config/app-config';

/** Job-worker entry for scaling workers apart from the API: the outbox relay and the BullMQ workers, no HTTP. */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, APP_ROLE: 'worker' });
  for (const line of await prepareForStart(config)) process.stdout.write(`${line}\n`);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new ConsoleLogger({ json: true }) });
  exitGracefully(app, config, 'Förderwerk worker');
  process.stdout.write('Förderwerk worker running\n');
}

main().catch((e) => {
  process.stderr.write(`Förderwerk worker did not start: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
