import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { malformedMultipart } from '../platform/http/uploads';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AttachmentUploadDto } from '../applications/dto/applications.responses.dto';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { ValidationError } from '../platform/errors/domain-error';
import { Idempotent } from '../platform/http/idempotency';
import {
  CasePaymentsDto,
  CertifyDto,
  PaymentRequestQueryDto,
  PaymentRequestViewDto,
  ReceiptViewDto,
  SavePaymentRequestDto,
  SendBackDto,
} from './dto/payment-requests.dto';
import { PaymentRequestsService } from './payment-requests.service';

/** Everyone who may read payment requests: the applicant (own organisation) and the agency; reviewers never. */
const READERS = ['applicant', 'caseworker', 'approver', 'finance', 'auditor', 'admin'] as const;
const NOT_FOUND = { 404: ['PAYMENT_REQUEST_NOT_FOUND'] };
const PAYABLE = ['NOTICE_NOT_FINAL', 'OBJECTION_OPEN'];

@ApiTags('payouts')
@ApiBearerAuth()
@Controller()
export class PaymentRequestsController {
  constructor(private readonly requests: PaymentRequestsService) {}

  @Roles(...READERS)
  @Get('cases/:id/payment-requests')
  @ApiOperation({ summary: "A case's payments: grant, retention held, paid, pending and open amounts, and its payment requests" })
  @ApiOkResponse({ type: CasePaymentsDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'] })
  ofCase(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.ofCase(actor, id);
  }

  @Roles('applicant')
  @Post('cases/:id/payment-requests')
  @ApiOperation({ summary: 'Start a payment request (Mittelabruf) on a case whose notice is final and not held by an objection' })
  @ApiCreatedResponse({ type: PaymentRequestViewDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: PAYABLE })
  create(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.create(actor, id);
  }

  @Roles('caseworker', 'approver', 'finance', 'auditor', 'admin')
  @Get('payment-requests')
  @ApiOperation({ summary: "The agency's queue of payment requests, by status (submitted: to certify; certified: to order)" })
  @ApiOkResponse({ type: PaymentRequestViewDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'] })
  queue(@CurrentActor() actor: Actor, @Query() query: PaymentRequestQueryDto) {
    return this.requests.queue(actor, query.status);
  }

  @Roles(...READERS)
  @Get('payment-requests/:id')
  @ApiOperation({ summary: 'A payment request with its expense lines; a draft also with the payable and the problems it would meet if submitted today' })
  @ApiOkResponse({ type: PaymentRequestViewDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], ...NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.get(actor, id);
  }

  @Roles('applicant')
  @Put('payment-requests/:id')
  @ApiOperation({ summary: 'Save the expense list of a draft (replaces its lines); answers the preview of payable and problems' })
  @ApiOkResponse({ type: PaymentRequestViewDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'RECEIPT_NOT_FOUND'], 403: ['ROLE_NOT_ALLOWED'], ...NOT_FOUND, 409: ['PAYMENT_REQUEST_NOT_DRAFT', 'STALE_VERSION', ...PAYABLE] })
  save(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SavePaymentRequestDto) {
    return this.requests.save(actor, id, dto);
  }

  @Roles('applicant')
  @Post('payment-requests/:id/receipts')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AttachmentUploadDto })
  @ApiOperation({ summary: 'Upload a receipt (multipart field "file"; PDF, PNG or JPEG by its bytes); a line then names it by its SHA-256' })
  @ApiCreatedResponse({ type: ReceiptViewDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['FILE_MISSING', 'MULTIPART_INVALID'],
    403: ['ROLE_NOT_ALLOWED'],
    ...NOT_FOUND,
    409: ['PAYMENT_REQUEST_NOT_DRAFT', 'RECEIPTS_NOT_CONFIGURED'],
    413: ['ATTACHMENT_TOO_LARGE'],
    415: ['ATTACHMENT_CONTENT_NOT_ALLOWED'],
  })
  async uploadReceipt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest) {
    if (!req.isMultipart()) throw new ValidationError('FILE_MISSING', 'Send the file as multipart/form-data in a field named "file".');
    const file = await req.file().catch((e: unknown) => {
      throw malformedMultipart(e);
    });
    if (!file) throw new ValidationError('FILE_MISSING', 'Send the file as multipart/form-data in a field named "file".');
    try {
      return await this.requests.uploadReceipt(actor, id, { filename: file.filename, stream: file.file });
    } catch (e) {
      throw malformedMultipart(e);
    }
  }

  @Roles(...READERS)
  @Get('payment-requests/:id/receipts/:sha256')
  @ApiOperation({ summary: 'Download a receipt of a payment request by its SHA-256' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its stored media type', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['PAYMENT_REQUEST_NOT_FOUND', 'RECEIPT_NOT_FOUND'] })
  async receipt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('sha256') sha256: string, @Res() reply: FastifyReply) {
    const { filename, mediaType, data } = await this.requests.receipt(actor, id, sha256);
    await reply.header('content-type', mediaType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(data);
  }

  @Roles('applicant')
  @Post('payment-requests/:id/submit')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Submit a draft: checked against the binding plan, the request window, the funding period and the open grant; frozen. The first submission starts the project' })
  @ApiOkResponse({ type: PaymentRequestViewDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['IDEMPOTENCY_KEY_INVALID'],
    403: ['ROLE_NOT_ALLOWED'],
    ...NOT_FOUND,
    409: ['PAYMENT_REQUEST_NOT_DRAFT', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS', 'CONCURRENT_MODIFICATION', ...PAYABLE],
    422: ['PAYMENT_REQUEST_INVALID'],
  })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.submit(actor, id);
  }

  @Roles('caseworker')
  @Post('payment-requests/:id/certify')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Certify a submitted request as factually and arithmetically correct (sachlich und rechnerisch richtig), optionally reducing lines with reasons' })
  @ApiOkResponse({ type: PaymentRequestViewDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'REDUCTION_INVALID', 'IDEMPOTENCY_KEY_INVALID'],
    403: ['ROLE_NOT_ALLOWED'],
    ...NOT_FOUND,
    409: ['PAYMENT_REQUEST_NOT_SUBMITTED', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS', ...PAYABLE],
    422: ['PAYMENT_REQUEST_INVALID'],
  })
  certify(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CertifyDto) {
    return this.requests.certify(actor, id, dto);
  }

  @Roles('finance')
  @Post('payment-requests/:id/order')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Order the payment of a certified request (Anordnung): never by the person who certified it' })
  @ApiOkResponse({ type: PaymentRequestViewDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['IDEMPOTENCY_KEY_INVALID'],
    403: ['ROLE_NOT_ALLOWED', 'FOUR_EYES_VIOLATION'],
    ...NOT_FOUND,
    409: ['PAYMENT_REQUEST_NOT_CERTIFIED', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS', ...PAYABLE],
    422: ['PAYEE_ACCOUNT_MISSING'],
  })
  order(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.order(actor, id);
  }

  @Roles('finance')
  @Post('payment-requests/:id/send-back')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Send a certified request back to the caseworker without ordering it, with a comment (never shown to the applicant)' })
  @ApiOkResponse({ type: PaymentRequestViewDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_INVALID'],
    403: ['ROLE_NOT_ALLOWED'],
    ...NOT_FOUND,
    409: ['PAYMENT_REQUEST_NOT_CERTIFIED', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS'],
  })
  sendBack(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SendBackDto) {
    return this.requests.sendBack(actor, id, dto.comment);
  }
}

