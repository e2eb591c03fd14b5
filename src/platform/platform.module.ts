import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/database';
import { AuditService } from './audit/audit.service';
import { Clock } from './clock';
import { BLOB_STORE } from './documents/blob-store';
import { DocumentStore } from './documents/document-store';
import { LocalBlobStore } from './documents/local-blob-store';
import type { S3BlobStore } from './documents/s3-blob-store';
import { AuditController } from './audit/audit.controller';
import { AuditCheckpointService } from './audit/audit-checkpoint.service';
import { HealthController } from './health.controller';
import { DatabaseLogger } from './observability/database-logger';
import { ObservabilityModule } from './observability/observability.module';
import { MailService } from './mail/mail.service';
import { DueSweep } from './outbox/due-sweep';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxService } from './outbox/outbox.service';
import { QueuesService } from './outbox/queues.service';

const SERVICES = [Clock, AuditService, AuditCheckpointService, OutboxService, QueuesService, OutboxRelay, DueSweep, DocumentStore, MailService];

/** What every module stands on: configuration, database, audit trail, outbox and queues, mail, documents. */
@Global()
@Module({})
export class PlatformModule implements OnModuleInit, OnApplicationBootstrap {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, config.databaseAppRole, config.databaseTimeouts), autoLoadEntities: true, logging: config.logLevel === 'silent' ? false : ['error'], logger: new DatabaseLogger() }),
        ObservabilityModule.forRoot(config),
      ],
      controllers: [HealthController, AuditController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // the AWS SDK is loaded only where documents live in S3 (it costs the start some 35 ms)
        {
          provide: BLOB_STORE,
          useFactory: () =>
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            config.documentsS3 ? new (require('./documents/s3-blob-store').S3BlobStore as typeof S3BlobStore)(config.documentsS3) : new LocalBlobStore(config.documentsDir),
        },
        ...SERVICES,
      ],
      exports: [APP_CONFIG, ...SERVICES],
    };
  }

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueuesService,
    private readonly relay: OutboxRelay,
    private readonly mail: MailService,
    private readonly checkpoints: AuditCheckpointService,
    private readonly dueSweep: DueSweep,
  ) {}

  onModuleInit(): void {
    this.queues.register('mail.send', (job, ctx) => this.mail.handle(job, ctx));
    this.queues.register('audit.checkpoint', async () => void (await this.checkpoints.create()));
    this.queues.register('outbox.sweep-due', async () => void (await this.dueSweep.run()));
  }

  /** Runs after every module has registered its job handlers. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    await this.queues.checkRedis(); // refuses to start in production when Redis may evict jobs
    this.queues.startWorkers();
    this.relay.start();
    // Periodic work as job schedulers in Redis: once per tick however many workers run.
    await Promise.all([
      this.queues.schedule('audit.checkpoint', this.config.auditCheckpointIntervalMs ? { every: this.config.auditCheckpointIntervalMs } : null),
      this.queues.schedule('outbox.sweep-due', { pattern: this.config.dueSweepCron }),
    ]);
  }
}
