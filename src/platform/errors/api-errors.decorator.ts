import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ErrorDto {
  @ApiProperty({ description: 'Stable machine-readable code', example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ description: 'A sentence for people', example: 'The request has invalid or unknown fields.' }) message: string;
  @ApiPropertyOptional({ description: 'Structured context, e.g. the fields or checks that failed' }) details?: unknown;
}

/** Documents the error codes an endpoint can answer with, by HTTP status. */
export function ApiErrors(errors: Partial<Record<400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429, readonly string[]>>) {
  return applyDecorators(
    ...Object.entries(errors).map(([status, codes]) =>
      ApiResponse({ status: Number(status), type: ErrorDto, description: `Error codes: ${codes.join(', ')}` }),
    ),
  );
}

/** What every endpoint behind login can answer. */
export const AUTH_ERRORS = { 401: ['AUTHENTICATION_REQUIRED', 'TOKEN_EXPIRED'] } as const;
