import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The shape of `details`, documented once (see error-details.ts). */
export const ERROR_DETAILS_DESCRIPTION =
  'Absent, or an object. A list of problems is always `details.problems`: `[{code, message, field?, …}]`, where `field` is a ' +
  'dotted path into the request body (`costs.2.amountCents`, `fields.title`) and further keys add context (`check`: the workflow ' +
  'check that failed; `constraint`: the validation rule). Any other context is a named key, e.g. `{field}`, ' +
  '`{expectedVersion, currentVersion}`, `{allowedRoles}`.';

export class ErrorDto {
  @ApiProperty({ description: 'Stable machine-readable code', example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ description: 'A sentence for people', example: 'The request has invalid or unknown fields.' }) message: string;
  @ApiPropertyOptional({
    description: ERROR_DETAILS_DESCRIPTION,
    type: 'object',
    additionalProperties: true,
    properties: {
      problems: {
        type: 'array',
        items: {
          type: 'object',
          required: ['code', 'message'],
          additionalProperties: true,
          properties: {
            code: { type: 'string', example: 'FIELD_INVALID' },
            message: { type: 'string', example: 'amountCents must be an integer number' },
            field: { type: 'string', example: 'costs.2.amountCents' },
            check: { type: 'string', description: 'The workflow check that reported the problem', example: 'plan_balanced' },
          },
        },
      },
    },
    example: { problems: [{ code: 'FIELD_INVALID', field: 'costs.2.amountCents', message: 'amountCents must be an integer number', constraint: 'isInt' }] },
  })
  details?: Record<string, unknown>;
}

/** The content of every error response: JSON ErrorDto, whatever the operation's success media type. */
export const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorDto) } } };

/** Documents the error codes an endpoint can answer with, by HTTP status. */
export function ApiErrors(errors: Partial<Record<400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503, readonly string[]>>) {
  return applyDecorators(
    ApiExtraModels(ErrorDto),
    ...Object.entries(errors).map(([status, codes]) =>
      ApiResponse({ status: Number(status), description: `Error codes: ${codes.join(', ')}`, content: ERROR_CONTENT }),
    ),
  );
}

/** A JSON object whose keys are data (form answers, scores, calculations): documented as an open object. */
export const OPEN_OBJECT = { type: 'object', additionalProperties: true } as const;

/** What every endpoint behind login can answer. */
export const AUTH_ERRORS = { 401: ['AUTHENTICATION_REQUIRED', 'TOKEN_EXPIRED'] } as const;
