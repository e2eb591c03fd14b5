import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../platform/errors/api-errors.decorator';
import { ValidationError } from '../platform/errors/domain-error';
import { Idempotent } from '../platform/http/idempotency';
import { BookRepaymentDto, OpenRecoveryClaimDto, RecoveryClaimDto } from './dto/recovery.dto';
import { RecoveryService } from './recovery.service';

@ApiTags('recovery')
@ApiBearerAuth()
@Controller()
export class RecoveryController {
  constructor(private readonly recovery: RecoveryService) {}

  @Get('cases/:id/recovery-claims')
  @Roles('applicant', 'caseworker', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: "The case's recovery claims with interest to a day (default today): principal, costs, interest, repayments split by § 367 BGB" })
  @ApiQuery({ name: 'asOf', required: false, example: '2026-03-31' })
  @ApiOkResponse({ type: RecoveryClaimDto, isArray: true })
  @ApiErrors({ ...AUTH, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('asOf') asOf?: string) {
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new ValidationError('VALIDATION_FAILED', 'asOf must be a date (YYYY-MM-DD).', { problems: [{ code: 'DATE_INVALID', field: 'asOf', message: 'asOf must be a date (YYYY-MM-DD).' }] });
    return this.recovery.list(actor, id, asOf);
  }

  @Get('recovery-claims')
  @Roles('caseworker', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: 'Every open recovery claim with interest to today, oldest due first (work list of finance)' })
  @ApiOkResponse({ type: OpenRecoveryClaimDto, isArray: true })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'] })
  listOpen() {
    return this.recovery.listOpen();
  }

  @Post('recovery-claims/:id/repayments')
  @HttpCode(200)
  @Roles('finance')
  @Idempotent()
  @ApiOperation({ summary: 'Book an incoming repayment (finance): set against costs, then interest to its value date, then principal; the principal returns to the budget' })
  @ApiOkResponse({ type: RecoveryClaimDto })
  @ApiErrors({
    ...AUTH,
    400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['RECOVERY_CLAIM_NOT_FOUND'],
    409: ['RECOVERY_CLAIM_SETTLED', 'REPAYMENT_OUT_OF_ORDER', 'BASE_RATE_MISSING', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS'],
    422: ['DATE_INVALID', 'DATE_IN_FUTURE'],
  })
  book(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BookRepaymentDto) {
    return this.recovery.bookRepayment(actor, id, dto);
  }
}
