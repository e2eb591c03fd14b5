/**
 * Errors of the domain carry a stable machine-readable code; the HTTP status is chosen
 * in one place (the exception filter) from the error's kind.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'gone' | 'too_large' | 'unsupported_media_type' | 'rate_limited' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code = 'NOT_FOUND') {
    super('not_found', code, `${what} was not found.`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this action.', code = 'FORBIDDEN', details?: unknown) {
    super('forbidden', code, message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('conflict', code, message, details);
  }
}

export class ValidationError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('invalid', code, message, details);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('unprocessable', code, message, details);
  }
}

/** A backing service (database, Redis, document storage) cannot be reached: 503 with Retry-After; `cause` is logged, never sent. */
export class ServiceUnavailableError extends DomainError {
  constructor(what: string, cause?: unknown) {
    super('unavailable', 'SERVICE_UNAVAILABLE', `${what} cannot be reached at the moment. Please try again shortly.`);
    this.cause = cause;
  }
}
