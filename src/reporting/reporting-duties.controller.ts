import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../platform/errors/api-errors.decorator';
import { ExtendDutyDto, OverdueDutyDto, ReportingDutyDto } from './dto/reporting-duties.dto';
import { ReportingDutiesService } from './reporting-duties.service';

@ApiTags('reporting-duties')
@ApiBearerAuth()
@Controller()
export class ReportingDutiesController {
  constructor(private readonly duties: ReportingDutiesService) {}

  @Get('cases/:id/reporting-duties')
  @Roles('applicant', 'caseworker', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: "The case's reporting duties (interim proofs, final proof of use) with their due dates" })
  @ApiOkResponse({ type: ReportingDutyDto, isArray: true })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'] })
  ofCase(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.duties.ofCase(actor, id);
  }

  @Get('reporting-duties/overdue')
  @Roles('caseworker', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: 'Proofs past their due date and not submitted, on cases that still owe them (the agency’s overdue list)' })
  @ApiOkResponse({ type: OverdueDutyDto, isArray: true })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'] })
  overdue() {
    return this.duties.overdue();
  }

  @Post('reporting-duties/:id/received')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Record that an interim proof (Zwischennachweis) came in (caseworker; audited; its reminders stop)' })
  @ApiOkResponse({ type: ReportingDutyDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['REPORTING_DUTY_NOT_FOUND', 'CASE_NOT_FOUND'], 422: ['FINAL_PROOF_BY_SUBMISSION', 'REPORTING_DUTY_FULFILLED'] })
  received(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.duties.received(actor, id);
  }

  @Post('reporting-duties/:id/extend')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Move a due date later, with the reason (caseworker; audited; reminders follow the new date)' })
  @ApiOkResponse({ type: ReportingDutyDto })
  @ApiErrors({ ...AUTH, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['REPORTING_DUTY_NOT_FOUND', 'CASE_NOT_FOUND'], 422: ['DUE_DATE_NOT_LATER', 'REPORTING_DUTY_FULFILLED'] })
  extend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExtendDutyDto) {
    return this.duties.extend(actor, id, dto);
  }
}
