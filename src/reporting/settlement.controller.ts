import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../platform/errors/api-errors.decorator';
import { Idempotent } from '../platform/http/idempotency';
import { DraftRevocationDto, ReturnSettlementDto, SettlementViewDto } from './dto/settlement.dto';
import { SettlementService } from './settlement.service';

const STEP = ['TRANSITION_NOT_ALLOWED_IN_STATE', 'STALE_VERSION', 'CONCURRENT_MODIFICATION', 'TRANSITION_UNAVAILABLE'];
const IDEMPOTENCY_409 = ['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS'];

@ApiTags('settlement')
@ApiBearerAuth()
@Controller()
export class SettlementController {
  constructor(private readonly settlements: SettlementService) {}

  @Get('cases/:id/settlement')
  @Roles('applicant', 'caseworker', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: "The case's settlement (Schlussabrechnung): the computation as it stands (agency), the settlement on record, the revocation, the receipts' retention date" })
  @ApiOkResponse({ type: SettlementViewDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'] })
  view(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.settlements.view(actor, id);
  }

  @Post('cases/:id/settlement')
  @HttpCode(200)
  @Roles('caseworker')
  @Idempotent()
  @ApiOperation({ summary: 'Prepare the settlement (caseworker): final grant from the accepted costs × the rates of the binding plan, compared with what was paid' })
  @ApiOkResponse({ type: SettlementViewDto })
  @ApiErrors({ ...AUTH, 400: ['IDEMPOTENCY_KEY_INVALID'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: [...STEP, 'NOTICE_NOT_FINAL', ...IDEMPOTENCY_409], 422: ['CHECKS_FAILED'] })
  prepare(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.settlements.prepare(actor, id);
  }

  @Post('cases/:id/settlement/sign-off')
  @HttpCode(200)
  @Roles('approver')
  @Idempotent()
  @ApiOperation({ summary: 'Sign the prepared settlement off (approver, never the preparer): the final grant fixed, unused commitment released, the final payment on its way, the Schlussbescheid issued and mailed' })
  @ApiOkResponse({ type: SettlementViewDto })
  @ApiErrors({ ...AUTH, 400: ['IDEMPOTENCY_KEY_INVALID'], 403: ['ROLE_NOT_ALLOWED', 'FOUR_EYES_VIOLATION'], 404: ['CASE_NOT_FOUND'], 409: [...STEP, 'SETTLEMENT_NOT_PREPARED', ...IDEMPOTENCY_409], 422: ['CHECKS_FAILED'] })
  signOff(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.settlements.signOff(actor, id);
  }

  @Post('cases/:id/settlement/return')
  @HttpCode(200)
  @Roles('approver')
  @Idempotent()
  @ApiOperation({ summary: 'Send the prepared settlement back to the caseworker with a reason (approver)' })
  @ApiOkResponse({ type: SettlementViewDto })
  @ApiErrors({ ...AUTH, 400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID', 'REASON_REQUIRED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: [...STEP, 'SETTLEMENT_NOT_PREPARED', ...IDEMPOTENCY_409] })
  sendBack(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnSettlementDto) {
    return this.settlements.sendBack(actor, id, dto.reason);
  }

  @Post('cases/:id/revocation')
  @HttpCode(200)
  @Roles('caseworker')
  @Idempotent()
  @ApiOperation({ summary: 'Draft a revocation with recovery (caseworker): amount, interest from, due date, reasons; replaces an unsigned draft' })
  @ApiOkResponse({ type: SettlementViewDto })
  @ApiErrors({ ...AUTH, 400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: ['REVOCATION_NOT_POSSIBLE', ...IDEMPOTENCY_409], 422: ['REVOCATION_INVALID'] })
  draftRevocation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DraftRevocationDto) {
    return this.settlements.draftRevocation(actor, id, dto);
  }

  @Post('cases/:id/revocation/sign-off')
  @HttpCode(200)
  @Roles('approver')
  @Idempotent()
  @ApiOperation({ summary: 'Sign the drafted revocation (approver, never the drafter): the Widerrufs- und Rückforderungsbescheid issued and mailed, commitments released, the recovery claim opened' })
  @ApiOkResponse({ type: SettlementViewDto })
  @ApiErrors({ ...AUTH, 400: ['IDEMPOTENCY_KEY_INVALID'], 403: ['ROLE_NOT_ALLOWED', 'FOUR_EYES_VIOLATION'], 404: ['CASE_NOT_FOUND'], 409: [...STEP, 'REVOCATION_NOT_DRAFTED', ...IDEMPOTENCY_409], 422: ['CHECKS_FAILED'] })
  signRevocation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.settlements.signRevocation(actor, id);
  }
}
