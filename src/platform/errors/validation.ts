import { BadRequestException, ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';

/** Unknown fields are refused, never silently written; every problem is listed with its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: 'The request has invalid or unknown fields.',
        details: flatten(errors),
      }),
  });
}

function flatten(errors: ClassValidatorError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
