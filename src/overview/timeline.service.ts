import { Injectable } from '@nestjs/common';
import { ApplicationsOverviewService } from '../applications/applications-overview.service';
import { ApprovalsOverviewService } from '../approvals/approvals-overview.service';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { PaymentRequestsService } from '../payouts/payment-requests.service';
import { stateOf } from '../guidelines/workflow/workflow-rules';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { seesAllOrganisations } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { formatEuro } from '../platform/format';
import { MailService } from '../platform/mail/mail.service';
import type { TimelineDto, TimelineEntryDto } from './dto/overview.dto';

// Within one instant: the step first, then what it caused.
const ORDER: Record<string, number> = { transition: 0, information_requested: 1, information_answered: 1, notice: 2, payment: 2, mail: 3 };
const PAYMENT_STEP = { submitted: 'eingereicht', certified: 'geprüft', ordered: 'angeordnet' } as const;

/** What happened on a case, oldest first, for whoever may see the case. Applicants see no staff ids and no agency-only mail. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly guidelines: GuidelinesService,
    private readonly applications: ApplicationsOverviewService,
    private readonly approvals: ApprovalsOverviewService,
    private readonly mail: MailService,
    private readonly payments: PaymentRequestsService,
  ) {}

  async timeline(actor: Actor, caseId: string): Promise<TimelineDto> {
    const found = await this.workflow.getCase(actor, caseId); // another organisation's case: 404
    const agency = seesAllOrganisations(actor);
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    const label = (state: string | null) => (state === null ? null : (stateOf(definition, state)?.label ?? state));
    const entries: TimelineEntryDto[] = [];

    for (const t of await this.workflow.history(actor, caseId)) {
      // only these fields ever leave: the transition's name, its states, its public reason, when, and (for staff) who
      entries.push({
        at: t.occurredAt,
        kind: 'transition',
        summary: t.fromState === null ? `Angelegt: ${label(t.toState)}` : `${label(t.fromState)} → ${label(t.toState)}`,
        transition: {
          name: t.transition,
          fromState: t.fromState,
          fromStateLabel: label(t.fromState),
          toState: t.toState,
          toStateLabel: label(t.toState)!,
          reason: t.reason,
          ...(agency ? { actorId: t.actorId } : {}),
        },
      });
    }
    for (const r of await this.applications.informationRequestsOf(caseId)) {
      const informationRequest = { id: r.id, message: r.message, dueOn: r.dueOn, overdue: r.overdue };
      entries.push({ at: r.requestedAt, kind: 'information_requested', summary: `Unterlagen nachgefordert, Frist ${r.dueOn}`, informationRequest });
      if (r.answeredAt) entries.push({ at: r.answeredAt, kind: 'information_answered', summary: 'Nachforderung beantwortet', informationRequest });
    }
    for (const n of await this.approvals.noticesOf(caseId)) {
      entries.push({ at: n.createdAt, kind: 'notice', summary: `Bescheid (${n.kind}) vom ${n.issuedOn}`, notice: { id: n.id, kind: n.kind, issuedOn: n.issuedOn, verificationCode: n.verificationCode } });
    }
    for (const p of await this.payments.eventsOf(caseId)) {
      entries.push({ at: p.at, kind: 'payment', summary: `${p.final ? 'Schlusszahlung' : `Mittelabruf Nr. ${p.number}`} ${PAYMENT_STEP[p.step]}: ${formatEuro(p.amountCents)}`, payment: { number: p.number, step: p.step, amountCents: p.amountCents } });
    }
    for (const m of await this.mail.sentAbout(caseId, agency)) {
      entries.push({ at: m.sentAt, kind: 'mail', summary: `E-Mail: ${m.subject}`, mail: agency ? { subject: m.subject, recipient: m.recipient, internal: m.internal } : { subject: m.subject } });
    }
    entries.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime() || ORDER[a.kind] - ORDER[b.kind]);
    return { caseId, fileNumber: found.fileNumber, applicationDueOn: found.applicationDueOn ?? null, entries };
  }
}
