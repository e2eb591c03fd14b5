import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../platform/errors/api-errors.decorator';
import { CaseDto, CaseTransitionDto, GuidelineSummaryDto, GuidelineVersionDto, TransitionDto } from './dto/workflow.dto';
import { GuidelinesService } from './guidelines.service';
import { WorkflowService } from './workflow/workflow.service';


@ApiTags('guidelines')
@ApiBearerAuth()
@Controller('guidelines')
export class GuidelinesController {
  constructor(private readonly guidelines: GuidelinesService) {}

  @Get()
  @ApiOperation({ summary: 'The guidelines in force, each at its current version' })
  @ApiOkResponse({ type: GuidelineSummaryDto, isArray: true })
  @ApiErrors(AUTH)
  list(): GuidelineSummaryDto[] {
    return this.guidelines
      .list()
      .map((v) => ({ code: v.code, title: v.definition.title, edition: v.edition, versionId: v.id, contentHash: v.contentHash }));
  }

  @Roles('admin', 'auditor', 'caseworker')
  @Get(':code/versions')
  @ApiOperation({ summary: 'Every stored version of a guideline; cases keep the version they started under' })
  @ApiOkResponse({ type: GuidelineVersionDto, isArray: true })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['GUIDELINE_NOT_FOUND'] })
  versions(@Param('code') code: string): Promise<GuidelineVersionDto[]> {
    return this.guidelines.versions(code);
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly workflow: WorkflowService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A case with the steps the user may take next' })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors({ ...AUTH, 400: ['BAD_REQUEST'], 404: ['CASE_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflow.describe(actor, id);
  }

  @Get(':id/transitions')
  @ApiOperation({ summary: 'Every transition of the case: when, from, to, the public reason; the agency also sees who took it and internal notes' })
  @ApiOkResponse({ type: CaseTransitionDto, isArray: true })
  @ApiErrors({ ...AUTH, 400: ['BAD_REQUEST'], 404: ['CASE_NOT_FOUND'] })
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CaseTransitionDto[]> {
    return this.workflow.history(actor, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a step of the guideline workflow (steps with a route of their own, e.g. request_information, are refused here: 400 TRANSITION_HAS_OWN_ROUTE names it)' })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors({
    ...AUTH,
    400: ['VALIDATION_FAILED', 'TRANSITION_UNKNOWN', 'REASON_REQUIRED', 'TRANSITION_HAS_OWN_ROUTE'],
    403: ['ROLE_NOT_ALLOWED', 'INTERNAL_NOTE_NOT_ALLOWED'],
    404: ['CASE_NOT_FOUND'],
    409: ['TRANSITION_NOT_ALLOWED_IN_STATE', 'STALE_VERSION', 'CONCURRENT_MODIFICATION', 'TRANSITION_UNAVAILABLE'],
    422: ['CHECKS_FAILED'],
  })
  async transition(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TransitionDto) {
    await this.workflow.genericTransition(actor, { caseId: id, ...dto });
    return this.workflow.describe(actor, id);
  }
}
