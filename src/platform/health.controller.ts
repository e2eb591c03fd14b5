import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MIGRATIONS } from '../../migrations';
import { Public } from './auth/roles.decorator';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { appliedMigrations } from './database/database';
import { ApiErrors } from './errors/api-errors.decorator';
import { HealthDto, LiveDto, ReadyDto } from './health.dto';
import { QueuesService } from './outbox/queues.service';

/** How long a check waits for the database or Redis: a probe must answer quickly, also when they hang. */
const CHECK_TIMEOUT_MS = 1000;

type Readiness = { database: 'up' | 'down'; redis: 'up' | 'down'; migrations: 'applied' | 'pending' | 'unknown' };

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueuesService,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Database and Redis answer (each within a second)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors({ 503: ['SERVICE_UNAVAILABLE (database or Redis down; details: {status, database, redis})'] })
  async check(): Promise<HealthDto> {
    const { database, redis } = await this.readiness();
    return answer({ database, redis });
  }

  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers; no backing service is asked' })
  @ApiOkResponse({ type: LiveDto })
  live(): LiveDto {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: every migration applied, database and Redis answer (each within a second)' })
  @ApiOkResponse({ type: ReadyDto })
  @ApiErrors({ 503: ['SERVICE_UNAVAILABLE (not ready, with Retry-After; details: {status, database, redis, migrations})'] })
  async ready(): Promise<ReadyDto> {
    return answer(await this.readiness());
  }

  private async readiness(): Promise<Readiness> {
    const [applied, redis] = await Promise.all([
      // A connection of its own: the pool may be full or waiting on a server that does not answer.
      appliedMigrations(this.config.databaseUrl, this.config.databaseAppRole, CHECK_TIMEOUT_MS).catch(() => null),
      this.queues.ping(),
    ]);
    const names = new Set(applied ?? []);
    return {
      database: applied ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      migrations: !applied ? 'unknown' : MIGRATIONS.every((m) => names.has(m.name)) ? 'applied' : 'pending',
    };
  }
}

/** 200 with the checks when all pass, else 503 (the error filter adds Retry-After) with them as details. */
function answer<T extends Partial<Readiness>>(checks: T): T & { status: string } {
  const ok = Object.values(checks).every((v) => v === 'up' || v === 'applied');
  const body = { status: ok ? 'ok' : 'degraded', ...checks };
  if (!ok) throw new ServiceUnavailableException({ code: 'SERVICE_UNAVAILABLE', message: 'The service is not ready: a backing service is down or migrations are pending.', details: body });
  return body;
}
