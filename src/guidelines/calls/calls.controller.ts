import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/actor';
import { Roles } from '../../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../../platform/errors/api-errors.decorator';
import { CallDetailDto, CallSummaryDto, ChangeCallDto, CloseCallDto, OpenCallDto, SetBudgetDto } from '../dto/calls.dto';
import { CallsService } from './calls.service';

const ADMIN_ERRORS = { ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 404: ['GUIDELINE_NOT_FOUND', 'CALL_NOT_FOUND'] } as const;

@ApiTags('calls')
@ApiBearerAuth()
@Controller('guidelines/:code/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @ApiOperation({ summary: "The guideline's calls (upcoming, open and closed) with dates and budgets" })
  @ApiOkResponse({ type: CallSummaryDto, isArray: true })
  @ApiErrors({ ...AUTH, 404: ['GUIDELINE_NOT_FOUND'] })
  list(@Param('code') code: string) {
    return this.calls.listOf(code);
  }

  @Get(':call')
  @ApiOperation({
    summary: 'A call with what a client needs to render its forms: dates, status, budgets, forms, cost categories with rates, variants with caps, attachment types, deadlines; jury criteria and the change history only for agency roles and reviewers',
  })
  @ApiOkResponse({ type: CallDetailDto })
  @ApiErrors({ ...AUTH, 404: ['GUIDELINE_NOT_FOUND', 'CALL_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('call') call: string) {
    return this.calls.describe(actor, code, call);
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: "Open a call from the guideline's template: code, title, opening, deadline, budget per fiscal year (admin)" })
  @ApiCreatedResponse({ type: CallDetailDto })
  @ApiErrors({ ...ADMIN_ERRORS, 400: ['VALIDATION_FAILED', 'DATE_INVALID', 'DEADLINE_BEFORE_OPENING', 'FISCAL_YEAR_DUPLICATE'], 404: ['GUIDELINE_NOT_FOUND'], 409: ['CALL_EXISTS'] })
  open(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: OpenCallDto) {
    return this.calls.open(actor, code, dto);
  }

  @Roles('admin')
  @Patch(':call')
  @ApiOperation({ summary: 'Move the opening or the deadline, or rename a call, with a reason (admin; audited, shown in the call)' })
  @ApiOkResponse({ type: CallDetailDto })
  @ApiErrors({ ...ADMIN_ERRORS, 400: ['VALIDATION_FAILED', 'NOTHING_TO_CHANGE', 'DATE_INVALID', 'DEADLINE_BEFORE_OPENING'], 409: ['CALL_CLOSED'] })
  change(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('call') call: string, @Body() dto: ChangeCallDto) {
    return this.calls.change(actor, code, call, dto);
  }

  @Roles('admin')
  @Post(':call/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a call before its deadline, with a reason (admin); the jury may rank at once' })
  @ApiOkResponse({ type: CallDetailDto })
  @ApiErrors({ ...ADMIN_ERRORS, 400: ['VALIDATION_FAILED'], 409: ['CALL_ALREADY_CLOSED'] })
  close(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('call') call: string, @Body() dto: CloseCallDto) {
    return this.calls.close(actor, code, call, dto.reason);
  }

  @Roles('admin')
  @Put(':call/budgets/:fiscalYear')
  @ApiOperation({ summary: "Raise, lower or add a fiscal year's budget, with a reason (admin); never below what is committed" })
  @ApiOkResponse({ type: CallDetailDto })
  @ApiErrors({ ...ADMIN_ERRORS, 400: ['VALIDATION_FAILED', 'BAD_REQUEST', 'FISCAL_YEAR_INVALID', 'NOTHING_TO_CHANGE'], 409: ['BUDGET_BELOW_COMMITTED'] })
  setBudget(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('call') call: string, @Param('fiscalYear', ParseIntPipe) fiscalYear: number, @Body() dto: SetBudgetDto) {
    return this.calls.setBudget(actor, code, call, fiscalYear, dto.amountCents, dto.reason);
  }
}
