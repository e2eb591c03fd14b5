import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import type { Actor } from '../platform/auth/actor';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { ConflictError, NotFoundError } from '../platform/errors/domain-error';
import { InformationAnswerDto, InformationRequestDto } from './dto/applications.dto';
import { InformationRequest } from './entities';

/** Nachforderung: the caseworker asks, the applicant answers; the case moves through the workflow both ways. */
@Injectable()
export class InformationRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
  ) {}

  /** The row itself is written by the guideline's `set_information_deadline` effect, inside the transition. */
  async request(actor: Actor, caseId: string, dto: InformationRequestDto) {
    // The message is the step's reason: recorded with the transition and quoted in the mail.
    await this.workflow.transition(actor, { caseId, transition: 'request_information', reason: dto.message, input: { workingDays: dto.workingDays } });
    const open = await this.dataSource.getRepository(InformationRequest).findOneByOrFail({ caseId, answeredAt: IsNull() });
    return this.view(open);
  }

  async answer(actor: Actor, caseId: string, requestId: string, dto: InformationAnswerDto) {
    return this.dataSource.transaction(async (em) => {
      await this.workflow.getCase(actor, caseId, em);
      const request = await em.findOne(InformationRequest, { where: { id: requestId, caseId }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw new NotFoundError('The information request', 'INFORMATION_REQUEST_NOT_FOUND');
      if (request.answeredAt) throw new ConflictError('INFORMATION_REQUEST_ANSWERED', 'This request has been answered already.');
      Object.assign(request, { answer: dto.answer, answeredBy: actor.id, answeredAt: this.clock.now() });
      await em.save(request);
      await this.workflow.transition(actor, { caseId, transition: 'answer_information_request', reason: null }, em);
      return this.view(request);
    });
  }

  async list(actor: Actor, caseId: string) {
    await this.workflow.getCase(actor, caseId);
    const rows = await this.dataSource.getRepository(InformationRequest).find({ where: { caseId }, order: { requestedAt: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  private view(r: InformationRequest) {
    return {
      id: r.id,
      message: r.message,
      dueOn: r.dueOn,
      requestedAt: r.requestedAt,
      answer: r.answer,
      answeredAt: r.answeredAt,
      reminderSentAt: r.reminderSentAt,
      // overdue from the day after the deadline day, in the authority's time zone
      overdue: !r.answeredAt && berlinDate(this.clock.now()) > r.dueOn,
    };
  }
}
