import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorKind } from './domain-error';
import { ErrorDetails, normaliseDetails } from './error-details';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  gone: 410,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Seconds a client should wait before trying again after a 503 (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

// Node socket errors: the server is not there, not reachable or went away.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// SQLSTATEs of a server that cannot serve: connection exceptions (class 08), too many connections, shutdown, starting up.
const PG_UNAVAILABLE = /^(08...|53300|57P01|57P02|57P03)$/;
// pg and pg-pool: no connection within connectionTimeoutMillis, connection lost, no answer within query_timeout.
const PG_MESSAGES = /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error)/;
// ioredis: offline queue off and not connected, connection closed, commandTimeout, retries per request used up.
const REDIS_MESSAGES = /^(Stream isn't writeable|Connection is closed|Command timed out|Reached the max retries per request limit)/;

/**
 * Which backing service an error says is unreachable ('network': some server the request needed) (refused, timed out, frozen, shut down, pool exhausted), or
 * null when it is some other error. Looks through TypeORM's wrapper (driverError), causes and AggregateErrors.
 */
export function unavailableService(error: unknown, depth = 0): 'database' | 'redis' | 'network' | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const e = error as { name?: unknown; message?: unknown; code?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (e.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message)) return 'redis';
  if (PG_MESSAGES.test(message) || PG_UNAVAILABLE.test(code)) return 'database';
  // A statement the server cancelled for taking too long: it is overloaded or was frozen (not a user's cancel).
  if (code === '57014' && /statement timeout/.test(message)) return 'database';
  // A refused or lost socket does not say whose it was (pg passes them on bare, as a file store or SMTP would).
  if (NETWORK_CODES.has(code)) return 'network';
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = unavailableService(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

export interface ErrorBody {
  code: string;
  message: string;
  /** Absent or an object; a list of problems is always `details.problems` (see error-details.ts). */
  details?: ErrorDetails;
}

/** The one place where errors become HTTP answers: always `{code, message, details}`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.toResponse(exception);
    if (status === 503) {
      // Expected while a backing service is away: one line each, not a stack trace per request.
      this.logger.warn(`${body.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
      if (!reply.hasHeader('retry-after')) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) {
      this.logger.error(exception instanceof Error ? `${exception.stack ?? exception.message}${exception.cause ? `\ncaused by: ${String(exception.cause)}` : ''}` : String(exception));
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof DomainError) {
      return [STATUS[exception.kind], body(exception.code, exception.message, exception.details)];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response) {
        const { code, message, details } = response as { code: unknown; message?: unknown; details?: unknown };
        return [status, body(String(code), sentence(String(message ?? exception.message)), details)];
      }
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      return [status, { code: HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR'), message: sentence(String(message)) }];
    }
    // Errors raised by Fastify itself (bad JSON, body too large, wrong content type) carry a statusCode.
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return [status, { code: HTTP_CODES[status] ?? 'BAD_REQUEST', message: sentence(fastifyError.message ?? 'The request could not be read.') }];
    }
    const service = unavailableService(exception);
    if (service) {
      const which = { database: 'The database', redis: 'The job queue (Redis)', network: 'A service this request needs' }[service];
      return [HttpStatus.SERVICE_UNAVAILABLE, { code: 'SERVICE_UNAVAILABLE', message: `${which} cannot be reached at the moment. Please try again shortly.`, details: { service, retryAfterSeconds: RETRY_AFTER_SECONDS } }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. The error has been logged.' }];
  }
}

function body(code: string, message: string, details: unknown): ErrorBody {
  const normalised = normaliseDetails(details);
  return normalised ? { code, message, details: normalised } : { code, message };
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return 'The request was refused.';
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
