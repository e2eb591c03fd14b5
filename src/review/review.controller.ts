import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { jsonBuffer } from '../platform/http/json-buffer';
import { AffiliationsDto, AssignDto, DeclarationDto, JuryOutcomeDto, ReasonDto, ResolutionDto, SaveReviewDto } from './dto/review.dto';
import { AssignmentService } from './assignment.service';
import { RankingService } from './ranking.service';
import { ReviewingService } from './reviewing.service';
import {
  AffiliationsViewDto,
  AssignmentCreatedDto,
  AssignmentStatusDto,
  AutoAssignmentDto,
  CallAssignmentsDto,
  CaseReviewDto,
  ConceptForReviewDto,
  JuryOutcomeResultDto,
  MyAssignmentDto,
  RankingDto,
  ResolutionViewDto,
  ReviewDraftDto,
  ReviewResultsDto,
  ReviewSubmittedDto,
  ReviewViewDto,
} from './dto/review.responses.dto';

const STAFF = ['caseworker', 'approver', 'auditor', 'admin'] as const;

@ApiTags('review')
@ApiBearerAuth()
@Controller()
export class ReviewController {
  constructor(
    private readonly assignment: AssignmentService,
    private readonly reviewing: ReviewingService,
    private readonly rankings: RankingService,
  ) {}

