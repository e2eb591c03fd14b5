import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { LedgerRowDto } from './dto/ledger.dto';
import { LedgerService } from './ledger.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Roles('caseworker', 'approver', 'finance', 'auditor', 'admin')
  @Get('guidelines/:code/calls/:call/ledger')
  @ApiOperation({ summary: 'The budget ledger of a call per fiscal year: budget, committed, paid, recovered, available' })
  @ApiOkResponse({ type: LedgerRowDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CALL_NOT_FOUND'] })
  get(@Param('code') code: string, @Param('call') call: string): Promise<LedgerRowDto[]> {
    return this.ledger.ledger(code, call);
  }
}
