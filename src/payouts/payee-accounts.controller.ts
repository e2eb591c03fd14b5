import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { Idempotent } from '../platform/http/idempotency';
import { ChangePayeeAccountDto, ConfirmAccountChangeDto, OrganisationPayeeAccountDto, PendingAccountChangeDto, RejectAccountChangeDto } from './dto/payee-accounts.dto';
import { PayeeAccountsService } from './payee-accounts.service';

const ACCOUNT_INPUT_ERRORS = ['VALIDATION_FAILED', 'IBAN_INVALID', 'IBAN_NOT_SEPA', 'BIC_INVALID', 'IDEMPOTENCY_KEY_INVALID'];
const DECISION_ERRORS = { ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID'], 403: ['ROLE_NOT_ALLOWED', 'FOUR_EYES_VIOLATION'], 404: ['ORGANISATION_NOT_FOUND'], 409: ['ACCOUNT_CHANGE_NOT_PENDING', 'IDEMPOTENCY_KEY_REUSED'] };

@ApiTags('payouts')
@ApiBearerAuth()
@Controller()
export class PayeeAccountsController {
  constructor(private readonly accounts: PayeeAccountsService) {}

  @Roles('applicant')
  @Get('organisation/payee-account')
  @ApiOperation({ summary: 'The bank account payments to my organisation go to, a change awaiting confirmation, and a proposal from the latest application when there is no account yet' })
  @ApiOkResponse({ type: OrganisationPayeeAccountDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['ORGANISATION_NOT_FOUND'] })
  own(@CurrentActor() actor: Actor) {
    return this.accounts.ofOwnOrganisation(actor);
  }

  @Roles('applicant')
  @Put('organisation/payee-account')
  @Idempotent()
  @ApiOperation({
    summary:
      "Change my organisation's bank account (holder, IBAN of a SEPA country, optional BIC). Without a final notice it takes effect at once; with one it waits for a caseworker's confirmation and replaces an older pending change.",
  })
  @ApiOkResponse({ type: OrganisationPayeeAccountDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ACCOUNT_INPUT_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['ORGANISATION_NOT_FOUND'], 409: ['IDEMPOTENCY_KEY_REUSED'] })
  change(@CurrentActor() actor: Actor, @Body() dto: ChangePayeeAccountDto) {
    return this.accounts.change(actor, dto);
  }

  @Roles('applicant', 'caseworker', 'approver', 'finance', 'auditor')
  @Get('cases/:id/payee-account')
  @ApiOperation({ summary: "The bank account of the case's organisation and a change awaiting confirmation" })
  @ApiOkResponse({ type: OrganisationPayeeAccountDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'] })
  ofCase(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.accounts.ofCase(actor, id);
  }

  @Roles('caseworker', 'approver', 'finance', 'auditor')
  @Get('payee-account-changes')
  @ApiOperation({ summary: 'Account changes awaiting confirmation (Kontoänderungen), oldest first, with the account they would replace' })
  @ApiOkResponse({ type: PendingAccountChangeDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'] })
  pending() {
    return this.accounts.pendingChanges();
  }

  @Roles('caseworker')
  @Post('organisations/:id/payee-account/confirm')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Confirm the pending account change of an organisation (four eyes: not by the one who asked); it becomes the account payments go to' })
  @ApiOkResponse({ type: OrganisationPayeeAccountDto })
  @ApiErrors(DECISION_ERRORS)
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ConfirmAccountChangeDto) {
    return this.accounts.confirm(actor, id, dto.changeId);
  }

  @Roles('caseworker')
  @Post('organisations/:id/payee-account/reject')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Reject the pending account change of an organisation with a comment, mailed to it; the account in force stays' })
  @ApiOkResponse({ type: OrganisationPayeeAccountDto })
  @ApiErrors(DECISION_ERRORS)
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectAccountChangeDto) {
    return this.accounts.reject(actor, id, dto.changeId, dto.comment);
  }
}
