import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { DISTRICT } from '../applications/domain/district';
import { calculateGrant, CostLine } from '../applications/domain/grant-calculation';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { stateOf, stepFrom } from '../guidelines/workflow/workflow-rules';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { seesAllOrganisations } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { applyReductions } from '../ledger/domain/budget-split';
import { LedgerService } from '../ledger/ledger.service';
import { AuditService } from '../platform/audit/audit.service';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-error';
import { formatEuro } from '../platform/format';
import { OutboxService } from '../platform/outbox/outbox.service';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { AmendmentDto, PrepareDecisionDto } from './dto/approvals.dto';

export interface DecisionRow {
  id: string;
  case_id: string;
  kind: 'approval' | 'rejection' | 'amendment';
  status: 'prepared' | 'returned' | 'approved';
  costs: CostLine[];
  requested_rates_bp: Record<string, number>;
  reductions: { category: string; eligibleCents: number; reason: string }[];
  reasons: string[];
  grant_cents: string;
  own_contribution_cents: string;
  third_party_funds: { source: string; amountCents: number }[];
  funding_start: string | null;
  funding_end: string | null;
  supersedes: string | null;
  prepared_by: string;
  approved_by: string | null;
  verification_code: string | null;
  notice_date: string | null;
  deemed_received_on: string | null;
  objection_deadline: string | null;
}

/**
 * Fills approved_costs (read by the budget report) from the approved decisions `where` selects: their cost lines summed
 * per category and fiscal year, dated by the sign-off's day in Germany, with the case's guideline, call and district.
 * Exported for the benchmark, which seeds approved decisions in SQL and so fills the table as sign-off does.
 */
export const insertApprovedCosts = (where: string): string =>
  `INSERT INTO approved_costs (case_id, decision_id, guideline_code, call_code, district, category, fiscal_year, cents, approved_on)
   SELECT d.case_id, d.id, c.guideline_code, c.call_code, ${DISTRICT}, l->>'category', (l->>'fiscalYear')::int, sum((l->>'amountCents')::bigint),
          (d.approved_at AT TIME ZONE 'Europe/Berlin')::date
     FROM decisions d JOIN cases c ON c.id = d.case_id JOIN organisations o ON o.id = c.organisation_id
    CROSS JOIN jsonb_array_elements(d.costs) l
    WHERE ${where}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 9`;

