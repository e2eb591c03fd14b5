import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** TypeORM's messages as JSON log lines with the request id; query parameters stay out, they hold personal data. */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {} // off: TypeORM is configured to report errors only

  logQueryError(error: string | Error, query: string): void {
    this.logger.error(`query failed: ${error instanceof Error ? error.message : error} (${query.slice(0, 300)})`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query, ${time} ms (${query.slice(0, 300)})`);
  }

  logSchemaBuild(): void {} // the schema is built by migrations only

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
