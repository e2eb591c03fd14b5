import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from './auth/roles.decorator';
import { ApiErrors } from './errors/api-errors.decorator';
import { HealthDto } from './health.dto';
import { QueuesService } from './outbox/queues.service';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueuesService,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and readiness: database and Redis' })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors({ 503: ['SERVICE_UNAVAILABLE (database or Redis down; details: {status, database, redis})'] })
  async check() {
    const [database, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(() => 'up' as const, () => 'down' as const),
      this.queues.ping().then((ok) => (ok ? ('up' as const) : ('down' as const))),
    ]);
    const body = { status: database === 'up' && redis === 'up' ? 'ok' : 'degraded', database, redis };
    if (body.status !== 'ok') throw new ServiceUnavailableException({ code: 'SERVICE_UNAVAILABLE', message: 'A backing service is down.', details: body });
    return body;
  }
}
