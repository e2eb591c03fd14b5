import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { PublicRateLimit } from '../platform/http/public-throttler.guard';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Public, Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { ConflictError } from '../platform/errors/domain-error';
import { verificationPage } from '../letters/verification-page';
import { ApprovalsService } from './approvals.service';
import { AmendmentDto, CommentDto, HashVerificationDto, ObjectionDto, ObjectionOutcomeDto, PrepareDecisionDto, VerifiedNoticeDto } from './dto/approvals.dto';
import { CaseDto } from '../guidelines/dto/workflow.dto';
import { DecisionViewDto, NoticeViewDto } from './dto/approvals.responses.dto';
import { NoticesService } from './notices.service';

const STEP_ERRORS = { 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: ['TRANSITION_NOT_ALLOWED_IN_STATE', 'CONCURRENT_MODIFICATION'], 422: ['CHECKS_FAILED'] };

@ApiTags('approvals')
@Controller()
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly notices: NoticesService,
  ) {}

  @ApiBearerAuth()
  @Roles('caseworker')
  @Post('cases/:id/decisions')
  @ApiOperation({ summary: 'Prepare a decision on a complete application: approval in full, in part (reduced costs with reasons), or rejection' })
  @ApiCreatedResponse({ type: DecisionViewDto, description: 'The prepared decision with the computed grant' })
  @ApiErrors({ ...AUTH_ERRORS, ...STEP_ERRORS, 400: ['VALIDATION_FAILED', 'REASONS_REQUIRED', 'REDUCTIONS_REQUIRED', 'REDUCTION_INVALID', 'CATEGORY_NOT_IN_PLAN', 'GRANT_BELOW_MINIMUM'], 409: [...STEP_ERRORS[409], 'APPLICATION_MISSING'] })
  prepare(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PrepareDecisionDto) {
    return this.approvals.prepare(actor, id, dto).catch(oneOpenDecision);
  }

  @ApiBearerAuth()
  @Get('cases/:id/decisions')
  @ApiOperation({ summary: 'The decisions of a case: all of them for the agency; for applicants the issued ones, without who prepared or signed them and without send-back comments' })
  @ApiOkResponse({ type: DecisionViewDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND'] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.approvals.decisions(actor, id);
  }

  @ApiBearerAuth()
  @Roles('approver')
  @Post('decisions/:id/sign-off')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign off a prepared decision (four eyes): commits the budget; the notice is rendered and mailed' })
  @ApiOkResponse({ type: DecisionViewDto, description: 'The approved decision' })
  @ApiErrors({ ...AUTH_ERRORS, ...STEP_ERRORS, 403: ['ROLE_NOT_ALLOWED', 'FOUR_EYES_VIOLATION'], 404: ['DECISION_NOT_FOUND'], 409: [...STEP_ERRORS[409], 'DECISION_NOT_PREPARED', 'BUDGET_EXCEEDED', 'NOT_AMENDABLE'] })
  signOff(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.approvals.signOff(actor, id);
  }

  @ApiBearerAuth()
  @Roles('approver')
  @Post('decisions/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a prepared decision back to the caseworker with a comment (an internal note: applicants never see it)' })
  @ApiOkResponse({ type: DecisionViewDto })
  @ApiErrors({ ...AUTH_ERRORS, ...STEP_ERRORS, 400: ['VALIDATION_FAILED'], 404: ['DECISION_NOT_FOUND'], 409: [...STEP_ERRORS[409], 'DECISION_NOT_PREPARED'] })
  sendBack(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CommentDto) {
    return this.approvals.sendBack(actor, id, dto.comment);
  }

  @ApiBearerAuth()
  @Roles('caseworker')
  @Post('cases/:id/amendments')
  @ApiOperation({ summary: 'Prepare an amendment of an approval (Änderungsbescheid): amount, funding period or plan' })
  @ApiCreatedResponse({ type: DecisionViewDto, description: 'The prepared amendment' })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'FISCAL_YEAR_REQUIRED', 'FUNDING_PERIOD_INVALID', 'GRANT_BELOW_MINIMUM'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: ['NOT_AMENDABLE', 'DECISION_ALREADY_PREPARED'] })
  amend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendmentDto) {
    return this.approvals.prepareAmendment(actor, id, dto);
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Post('cases/:id/waive-objection')
  @HttpCode(200)
  @ApiOperation({ summary: 'Waive objection (Rechtsbehelfsverzicht): the notice becomes final at once' })
  @ApiOkResponse({ type: CaseDto, description: 'The case' })
  @ApiErrors({ ...AUTH_ERRORS, ...STEP_ERRORS })
  waive(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.approvals.waiveObjection(actor, id);
  }

  @ApiBearerAuth()
  @Roles('caseworker')
  @Post('cases/:id/objections')
  @ApiOperation({ summary: 'Record an objection (Widerspruch) received within the period; the case is held' })
  @ApiCreatedResponse({ type: CaseDto, description: 'The case' })
  @ApiErrors({ ...AUTH_ERRORS, ...STEP_ERRORS, 400: ['VALIDATION_FAILED'] })
  object(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ObjectionDto) {
    return this.approvals.lodgeObjection(actor, id, dto.reason);
  }

  @ApiBearerAuth()
  @Roles('caseworker', 'approver')
  @Post('cases/:id/objections/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve the open objection: dismissed (approver), upheld with a new decision, or withdrawn' })
  @ApiOkResponse({ type: CaseDto, description: 'The case' })
  @ApiErrors({ ...AUTH_ERRORS, ...STEP_ERRORS, 400: ['VALIDATION_FAILED', 'REASON_REQUIRED'] })
  resolve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ObjectionOutcomeDto) {
    return this.approvals.resolveObjection(actor, id, dto.outcome, dto.reason);
  }

  @ApiBearerAuth()
  @ApiBearerAuth()
  @Get('cases/:id/notices')
  @ApiOperation({ summary: 'The notices of a case' })
  @ApiOkResponse({ type: NoticeViewDto, isArray: true, description: 'Notices with their SHA-256 and verification code' })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND'] })
  notices_(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.notices.list(actor, id);
  }

  @ApiBearerAuth()
  @Get('notices/:id/content')
  @ApiOperation({ summary: 'Download a notice (PDF)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The notice PDF', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['NOTICE_NOT_FOUND'] })
  async content(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    const { filename, data } = await this.notices.content(actor, id);
    await reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(data);
  }

  @Public()
  @Get('notices/verify')
  @ApiQuery({ name: 'code', required: false, description: 'The verification code printed on every page, FW-XXXX-XXXX-XXXX-XXXX' })
  @ApiQuery({ name: 'sha256', required: false, description: 'Or: the SHA-256 of the PDF, hex' })
  @ApiOperation({
    summary: 'Is this a genuine notice? By the printed verification code (404 NOTICE_NOT_FOUND if it is not ours) or by the SHA-256 of the file (genuine: false if not ours). No login.',
  })
  @ApiExtraModels(VerifiedNoticeDto, HashVerificationDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(VerifiedNoticeDto) }, { $ref: getSchemaPath(HashVerificationDto) }] } })
  @ApiErrors({ 400: ['VERIFICATION_CODE_INVALID', 'HASH_INVALID'], 404: ['NOTICE_NOT_FOUND'], 429: ['TOO_MANY_REQUESTS'] })
  @PublicRateLimit()
  verify(@Query('code') code?: unknown, @Query('sha256') hash?: unknown): Promise<VerifiedNoticeDto | HashVerificationDto> {
    if (code !== undefined) return this.notices.verifyCode(code);
    return this.notices.verify(String(hash ?? '').toLowerCase());
  }

  @Public()
  @Post('notices/verify')
  @HttpCode(200)
  @ApiConsumes('application/pdf')
  @ApiOperation({ summary: 'Is this PDF a genuine notice? Send the file as the body (no login)' })
  @ApiBody({ description: 'The PDF file', schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: HashVerificationDto })
  @ApiErrors({ 400: ['FILE_MISSING'], 413: ['PAYLOAD_TOO_LARGE'], 415: ['UNSUPPORTED_MEDIA_TYPE'], 429: ['TOO_MANY_REQUESTS'] })
  @PublicRateLimit()
  verifyFile(@Req() req: FastifyRequest) {
    const declared = Number(req.headers['content-length']);
    return this.notices.verifyFile(req.body as Readable | undefined, Number.isFinite(declared) ? declared : undefined);
  }
}

