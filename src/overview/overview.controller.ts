import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { TaskDto, TimelineDto } from './dto/overview.dto';
import { TasksService } from './tasks.service';
import { TimelineService } from './timeline.service';

@ApiTags('overview')
@ApiBearerAuth()
@Controller()
export class OverviewController {
  constructor(
    private readonly tasks: TasksService,
    private readonly timelines: TimelineService,
  ) {}

  @Get('me/tasks')
  @ApiOperation({ summary: 'What waits for me: drafts, steps of my role, information requests, reviews owed, decisions to sign; what is due first comes first' })
  @ApiOkResponse({ type: TaskDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS })
  myTasks(@CurrentActor() actor: Actor) {
    return this.tasks.tasksFor(actor);
  }

  @Get('cases/:id/timeline')
  @ApiOperation({ summary: 'What happened on a case, oldest first: steps, information requests, letters, mails' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND'] })
  timeline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.timelines.timeline(actor, id);
  }
}
