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

/** A backing service that is down usually returns within seconds; clients wait this long before retrying. */
const RETRY_AFTER_SECONDS = 5;

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
    if (status >= 500) this.logger.error(exception instanceof Error ? `${exception.stack ?? exception.message}${exception.cause ? `\ncaused by: ${String(exception.cause)}` : ''}` : String(exception));
    if (status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
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
