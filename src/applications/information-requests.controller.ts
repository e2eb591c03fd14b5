import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { InformationAnswerDto, InformationRequestDto } from './dto/applications.dto';
import { InformationRequestViewDto } from './dto/applications.responses.dto';
import { InformationRequestsService } from './information-requests.service';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('cases/:id/information-requests')
export class InformationRequestsController {
  constructor(private readonly requests: InformationRequestsService) {}

  @Roles('caseworker')
  @Post()
  @ApiOperation({ summary: "Request information (Nachforderung); the deadline is counted in working days of the authority's calendar" })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND'], 409: ['TRANSITION_NOT_ALLOWED_IN_STATE', 'CONCURRENT_MODIFICATION'] })
  @ApiCreatedResponse({ type: InformationRequestViewDto })
  request(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InformationRequestDto) {
    return this.requests.request(actor, id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Information requests of a case, with their deadlines and whether they are overdue' })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND'] })
  @ApiOkResponse({ type: InformationRequestViewDto, isArray: true })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.list(actor, id);
  }

  @Roles('applicant')
  @Post(':requestId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the open request; the case goes back to the caseworker' })
  @ApiOkResponse({ type: InformationRequestViewDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['CASE_NOT_FOUND', 'INFORMATION_REQUEST_NOT_FOUND'],
    409: ['INFORMATION_REQUEST_ANSWERED', 'TRANSITION_NOT_ALLOWED_IN_STATE'],
    422: ['CHECKS_FAILED'],
  })
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: InformationAnswerDto,
  ) {
    return this.requests.answer(actor, id, requestId, dto);
  }
}