function oneOpenDecision(e: unknown): never {
  if (e instanceof Error && e.message.includes('decisions_one_prepared')) {
    throw new ConflictError('DECISION_ALREADY_PREPARED', 'A prepared decision for this case awaits sign-off.');
  }
  throw e;
}

/**
 * The page the verification URL printed on every notice opens (outside /api/v1): German HTML for people, or the
 * same JSON as `GET /api/v1/notices/verify?code=` for a client that asks for JSON only.
 */
@ApiTags('approvals')
@Controller()
export class NoticeVerificationPageController {
  constructor(private readonly notices: NoticesService) {}

  @Public()
  @Get('verify')
  @ApiQuery({ name: 'code', required: false, description: 'The verification code printed on every page; without it, the page shows the form' })
  @ApiProduces('text/html', 'application/json')
  @ApiOperation({ summary: 'Public verification page (HTML) for the code printed on a notice; JSON when the client accepts only JSON' })
  @ApiOkResponse({ description: 'text/html: the page saying the document is genuine (or the empty form); application/json: VerifiedNotice', type: VerifiedNoticeDto })
  @ApiErrors({ 400: ['VERIFICATION_CODE_INVALID'], 404: ['NOTICE_NOT_FOUND'], 429: ['TOO_MANY_REQUESTS'] })
  @PublicRateLimit()
  async page(@Query('code') code: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const accept = String(req.headers.accept ?? '');
    if (accept.includes('application/json') && !accept.includes('text/html')) {
      await reply.send(await this.notices.verifyCode(code ?? ''));
      return;
    }
    const outcome = await this.notices.verificationOutcome(code);
    const { status, html } = verificationPage(outcome);
    await reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }
}
