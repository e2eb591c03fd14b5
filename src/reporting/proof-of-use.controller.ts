import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { malformedMultipart } from '../platform/http/uploads';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, type Actor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../platform/errors/api-errors.decorator';
import { ValidationError } from '../platform/errors/domain-error';
import { DecideLinesDto, ProofOfUseDto, ReceiptDto, ReceiptUploadDto, SaveProofOfUseDto } from './dto/proof-of-use.dto';
import { ProofOfUseService } from './proof-of-use.service';

const READERS = ['applicant', 'caseworker', 'approver', 'finance', 'auditor', 'admin'] as const;

@ApiTags('proof-of-use')
@ApiBearerAuth()
@Controller('cases/:id/proof-of-use')
export class ProofOfUseController {
  constructor(private readonly proofs: ProofOfUseService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The proof of use (Verwendungsnachweis) of a case with its totals and open problems; the agency also sees the sample and the check' })
  @ApiOkResponse({ type: ProofOfUseDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'] })
  view(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.proofs.view(actor, id);
  }

  @Post()
  @Roles('applicant')
  @ApiOperation({ summary: "Start the proof of use (case in payment); the payment requests' expense lines are copied in" })
  @ApiCreatedResponse({ type: ProofOfUseDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: ['CASE_NOT_IN_PAYMENT', 'PROOF_OF_USE_EXISTS'] })
  create(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.proofs.create(actor, id);
  }

  @Put()
  @Roles('applicant')
  @ApiOperation({ summary: 'Save the draft (a key sent replaces, a key left out keeps; lists whole)' })
  @ApiOkResponse({ type: ProofOfUseDto })
  @ApiErrors({
    ...AUTH,
    400: ['VALIDATION_FAILED'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['CASE_NOT_FOUND', 'PROOF_OF_USE_NOT_FOUND'],
    409: ['STALE_VERSION', 'PROOF_OF_USE_NOT_EDITABLE', 'CASE_NOT_IN_PAYMENT'],
    422: ['PROOF_OF_USE_INVALID'],
  })
  save(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SaveProofOfUseDto) {
    return this.proofs.save(actor, id, dto);
  }

  @Post('receipts')
  @Roles('applicant')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ReceiptUploadDto })
  @ApiOperation({ summary: 'Upload a receipt (multipart field "file"); stored by SHA-256, which an expense line then names' })
  @ApiCreatedResponse({ type: ReceiptDto })
  @ApiErrors({
    ...AUTH,
    400: ['FILE_MISSING', 'MULTIPART_INVALID', 'BAD_REQUEST'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['CASE_NOT_FOUND', 'PROOF_OF_USE_NOT_FOUND'],
    409: ['PROOF_OF_USE_NOT_EDITABLE', 'CASE_NOT_IN_PAYMENT'],
    413: ['RECEIPT_TOO_LARGE'],
    415: ['RECEIPT_CONTENT_NOT_ALLOWED', 'UNSUPPORTED_MEDIA_TYPE'],
  })
  async uploadReceipt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest) {
    if (!req.isMultipart()) throw new ValidationError('FILE_MISSING', 'Send the file as multipart/form-data in a field named "file".');
    const file = await req.file().catch((e: unknown) => {
      throw malformedMultipart(e);
    });
    if (!file) throw new ValidationError('FILE_MISSING', 'Send the file as multipart/form-data in a field named "file".');
    try {
      return await this.proofs.uploadReceipt(actor, id, { filename: file.filename, stream: file.file });
    } catch (e) {
      throw malformedMultipart(e);
    }
  }

  @Get('lines/:lineId/receipt')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Download the receipt of an expense line' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its media type', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND', 'RECEIPT_NOT_FOUND'] })
  async receipt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('lineId', ParseUUIDPipe) lineId: string, @Res() reply: FastifyReply) {
    const { filename, mediaType, data } = await this.proofs.receipt(actor, id, lineId);
    await reply.header('content-type', mediaType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(data);
  }

  @Post('submit')
  @HttpCode(200)
  @Roles('applicant')
  @ApiOperation({ summary: 'Submit the proof of use (workflow step submit_proof_of_use): every problem in one 422; then it is read-only' })
  @ApiOkResponse({ type: ProofOfUseDto })
  @ApiErrors({
    ...AUTH,
    403: ['ROLE_NOT_ALLOWED'],
    404: ['CASE_NOT_FOUND'],
    409: ['CASE_NOT_IN_PAYMENT', 'PROOF_OF_USE_NOT_STARTED', 'CONCURRENT_MODIFICATION'],
    422: ['CHECKS_FAILED'],
  })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.proofs.submit(actor, id);
  }

  @Post('sample')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Draw the sample of receipts to examine (first check view): seeded by the case, recorded, never drawn again' })
  @ApiOkResponse({ type: ProofOfUseDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND', 'PROOF_OF_USE_NOT_FOUND'], 409: ['PROOF_OF_USE_NOT_SUBMITTED', 'PROOF_OF_USE_CHECK_CLOSED'] })
  sample(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.proofs.sample(actor, id);
  }

  @Put('check')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Decide expense lines: accept as stated, or reduce with the accepted amount and a reason; sampled lines need their receipt examined' })
  @ApiOkResponse({ type: ProofOfUseDto })
  @ApiErrors({
    ...AUTH,
    400: ['VALIDATION_FAILED'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['CASE_NOT_FOUND', 'PROOF_OF_USE_NOT_FOUND'],
    409: ['PROOF_OF_USE_NOT_SUBMITTED', 'PROOF_OF_USE_CHECK_CLOSED', 'SAMPLE_NOT_DRAWN'],
    422: ['DECISIONS_INVALID'],
  })
  decide(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideLinesDto) {
    return this.proofs.decide(actor, id, dto);
  }
}
