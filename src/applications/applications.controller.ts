import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Public, Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { ApplicationsService } from './applications.service';
import {
  CreateConceptDto,
  EarlyStartDecisionDto,
  EarlyStartRequestDto,
  ListCasesQuery,
  SaveApplicationDto,
  SaveConceptDto,
} from './dto/applications.dto';
import { CaseDto } from '../guidelines/dto/workflow.dto';
import { CaseListDto, EarlyStartRequestViewDto, OpenCallViewDto, ProposalViewDto } from './dto/applications.responses.dto';
import { WithdrawDto } from './dto/responses.dto';
import { PublicRateLimit } from '../platform/http/public-throttler.guard';

const SUBMIT_ERRORS = {
  ...AUTH_ERRORS,
  403: ['ROLE_NOT_ALLOWED'],
  404: ['CASE_NOT_FOUND'],
  409: ['TRANSITION_NOT_ALLOWED_IN_STATE', 'CONCURRENT_MODIFICATION', 'STALE_VERSION'],
  422: ['CHECKS_FAILED'],
};
const SAVE_ERRORS = {
  ...AUTH_ERRORS,
  400: ['VALIDATION_FAILED', 'FIELD_INVALID', 'FIELD_UNKNOWN'],
  403: ['ROLE_NOT_ALLOWED'],
  404: ['CASE_NOT_FOUND', 'PROPOSAL_NOT_FOUND'],
  409: ['STALE_VERSION', 'PROPOSAL_NOT_EDITABLE'],
  422: ['COST_YEAR_OUTSIDE_FUNDING_PERIOD', 'COST_YEAR_OUTSIDE_CALL_BUDGET'],
};

@ApiTags('applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Public()
  @Get('calls')
  @ApiOperation({ summary: 'Open calls of every guideline: deadline, variants and caps, categories and rates, required attachments' })
  @ApiOkResponse({ type: OpenCallViewDto, isArray: true })
  @ApiErrors({ 429: ['TOO_MANY_REQUESTS'] })
  @PublicRateLimit()
  openCalls() {
    return this.applications.openCalls();
  }

  @ApiBearerAuth()
  @Roles('applicant', 'caseworker', 'approver', 'finance', 'auditor', 'admin')
  @Get('cases')
  @ApiOperation({ summary: "Cases, filtered, sorted and paged; applicants see only their organisation's" })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'] })
  @ApiOkResponse({ type: CaseListDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery) {
    return this.applications.listCases(actor, query);
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Post('concepts')
  @ApiOperation({ summary: "Start a concept (Projektskizze) for an open call in the applicant's organisation's name" })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['GUIDELINE_NOT_FOUND', 'CALL_NOT_FOUND'], 409: ['CALL_NOT_OPEN'] })
  @ApiCreatedResponse({ type: ProposalViewDto })
  createConcept(@CurrentActor() actor: Actor, @Body() dto: CreateConceptDto) {
    return this.applications.createConcept(actor, dto);
  }

  @ApiBearerAuth()
  @Get('cases/:id/concept')
  @ApiOperation({ summary: 'The concept, its computed grant and what still blocks submission' })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND', 'PROPOSAL_NOT_FOUND'] })
  @ApiOkResponse({ type: ProposalViewDto })
  getConcept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.getProposal(actor, id, 'concept');
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Put('cases/:id/concept')
  @ApiOperation({ summary: 'Save the concept draft (as often as needed)' })
  @ApiErrors(SAVE_ERRORS)
  @ApiOkResponse({ type: ProposalViewDto })
  saveConcept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SaveConceptDto) {
    return this.applications.saveProposal(actor, id, 'concept', dto);
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Post('cases/:id/concept/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the concept: everything is checked at once; on success it gets a file number and is frozen' })
  @ApiErrors(SUBMIT_ERRORS)
  @ApiOkResponse({ type: CaseDto, description: 'The case as it is afterwards' })
  submitConcept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.step(actor, id, 'submit_concept');
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Post('cases/:id/application')
  @ApiOperation({ summary: 'Start the formal application of an invited case (copies the concept)' })
  @ApiErrors(SUBMIT_ERRORS)
  @ApiCreatedResponse({ type: CaseDto, description: 'The case as it is afterwards' })
  startApplication(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.step(actor, id, 'start_application');
  }

  @ApiBearerAuth()
  @Get('cases/:id/application')
  @ApiOperation({ summary: 'The formal application, its computed grant and what still blocks submission' })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND', 'PROPOSAL_NOT_FOUND'] })
  @ApiOkResponse({ type: ProposalViewDto })
  getApplication(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.getProposal(actor, id, 'application');
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Put('cases/:id/application')
  @ApiOperation({ summary: 'Save the application draft: financing plan, funding period, bank account, form' })
  @ApiErrors(SAVE_ERRORS)
  @ApiOkResponse({ type: ProposalViewDto })
  saveApplication(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SaveApplicationDto) {
    return this.applications.saveProposal(actor, id, 'application', dto);
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Post('cases/:id/application/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the formal application' })
  @ApiErrors(SUBMIT_ERRORS)
  @ApiOkResponse({ type: CaseDto, description: 'The case as it is afterwards' })
  submitApplication(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.step(actor, id, 'submit_application');
  }

  @ApiBearerAuth()
  @Roles('applicant', 'caseworker')
  @Post('cases/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the request (any time before a decision)' })
  @ApiErrors(SUBMIT_ERRORS)
  @ApiOkResponse({ type: CaseDto, description: 'The case as it is afterwards' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawDto) {
    return this.applications.step(actor, id, 'withdraw', dto.reason);
  }

  @ApiBearerAuth()
  @Roles('applicant')
  @Post('cases/:id/early-start')
  @ApiOperation({ summary: 'Ask for consent to start before the decision (vorzeitiger Maßnahmebeginn)' })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: ['EARLY_START_ALREADY_REQUESTED', 'PROPOSAL_NOT_EDITABLE'] })
  @ApiCreatedResponse({ type: EarlyStartRequestViewDto })
  requestEarlyStart(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EarlyStartRequestDto) {
    return this.applications.requestEarlyStart(actor, id, dto);
  }

  @ApiBearerAuth()
  @Roles('caseworker')
  @Post('cases/:id/early-start/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant or refuse the early start' })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND', 'EARLY_START_NOT_REQUESTED'], 409: ['EARLY_START_ALREADY_DECIDED'] })
  @ApiOkResponse({ type: EarlyStartRequestViewDto })
  decideEarlyStart(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EarlyStartDecisionDto) {
    return this.applications.decideEarlyStart(actor, id, dto);
  }

  @ApiBearerAuth()
  @Get('cases/:id/early-start')
  @ApiOkResponse({ type: EarlyStartRequestViewDto, description: 'The early-start request, or 404 EARLY_START_NOT_REQUESTED' })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND', 'EARLY_START_NOT_REQUESTED'] })
  getEarlyStart(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.getEarlyStart(actor, id);
  }
}
