import { BadRequestException, ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import type { ProblemDetail } from './error-details';

/**
 * Unknown fields are refused, never silently written; every problem is listed in `details.problems`, one per
 * broken rule: `{code: 'FIELD_UNKNOWN' | 'FIELD_INVALID', field, message, constraint}` with `field` a dotted path
 * (`costs.2.amountCents`) and `constraint` the name of the rule (`isInt`, `whitelistValidation`, …).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: 'The request has invalid or unknown fields.',
        details: { problems: validationProblems(errors) },
      }),
  });
}

export function validationProblems(errors: ClassValidatorError[], prefix = ''): ProblemDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({
      code: constraint === 'whitelistValidation' ? 'FIELD_UNKNOWN' : 'FIELD_INVALID',
      field,
      message,
      constraint,
    }));
    return [...own, ...validationProblems(e.children ?? [], field)];
  });
}
