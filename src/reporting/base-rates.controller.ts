import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../platform/errors/api-errors.decorator';
import { BaseRatesService } from './base-rates.service';
import { BaseRateDto, BaseRatesDto, EnterBaseRateDto } from './dto/base-rates.dto';

@ApiTags('base-rates')
@ApiBearerAuth()
@Controller('base-rates')
export class BaseRatesController {
  constructor(private readonly baseRates: BaseRatesService) {}

  @Get()
  @Roles('caseworker', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: 'The base rates (Basiszinssatz, § 247 BGB) recovery interest is counted from, and the first day without a known rate' })
  @ApiOkResponse({ type: BaseRatesDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'] })
  list() {
    return this.baseRates.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: "Enter the next half-year's base rate from the Bundesbank's announcement, with its source (admin; audited; recorded rates are never changed)" })
  @ApiCreatedResponse({ type: BaseRateDto })
  @ApiErrors({ ...AUTH, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 409: ['BASE_RATE_EXISTS', 'BASE_RATE_OUT_OF_ORDER'] })
  enter(@CurrentActor() actor: Actor, @Body() dto: EnterBaseRateDto) {
    return this.baseRates.enter(actor, dto);
  }
}
