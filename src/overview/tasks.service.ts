import { Injectable } from '@nestjs/common';
import { ApplicationsOverviewService } from '../applications/applications-overview.service';
import { ApprovalsOverviewService } from '../approvals/approvals-overview.service';
import { CaseWorkService } from '../guidelines/workflow/case-work.service';
import { hasRole, organisationScope } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { PaymentRequestsService } from '../payouts/payment-requests.service';
import { ProofOfUseService } from '../reporting/proof-of-use.service';
import { ReportingDutiesService } from '../reporting/reporting-duties.service';
import { ReviewOverviewService } from '../review/review-overview.service';
import type { TaskDto } from './dto/overview.dto';

const CASES = '/api/v1/cases';
/** Filing the proof of use: the step its own page leads to. */
const PROOF_SUBMIT = 'submit_proof_of_use';

/**
 * What waits for the person asking, gathered from the modules: the cases whose state waits for a step of their role
 * (read from the guideline workflows), and what the modules know more precisely — information requests and their
 * deadlines, reviews owed, decisions to sign. A case with a precise task is not listed again as a plain step.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly cases: CaseWorkService,
    private readonly applications: ApplicationsOverviewService,
    private readonly review: ReviewOverviewService,
    private readonly approvals: ApprovalsOverviewService,
    private readonly payments: PaymentRequestsService,
    private readonly proofs: ProofOfUseService,
    private readonly duties: ReportingDutiesService,
  ) {}

  async tasksFor(actor: Actor): Promise<TaskDto[]> {
    const precise: TaskDto[] = [];
    const scope = organisationScope(actor);

    if (hasRole(actor, 'applicant') && typeof scope === 'string') {
      const open = await this.applications.openInformationRequests({ organisationId: scope });
      const cases = await this.cases.summaries(open.map((r) => r.caseId));
      const returned = await this.proofs.returnedProofs(open.map((r) => r.caseId));
      for (const r of open) {
        const c = cases.get(r.caseId);
        if (!c) continue;
        // a returned proof of use is answered by filing it again
        if (returned.has(r.caseId)) precise.push({ kind: 'proof_of_use_returned', ...this.named(c), dueOn: r.dueOn, link: `${CASES}/${r.caseId}/proof-of-use`, informationRequestId: r.id });
        else precise.push({ kind: 'information_request', ...this.named(c), dueOn: r.dueOn, link: `${CASES}/${r.caseId}/information-requests`, informationRequestId: r.id });
      }
    }
    if (hasRole(actor, 'caseworker')) {
      const overdue = await this.applications.openInformationRequests({ organisationId: null, overdueOnly: true });
      const cases = await this.cases.summaries(overdue.map((r) => r.caseId));
      for (const r of overdue) {
        const c = cases.get(r.caseId);
        if (!c) continue;
        precise.push({ kind: 'overdue_answer', ...this.named(c), dueOn: r.dueOn, link: `${CASES}/${r.caseId}/information-requests`, informationRequestId: r.id });
      }
      const toCheck = await this.proofs.proofsToCheck();
      const checkCases = await this.cases.summaries(toCheck);
      for (const caseId of toCheck) {
        const c = checkCases.get(caseId);
        if (c) precise.push({ kind: 'check_proof_of_use', ...this.named(c), link: `${CASES}/${caseId}/proof-of-use` });
      }
      // proofs past their due date on cases that still owe them: one entry per case, the oldest due date
      const late = await this.duties.overdue();
      const lateCases = await this.cases.summaries(late.map((d) => d.caseId));
      const listed = new Set<string>();
      for (const d of late) {
        const c = lateCases.get(d.caseId);
        if (!c || listed.has(d.caseId)) continue;
        listed.add(d.caseId);
        precise.push({ kind: 'overdue_proof', ...this.named(c), dueOn: d.dueOn, link: `${CASES}/${d.caseId}/reporting-duties` });
      }
    }
    if (hasRole(actor, 'reviewer')) {
      const owed = await this.review.openAssignments(actor);
      const cases = await this.cases.summaries(owed.map((a) => a.caseId));
      for (const a of owed) {
        const c = cases.get(a.caseId);
        // a review is owed while the concept is with the jury: not after it was ranked into another stage or closed
        if (!c || c.final || c.stage !== 'concept' || c.editable) continue;
        const link = `/api/v1/reviews/assignments/${a.assignmentId}/${a.owes === 'declaration' ? 'declaration' : 'review'}`;
        precise.push({ kind: a.owes, ...this.named(c), link, assignmentId: a.assignmentId });
      }
    }
    if (hasRole(actor, 'approver')) {
      const toSign = await this.approvals.decisionsToSign(actor);
      const cases = await this.cases.summaries(toSign.map((d) => d.caseId));
      for (const d of toSign) {
        const c = cases.get(d.caseId);
        if (!c) continue;
        precise.push({ kind: 'sign_decision', ...this.named(c), link: `/api/v1/decisions/${d.decisionId}/sign-off`, decisionId: d.decisionId });
      }
    }
    // payment requests: the caseworker certifies, finance (another person) orders
    for (const [role, status, kind] of [['caseworker', 'submitted', 'certify_payment'], ['finance', 'certified', 'order_payment']] as const) {
      if (!hasRole(actor, role)) continue;
      const waiting = await this.payments.waiting(status);
      const cases = await this.cases.summaries(waiting.map((r) => r.caseId));
      for (const r of waiting) {
        const c = cases.get(r.caseId);
        // what someone certified is never theirs to order (four eyes)
        if (!c || r.certifiedBy === actor.id) continue;
        precise.push({ kind, ...this.named(c), link: `/api/v1/payment-requests/${r.id}`, paymentRequestId: r.id });
      }
    }

    const covered = new Set(precise.map((t) => t.caseId));
    const steps: TaskDto[] = [];
    for (const c of await this.cases.awaiting(actor)) {
      if (covered.has(c.caseId)) continue;
      const applicantDraft = c.editable !== null && hasRole(actor, 'applicant');
      // the application due date runs while the applicant has yet to start or submit the formal application
      const dueOn = c.applicationDueOn && (c.editable === 'application' || c.stage === 'concept') && hasRole(actor, 'applicant') ? c.applicationDueOn : undefined;
      // the proof of use has its own page to file it on
      const proof = hasRole(actor, 'applicant') && c.steps.includes(PROOF_SUBMIT) ? 'proof_of_use' : null;
      // …by the next due date of its reporting duties
      const proofDue = proof ? await this.duties.nextDue(c.caseId) : null;
      steps.push({
        kind: proof ?? (applicantDraft ? 'draft' : 'step'),
        ...this.named(c),
        ...(dueOn ? { dueOn } : proofDue ? { dueOn: proofDue } : {}),
        steps: c.steps,
        link: proof ? `${CASES}/${c.caseId}/proof-of-use` : applicantDraft ? `${CASES}/${c.caseId}/${c.editable}` : `${CASES}/${c.caseId}`,
      });
    }
    // what is due first comes first; then by file number
    return [...precise, ...steps].sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || (a.fileNumber ?? '~').localeCompare(b.fileNumber ?? '~'));
  }

  private named(c: { caseId: string; fileNumber: string | null; title: string; state: string; stateLabel: string }) {
    return { caseId: c.caseId, fileNumber: c.fileNumber, title: c.title, state: c.state, stateLabel: c.stateLabel };
  }
}