/**
 * Decisions under four eyes. Sign-off commits the grant per fiscal year in the ledger (LedgerService), under its
 * row locks, so concurrent sign-offs can never take a year over its budget.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly workflow: WorkflowService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly applications: ApplicationsService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

  async prepare(actor: Actor, caseId: string, dto: PrepareDecisionDto) {
    return this.dataSource.transaction(async (em) => {
      const found = await this.workflow.getCase(actor, caseId, em);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      const app = (await this.applications.proposalsOf(em, [caseId], 'application')).get(caseId);
      if (!app) throw new ConflictError('APPLICATION_MISSING', 'The case has no formal application to decide on.');
      let row: { id: string };
      if (dto.kind === 'rejection') {
        if (!dto.reasons?.length) throw new ValidationError('REASONS_REQUIRED', 'A rejection states its reasons.', { field: 'reasons' });
        [row] = await em.query(`INSERT INTO decisions (case_id, kind, status, reasons, prepared_by) VALUES ($1, 'rejection', 'prepared', $2, $3) RETURNING id`, [
          caseId,
          JSON.stringify(dto.reasons),
          actor.id,
        ]);
        // until it is signed off, a rejection and its reasons are the agency's working papers
        await this.workflow.transition(actor, { caseId, transition: 'prepare_rejection', internalNote: dto.reasons.join(' '), reasonIsInternal: true }, em);
      } else {
        const reductions = dto.kind === 'partial' ? (dto.reductions ?? []) : [];
        if (dto.kind === 'partial' && reductions.length === 0) throw new ValidationError('REDUCTIONS_REQUIRED', 'A partial approval names the reduced categories.', { field: 'reductions' });
        const costs = this.reducedCosts(app.costs, reductions);
        const plan = this.plan(definition, app.variant!, costs, app.requestedRatesBp, app.thirdPartyFunds);
        [row] = await em.query(
          `INSERT INTO decisions (case_id, kind, status, costs, requested_rates_bp, reductions, grant_cents, calculation, own_contribution_cents, third_party_funds, funding_start, funding_end, prepared_by)
           VALUES ($1, 'approval', 'prepared', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            caseId,
            JSON.stringify(costs),
            app.requestedRatesBp,
            JSON.stringify(reductions),
            plan.grantCents,
            plan.calculation,
            plan.ownContributionCents,
            JSON.stringify(app.thirdPartyFunds),
            app.fundingStart,
            app.fundingEnd,
            actor.id,
          ],
        );
        await this.workflow.transition(actor, { caseId, transition: 'prepare_decision' }, em);
      }
      await this.audit.append(em, { actorId: actor.id, action: 'decision.prepared', entityType: 'case', entityId: caseId, data: { decisionId: row.id, ...dto } });
      return this.decision(em, row.id);
    });
  }

  /** Four eyes: the one who prepared it can never sign it off, whatever their roles. */
  async signOff(actor: Actor, decisionId: string) {
    return this.dataSource.transaction(async (em) => {
      const d = await this.lockedDecision(em, actor, decisionId);
      if (d.status !== 'prepared') throw new ConflictError('DECISION_NOT_PREPARED', 'Only a prepared decision can be signed off.');
      if (d.prepared_by === actor.id) throw new ForbiddenError('The person who prepared a decision cannot sign it off (four eyes).', 'FOUR_EYES_VIOLATION');
      // the workflow's checks and effects see the decision as prepared; it becomes approved in the same transaction
      if (d.kind === 'amendment') await this.approveAmendment(em, d);
      else await this.workflow.transition(actor, { caseId: d.case_id, transition: d.kind === 'approval' ? 'approve_decision' : 'approve_rejection' }, em);
      await em.query(`UPDATE decisions SET status = 'approved', approved_by = $2, approved_at = now() WHERE id = $1`, [decisionId, actor.id]);
      if (d.kind !== 'rejection') await this.recordApprovedCosts(em, d);
      await this.audit.append(em, { actorId: actor.id, action: 'decision.signed_off', entityType: 'case', entityId: d.case_id, data: { decisionId, kind: d.kind } });
      return this.decision(em, decisionId);
    });
  }

  async sendBack(actor: Actor, decisionId: string, comment: string) {
    return this.dataSource.transaction(async (em) => {
      const d = await this.lockedDecision(em, actor, decisionId);
      if (d.status !== 'prepared') throw new ConflictError('DECISION_NOT_PREPARED', 'Only a prepared decision can be sent back.');
      await em.query(`UPDATE decisions SET status = 'returned', return_comment = $2 WHERE id = $1`, [decisionId, comment]);
      if (d.kind !== 'amendment') {
        // the approver's comment is for the caseworker: an internal note, never a public reason
        await this.workflow.transition(
          actor,
          { caseId: d.case_id, transition: d.kind === 'approval' ? 'return_decision' : 'return_rejection', internalNote: comment, reasonIsInternal: true },
          em,
        );
      }
      await this.audit.append(em, { actorId: actor.id, action: 'decision.returned', entityType: 'case', entityId: d.case_id, data: { decisionId, comment } });
      return this.decision(em, decisionId);
    });
  }

  /** Änderung after approval: amount, period or plan; signed off like a decision, the budget re-checked for the difference. */
  async prepareAmendment(actor: Actor, caseId: string, dto: AmendmentDto) {
    return this.dataSource.transaction(async (em) => {
      const found = await this.workflow.getCase(actor, caseId, em);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      const current = await this.currentApproval(em, caseId);
      if (!current || !amendable(definition, found.state)) {
        throw new ConflictError('NOT_AMENDABLE', 'Only an approval whose notice is final can be amended.');
      }
      const variant = await this.variantOf(em, caseId);
      const costs = (dto.costs as CostLine[] | undefined) ?? current.costs;
      if (costs.some((l) => l.fiscalYear === undefined)) throw new ValidationError('FISCAL_YEAR_REQUIRED', 'Every cost line needs its fiscal year.', { field: 'costs' });
      const thirdParty = dto.thirdPartyFunds ?? current.third_party_funds;
      const plan = this.plan(definition, variant, costs, current.requested_rates_bp, thirdParty);
      const start = dto.fundingStart ?? current.funding_start;
      const end = dto.fundingEnd ?? current.funding_end;
      if (start && end && end < start) throw new ValidationError('FUNDING_PERIOD_INVALID', 'The funding period must end after it starts.', { field: 'fundingEnd' });
      const [row] = await em.query(
        `INSERT INTO decisions (case_id, kind, status, costs, requested_rates_bp, reasons, grant_cents, calculation, own_contribution_cents, third_party_funds, funding_start, funding_end, supersedes, prepared_by)
         VALUES ($1, 'amendment', 'prepared', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [caseId, JSON.stringify(costs), current.requested_rates_bp, JSON.stringify([dto.reason]), plan.grantCents, plan.calculation, plan.ownContributionCents, JSON.stringify(thirdParty), start, end, current.id, actor.id],
      ).catch((e) => {
        if (String(e.message).includes('decisions_one_prepared')) throw new ConflictError('DECISION_ALREADY_PREPARED', 'A prepared decision for this case awaits sign-off.');
        throw e;
      });
      await this.audit.append(em, { actorId: actor.id, action: 'amendment.prepared', entityType: 'case', entityId: caseId, data: { decisionId: row.id, ...dto } });
      return this.decision(em, row.id);
    });
  }

  async waiveObjection(actor: Actor, caseId: string) {
    await this.workflow.transition(actor, { caseId, transition: 'waive_objection' });
    return this.workflow.describe(actor, caseId);
  }

  /** Widerspruch against a notice or a rejection, recorded by the caseworker; it holds the case. */
  async lodgeObjection(actor: Actor, caseId: string, reason: string) {
    const current = await this.workflow.getCase(actor, caseId);
    const { definition } = await this.guidelines.version(current.guidelineVersionId);
    await this.workflow.transition(actor, { caseId, transition: stepFrom(definition, ['lodge_objection', 'lodge_rejection_objection'], current.state), reason });
    return this.workflow.describe(actor, caseId);
  }

  async resolveObjection(actor: Actor, caseId: string, outcome: 'dismissed' | 'upheld' | 'withdrawn', reason?: string) {
    const current = await this.workflow.getCase(actor, caseId);
    const { definition } = await this.guidelines.version(current.guidelineVersionId);
    const verb = { dismissed: 'dismiss', upheld: 'remedy', withdrawn: 'withdraw' }[outcome];
    await this.workflow.transition(actor, { caseId, transition: stepFrom(definition, [`${verb}_objection`, `${verb}_rejection_objection`], current.state), reason });
    return this.workflow.describe(actor, caseId);
  }

  /**
   * The decisions of a case. The agency sees all of them with who prepared and signed off and the send-back comment;
   * applicants see issued (signed-off) decisions only, without any of the agency's working papers.
   */
  async decisions(actor: Actor, caseId: string) {
    await this.workflow.getCase(actor, caseId);
    const agency = seesAllOrganisations(actor);
    const rows = await this.dataSource.query(`SELECT d.*, u.display_name AS prepared_by_name FROM decisions d JOIN users u ON u.id = d.prepared_by WHERE d.case_id = $1 AND ($2 OR d.status = 'approved') ORDER BY d.prepared_at`, [caseId, agency]);
    const all = rows.map(decisionView);
    return agency ? all : all.map(issuedDecisionView);
  }

  // --- used by the workflow effects

  /** Commits the decision's grant per fiscal year in the ledger; refuses (and so rolls back the sign-off) if any year would go over. */
  async commit(em: EntityManager, def: GuidelineDefinition, callCode: string, d: DecisionRow, variant: string): Promise<void> {
    await this.ledger.commit(em, def, callCode, { caseId: d.case_id, decisionId: d.id, ...ledgerTerms(d) }, variant);
  }

  async release(em: EntityManager, caseId: string): Promise<void> {
    await this.ledger.release(em, caseId);
  }

  /** Whether the grant would fit the ledger now (the binding test happens under lock at sign-off). */
  async fits(em: EntityManager, def: GuidelineDefinition, callCode: string, d: DecisionRow, variant: string): Promise<{ year: number; needed: number; available: number }[]> {
    return this.ledger.fits(em, def, callCode, ledgerTerms(d), variant);
  }

  /**
   * Fixes the notice's verification code and the instant it is issued (its date is that instant's date in Germany),
   * and has the render job make the PDF after commit. The render job reads only stored values, so a retry at
   * another time, or in a process with another time zone, renders the same bytes.
   */
  async issueNotice(em: EntityManager, decisionId: string, at: Date = this.clock.now()): Promise<void> {
    await em.query(`UPDATE decisions SET verification_code = coalesce(verification_code, $2), notice_issued_at = $3, notice_date = $4 WHERE id = $1`, [
      decisionId,
      verificationCode(),
      at,
      berlinDate(at),
    ]);
    await this.outbox.add(em, 'notice.render', { decisionId });
  }

  async preparedDecision(em: EntityManager, caseId: string): Promise<DecisionRow | undefined> {
    const [d] = await em.query(`SELECT * FROM decisions WHERE case_id = $1 AND status = 'prepared'`, [caseId]);
    return d;
  }

  async currentApproval(em: EntityManager, caseId: string): Promise<DecisionRow | undefined> {
    const [d] = await em.query(`SELECT * FROM decisions WHERE case_id = $1 AND status = 'approved' AND kind IN ('approval','amendment') ORDER BY approved_at DESC LIMIT 1`, [caseId]);
    return d;
  }

  async latestApproved(em: EntityManager, caseId: string): Promise<DecisionRow | undefined> {
    const [d] = await em.query(`SELECT * FROM decisions WHERE case_id = $1 AND status = 'approved' ORDER BY approved_at DESC LIMIT 1`, [caseId]);
    return d;
  }

  /** The variant the application was filed for. */
  async variantOf(em: EntityManager, caseId: string): Promise<string> {
    return (await this.applications.proposalsOf(em, [caseId], 'application')).get(caseId)!.variant!;
  }

  // --- internals

  private async approveAmendment(em: EntityManager, d: DecisionRow): Promise<void> {
    const [c] = await em.query(`SELECT c.call_code, c.state, v.definition FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id WHERE c.id = $1 FOR UPDATE OF c`, [d.case_id]);
    if (!amendable(c.definition, c.state)) throw new ConflictError('NOT_AMENDABLE', 'Only an approval whose notice is final can be amended.');
    // Release the old commitments and book the new split under the same locks: only the difference must fit.
    await this.release(em, d.case_id);
    await this.commit(em, c.definition, c.call_code, d, await this.variantOf(em, d.case_id));
    await this.issueNotice(em, d.id);
  }

  /** The case's approved costs become this decision's: replaced, never added to (an amendment restates the whole plan). */
  private async recordApprovedCosts(em: EntityManager, d: DecisionRow): Promise<void> {
    await em.query(`DELETE FROM approved_costs WHERE case_id = $1`, [d.case_id]);
    await em.query(insertApprovedCosts('d.id = $1'), [d.id]);
  }

  private reducedCosts(costs: CostLine[], reductions: { category: string; eligibleCents: number; reason: string }[]): CostLine[] {
    for (const [i, r] of reductions.entries()) {
      const before = costs.filter((l) => l.category === r.category).reduce((s, l) => s + l.amountCents, 0);
      if (before === 0) throw new ValidationError('CATEGORY_NOT_IN_PLAN', `The application plans no costs in "${r.category}".`, { field: `reductions.${i}.category` });
      if (r.eligibleCents >= before) {
        throw new ValidationError('REDUCTION_INVALID', `A reduction must lower the eligible costs of "${r.category}" below ${formatEuro(before)}.`, { field: `reductions.${i}.eligibleCents` });
      }
    }
    return applyReductions(costs, reductions);
  }

  private plan(def: GuidelineDefinition, variant: string, costs: CostLine[], rates: Record<string, number>, thirdParty: { amountCents: number }[]) {
    const calculation = calculateGrant(def, variant, costs, rates);
    const third = thirdParty.reduce((s, f) => s + f.amountCents, 0);
    const total = costs.reduce((s, l) => s + l.amountCents, 0);
    if (calculation.belowMinimum) {
      throw new ValidationError('GRANT_BELOW_MINIMUM', `The grant of ${formatEuro(calculation.grantCents)} would be below the minimum of ${formatEuro(def.minimumGrantCents)}.`);
    }
    // the binding plan: what the grant and third parties do not cover is the recipient's own contribution
    return { calculation, grantCents: calculation.grantCents, ownContributionCents: Math.max(0, total - calculation.grantCents - third) };
  }

  private async lockedDecision(em: EntityManager, actor: Actor, decisionId: string): Promise<DecisionRow> {
    const [d] = await em.query(`SELECT * FROM decisions WHERE id = $1 FOR UPDATE`, [decisionId]);
    if (!d) throw new NotFoundError('The decision', 'DECISION_NOT_FOUND');
    await this.workflow.getCase(actor, d.case_id, em);
    return d;
  }

  private async decision(em: EntityManager, id: string) {
    // the preparer's name, so an approver sees whose work they sign (agency only, like preparedBy)
    const [d] = await em.query(`SELECT d.*, u.display_name AS prepared_by_name FROM decisions d JOIN users u ON u.id = d.prepared_by WHERE d.id = $1`, [id]);
    return decisionView(d);
  }
}

/** A decisions row as the API answers it. */
function decisionView(d: Record<string, any>) {
  return {
    id: d.id,
    caseId: d.case_id,
    kind: d.kind,
    status: d.status,
    grantCents: Number(d.grant_cents),
    costs: d.costs,
    reductions: d.reductions,
    reasons: d.reasons,
    ownContributionCents: Number(d.own_contribution_cents),
    thirdPartyFunds: d.third_party_funds,
    fundingStart: d.funding_start,
    fundingEnd: d.funding_end,
    calculation: d.calculation,
    preparedBy: d.prepared_by,
    preparedByName: d.prepared_by_name,
    approvedBy: d.approved_by,
    returnComment: d.return_comment,
    verificationCode: d.verification_code,
    noticeDate: d.notice_date,
    deemedReceivedOn: d.deemed_received_on,
    objectionDeadline: d.objection_deadline,
  };
}

/** An issued decision as the applicant reads it: what was decided and why, nothing of who worked on it or how. */
export function issuedDecisionView<T extends { preparedBy?: unknown; preparedByName?: unknown; approvedBy?: unknown; returnComment?: unknown }>(
  d: T,
): Omit<T, 'preparedBy' | 'preparedByName' | 'approvedBy' | 'returnComment'> {
  const { preparedBy: _p, preparedByName: _n, approvedBy: _a, returnComment: _r, ...issued } = d;
  return issued;
}

/** An approval can be amended once its notice is final: in the state the notice becomes final in, or while it is being paid out. */
function amendable(def: GuidelineDefinition, state: string): boolean {
  const finalState = def.workflow.transitions.find((t) => t.name === 'mark_notice_final')?.to;
  return state === finalState || stateOf(def, state)?.stage === 'payment';
}

function ledgerTerms(d: DecisionRow) {
  return { costs: d.costs, requestedRatesBp: d.requested_rates_bp, grantCents: Number(d.grant_cents) };
}

/** The code printed on every page of a notice (also settlement and revocation notices). */
export function verificationCode(): string {
  const hex = randomBytes(8).toString('hex').toUpperCase();
  return `FW-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12)}`;
}