  @Roles('caseworker', 'admin')
  @Put('reviewers/:id/affiliations')
  @ApiOperation({ summary: "Set the organisations and districts a reviewer is affiliated with (they are excluded from those concepts)" })
  @ApiOkResponse({ type: AffiliationsViewDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'ORGANISATION_NOT_FOUND'], 403: ['ROLE_NOT_ALLOWED'], 404: ['REVIEWER_NOT_FOUND'] })
  affiliations(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AffiliationsDto) {
    return this.assignment.setAffiliations(actor, id, dto);
  }

  @Roles('caseworker')
  @Post('guidelines/:code/calls/:call/assignments')
  @ApiOperation({ summary: 'Assign a reviewer to a concept by hand' })
  @ApiCreatedResponse({ type: AssignmentCreatedDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CALL_NOT_FOUND', 'REVIEWER_NOT_FOUND'], 409: ['REVIEWER_CONFLICT', 'ALREADY_ASSIGNED', 'CONCEPT_NOT_IN_REVIEW'] })
  assign(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('call') call: string, @Body() dto: AssignDto) {
    return this.assignment.assign(actor, code, call, dto);
  }

  @Roles('caseworker')
  @Post('guidelines/:code/calls/:call/assignments/auto')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign reviewers to every concept of the call, balancing the load and excluding affiliated reviewers' })
  @ApiOkResponse({ type: AutoAssignmentDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CALL_NOT_FOUND', 'GUIDELINE_NOT_FOUND'] })
  autoAssign(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('call') call: string) {
    return this.assignment.autoAssign(actor, code, call);
  }

  @Roles(...STAFF)
  @Get('guidelines/:code/calls/:call/assignments')
  @ApiOperation({ summary: "The call's concepts with the jury, each with its reviewers, declared conflicts and excluded reviewers; the active reviewers to assign" })
  @ApiOkResponse({ type: CallAssignmentsDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CALL_NOT_FOUND', 'GUIDELINE_NOT_FOUND'] })
  callAssignments(@Param('code') code: string, @Param('call') call: string) {
    return this.assignment.callAssignments(code, call);
  }

  @Roles(...STAFF)
  @Get('guidelines/:code/calls/:call/review-results')
  @ApiOperation({ summary: "Each concept's reviews, score, spread and disagreement (concepts in review without reviews marked unreviewed); each reviewer's mean and spread" })
  @ApiOkResponse({ type: ReviewResultsDto })
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CALL_NOT_FOUND', 'GUIDELINE_NOT_FOUND'] })
  async results(@Param('code') code: string, @Param('call') call: string) {
    return jsonBuffer(await this.rankings.results(code, call));
  }

  @Roles(...STAFF)
  @Get('guidelines/:code/calls/:call/ranking')
  @ApiOperation({ summary: 'The ranking with tie-breaks and the funding line drawn at the call budget; unreviewed concepts follow without rank, below the line' })
  @ApiOkResponse({ type: RankingDto })
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CALL_NOT_FOUND', 'GUIDELINE_NOT_FOUND'] })
  async ranking(@Param('code') code: string, @Param('call') call: string) {
    return jsonBuffer(await this.rankings.ranking(code, call));
  }

  @Roles(...STAFF)
  @Get('guidelines/:code/calls/:call/ranking.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The ranking as CSV' })
  @ApiOkResponse({ description: 'CSV, one concept a line', schema: { type: 'string' } })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CALL_NOT_FOUND', 'GUIDELINE_NOT_FOUND'] })
  rankingCsv(@Param('code') code: string, @Param('call') call: string) {
    return this.rankings.rankingCsv(code, call);
  }

  @Roles('caseworker')
  @Post('guidelines/:code/calls/:call/jury-outcome')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the jury outcome (invite / reject), one by one or for the whole ranking; applicants are told by mail' })
  @ApiOkResponse({ type: JuryOutcomeResultDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'DECISIONS_REQUIRED', 'REASON_REQUIRED', 'CASE_NOT_IN_CALL'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['CALL_NOT_FOUND', 'CASE_NOT_FOUND'],
    409: ['TRANSITION_NOT_ALLOWED_IN_STATE', 'CONCURRENT_MODIFICATION'],
    422: ['CHECKS_FAILED'],
  })
  outcome(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('call') call: string, @Body() dto: JuryOutcomeDto) {
    return this.rankings.juryOutcome(actor, code, call, dto);
  }

  @Roles('reviewer')
  @Get('reviews/assignments')
  @ApiOperation({ summary: "The reviewer's own assignments" })
  @ApiOkResponse({ type: MyAssignmentDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'] })
  mine(@CurrentActor() actor: Actor) {
    return this.assignment.myAssignments(actor);
  }

  @Roles('reviewer')
  @Post('reviews/assignments/:id/declaration')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare whether you have a conflict of interest, before seeing the concept' })
  @ApiOkResponse({ type: AssignmentStatusDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'REASON_REQUIRED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['ASSIGNMENT_NOT_FOUND'], 409: ['ALREADY_DECLARED'] })
  declare(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeclarationDto) {
    return this.assignment.declare(actor, id, dto);
  }

  @Roles('reviewer')
  @Get('reviews/assignments/:id/concept')
  @ApiOperation({ summary: 'The concept to review (after declaring no conflict)' })
  @ApiOkResponse({ type: ConceptForReviewDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED', 'DECLARATION_REQUIRED', 'CONFLICT_DECLARED'], 404: ['ASSIGNMENT_NOT_FOUND'] })
  concept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.reviewing.conceptForReview(actor, id);
  }

  @Roles('reviewer')
  @Get('reviews/assignments/:id/attachments/:attachmentId/content')
  @ApiOperation({ summary: "Download a file of the concept under review (after declaring no conflict)" })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its stored media type', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED', 'DECLARATION_REQUIRED', 'CONFLICT_DECLARED'], 404: ['ASSIGNMENT_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'] })
  async attachment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ) {
    const { filename, mediaType, data } = await this.reviewing.conceptAttachment(actor, id, attachmentId);
    await reply.header('content-type', mediaType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(data);
  }

  @Roles('reviewer', ...STAFF)
  @Get('reviews/assignments/:id/review')
  @ApiOperation({ summary: 'A review: the reviewer their own, agency staff any' })
  @ApiOkResponse({ type: ReviewViewDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['ASSIGNMENT_NOT_FOUND'] })
  getReview(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.reviewing.getReview(actor, id);
  }

  @Roles('reviewer')
  @Put('reviews/assignments/:id/review')
  @ApiOperation({ summary: 'Save the review as a draft: scores merged per criterion (null removes one), like every draft' })
  @ApiOkResponse({ type: ReviewDraftDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'SCORE_INVALID', 'CRITERION_UNKNOWN'],
    403: ['ROLE_NOT_ALLOWED', 'DECLARATION_REQUIRED', 'CONFLICT_DECLARED'],
    404: ['ASSIGNMENT_NOT_FOUND'],
    409: ['STALE_VERSION', 'REVIEW_SUBMITTED'],
  })
  save(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SaveReviewDto) {
    return this.reviewing.saveReview(actor, id, dto);
  }

  @Roles('reviewer')
  @Post('reviews/assignments/:id/review/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the review as last saved; it is locked afterwards. A second submission, or one racing a save, answers 409' })
  @ApiOkResponse({ type: ReviewSubmittedDto })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED', 'DECLARATION_REQUIRED', 'CONFLICT_DECLARED'], 404: ['ASSIGNMENT_NOT_FOUND'], 409: ['REVIEW_SUBMITTED', 'STALE_VERSION'], 422: ['REVIEW_INCOMPLETE'] })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.reviewing.submitReview(actor, id);
  }

  @Roles('caseworker')
  @Post('reviews/assignments/:id/review/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a submitted review' })
  @ApiOkResponse({ type: AssignmentStatusDto, description: 'The review status' })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['ASSIGNMENT_NOT_FOUND'], 409: ['REVIEW_NOT_SUBMITTED', 'REVIEW_CLOSED'] })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto) {
    return this.reviewing.reopenReview(actor, id, dto.reason);
  }

  @Roles('reviewer', ...STAFF)
  @Get('cases/:id/reviews')
  @ApiOperation({ summary: "A concept's reviews; sealed for a reviewer until their own is submitted; never for applicants" })
  @ApiOkResponse({ type: CaseReviewDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED', 'OWN_REVIEW_NOT_SUBMITTED'], 404: ['CASE_NOT_FOUND'] })
  caseReviews(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.reviewing.caseReviews(actor, id);
  }

  @Roles('caseworker')
  @Post('cases/:id/review-resolution')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that a disagreement between reviewers was looked at' })
  @ApiOkResponse({ type: ResolutionViewDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'] })
  resolve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolutionDto) {
    return this.reviewing.resolveDisagreement(actor, id, dto.note);
  }
}
