import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../auth/actor';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../errors/api-errors.decorator';
import { QUEUE_BOARD_PATH, QueueBoard } from './queue-board';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/queue-dashboard')
export class QueueBoardController {
  constructor(private readonly board: QueueBoard) {}

  @Roles('admin')
  @Post('session')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Open the queue dashboard',
    description: `Sets a 15-minute HttpOnly cookie (SameSite=Strict, path ${QUEUE_BOARD_PATH}) with which the browser may open the queue dashboard at ${QUEUE_BOARD_PATH} (Bull Board: inspect and retry jobs) while the user stays an active admin.`,
  })
  @ApiNoContentResponse({ description: 'The cookie is set.' })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'] })
  open(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): void {
    reply.header('set-cookie', this.board.sessionCookie(actor.id));
  }
}
