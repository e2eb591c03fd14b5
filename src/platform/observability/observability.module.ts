import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Logger as PinoRoot } from 'pino';
import type { AppConfig } from '../config/app-config';
import { JobTelemetry } from './job-telemetry';
import { createRootLogger, LOG_DESTINATION, ROOT_LOGGER } from './logging';
import { Metrics } from './metrics';
import { MetricsCollectors } from './metrics-collectors';
import { MetricsServer } from './metrics-server';
import { QueueBoard } from './queue-board';
import { QueueBoardController } from './queue-board.controller';

/** Structured logs (nestjs-pino) with one request id through requests, outbox and jobs; Prometheus metrics; the queue dashboard. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [ROOT_LOGGER],
          // Nest's logs through the root logger; requests are logged by registerRequestLogging, on every route.
          useFactory: (root: PinoRoot) => ({ pinoHttp: { logger: root }, forRoutes: [] }),
        }),
      ],
      controllers: [QueueBoardController],
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [{ token: LOG_DESTINATION, optional: true }],
          useFactory: (destination?: DestinationStream) => createRootLogger(config.logLevel, destination),
        },
        Metrics,
        MetricsCollectors,
        MetricsServer,
        JobTelemetry,
        QueueBoard,
      ],
      exports: [ROOT_LOGGER, Metrics, JobTelemetry, QueueBoard],
    };
  }
}
