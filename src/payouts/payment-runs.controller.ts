import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { ValidationError } from '../platform/errors/domain-error';
import { Idempotent } from '../platform/http/idempotency';
import { BuildPaymentRunDto, ConfirmPaymentRunDto, PaymentAdviceDto, PaymentRunDto, ReturnPaymentDto, RunCandidatesDto, RunPaymentDto } from './dto/payment-runs.dto';
import { PaymentRunsService } from './payment-runs.service';

const KEY_ERRORS = ['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS'];

@ApiTags('payouts')
@ApiBearerAuth()
@Controller()
export class PaymentRunsController {
  constructor(private readonly runs: PaymentRunsService) {}

  @Roles('finance', 'auditor')
  @Get('payment-runs')
  @ApiOperation({ summary: 'Payment runs, newest first' })
  @ApiOkResponse({ type: PaymentRunDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'] })
  list() {
    return this.runs.list();
  }

  @Roles('finance', 'auditor')
  @Get('payment-runs/candidates')
  @ApiOperation({ summary: 'The ordered payments a run of the guideline would take now, with their sum and what keeps any of them out' })
  @ApiQuery({ name: 'guidelineCode', required: true, example: 'frl-lifd' })
  @ApiQuery({ name: 'orderedBefore', required: false, description: 'Only payments ordered on or before this day, YYYY-MM-DD' })
  @ApiOkResponse({ type: RunCandidatesDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['GUIDELINE_NOT_FOUND'] })
  candidates(@Query('guidelineCode') guidelineCode: unknown, @Query('orderedBefore') orderedBefore?: unknown) {
    if (typeof guidelineCode !== 'string' || !/^[a-z][a-z0-9-]{1,63}$/.test(guidelineCode)) {
      throw new ValidationError('VALIDATION_FAILED', 'guidelineCode must name a guideline, e.g. frl-lifd.', { problems: [{ code: 'VALIDATION_FAILED', field: 'guidelineCode', message: 'Name a guideline.' }] });
    }
    if (orderedBefore !== undefined && (typeof orderedBefore !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(orderedBefore) || Number.isNaN(Date.parse(orderedBefore)))) {
      throw new ValidationError('VALIDATION_FAILED', 'orderedBefore must be a date, YYYY-MM-DD.', { problems: [{ code: 'VALIDATION_FAILED', field: 'orderedBefore', message: 'Give a date, YYYY-MM-DD.' }] });
    }
    return this.runs.candidates(guidelineCode, orderedBefore as string | undefined);
  }

  @Roles('finance')
  @Post('payment-runs')
  @Idempotent()
  @ApiOperation({ summary: 'Build a payment run from ordered, unpaid payments of one guideline (each payment lands in at most one run)' })
  @ApiCreatedResponse({ type: PaymentRunDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['GUIDELINE_NOT_FOUND'],
    409: ['PAYMENTS_TAKEN_BY_OTHER_RUN', ...KEY_ERRORS],
    422: ['EXECUTION_DATE_IN_PAST', 'EXECUTION_DATE_NOT_BUSINESS_DAY', 'NO_PAYMENTS_TO_RUN', 'PAYMENT_NOT_FOUND', 'PAYMENT_NOT_ORDERED', 'PAYMENT_ALREADY_IN_RUN', 'PAYMENT_OF_OTHER_GUIDELINE', 'PAYEE_ACCOUNT_MISSING', 'PAYEE_ADDRESS_INCOMPLETE'],
  })
  build(@CurrentActor() actor: Actor, @Body() dto: BuildPaymentRunDto) {
    return this.runs.build(actor, dto);
  }

  @Roles('finance', 'auditor')
  @Get('payment-runs/:id')
  @ApiOperation({ summary: 'A payment run with its payments' })
  @ApiOkResponse({ type: PaymentRunDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['PAYMENT_RUN_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.runs.get(actor, id);
  }

  @Roles('finance')
  @Post('payment-runs/:id/export')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Export the run as SEPA credit transfer (pain.001.001.09); the file is stored by SHA-256 and the run becomes immutable' })
  @ApiOkResponse({ type: PaymentRunDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['IDEMPOTENCY_KEY_INVALID'], 403: ['ROLE_NOT_ALLOWED'], 404: ['PAYMENT_RUN_NOT_FOUND'], 409: ['RUN_ALREADY_EXPORTED', ...KEY_ERRORS], 422: ['PAYEE_ADDRESS_INCOMPLETE'] })
  export(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.runs.export(actor, id);
  }

  @Roles('finance', 'auditor')
  @Get('payment-runs/:id/file')
  @ApiOperation({ summary: 'Download the exported pain.001 file, byte-identical to the export' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The pain.001.001.09 XML file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['PAYMENT_RUN_NOT_FOUND'], 409: ['RUN_NOT_EXPORTED'] })
  async file(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    const { filename, data } = await this.runs.file(id);
    await reply.header('content-type', 'application/xml').header('content-disposition', `attachment; filename="${filename}"`).send(data);
  }

  @Roles('finance')
  @Post('payment-runs/:id/confirm')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Confirm the run as executed by the bank: its payments become paid and are booked in the ledger per call and fiscal year' })
  @ApiOkResponse({ type: PaymentRunDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['PAYMENT_RUN_NOT_FOUND'],
    409: ['RUN_ALREADY_EXECUTED', 'RUN_NOT_EXPORTED', ...KEY_ERRORS],
    422: ['RUN_NOT_YET_DUE', 'BOOKING_DATE_IN_FUTURE', 'BOOKING_DATE_BEFORE_EXECUTION'],
  })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ConfirmPaymentRunDto) {
    return this.runs.confirm(actor, id, dto.bookedOn);
  }

  @Roles('finance')
  @Post('payment-requests/:id/return')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Book a paid payment the bank returned (ISO 20022 reason code): status returned, the ledger books it back, its amount is open again' })
  @ApiOkResponse({ type: RunPaymentDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID'], 403: ['ROLE_NOT_ALLOWED'], 404: ['PAYMENT_REQUEST_NOT_FOUND'], 409: ['PAYMENT_NOT_PAID', 'PAYMENT_ALREADY_RETURNED', ...KEY_ERRORS] })
  bookReturn(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnPaymentDto) {
    return this.runs.bookReturn(actor, id, dto.reasonCode, dto.note);
  }

  @Get('cases/:id/payment-advices')
  @ApiOperation({ summary: 'The payment advices (Auszahlungsmitteilungen) of a case' })
  @ApiOkResponse({ type: PaymentAdviceDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND'] })
  advices(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.runs.advices(actor, id);
  }

  @Get('payment-requests/:id/advice')
  @ApiOperation({ summary: 'Download the payment advice (PDF) of a paid payment' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The advice PDF', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['PAYMENT_ADVICE_NOT_FOUND'] })
  async advice(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    const { filename, data } = await this.runs.adviceContent(actor, id);
    await reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(data);
  }
}
