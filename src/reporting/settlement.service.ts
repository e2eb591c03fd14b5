import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { ApprovalsService, verificationCode } from '../approvals/approvals.service';
import { NoticesService } from '../approvals/notices.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import type { Case } from '../guidelines/workflow/case.entity';
import type { TransitionContext } from '../guidelines/workflow/workflow-registry';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { LetterBlock, LetterInput } from '../letters/letter-pdf';
import { LedgerService } from '../ledger/ledger.service';
import { PaymentRequestsService } from '../payouts/payment-requests.service';
import { DirectoryService } from '../platform/accounts/directory.service';
import { AuditService } from '../platform/audit/audit.service';
import { seesAllOrganisations } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { ConflictError, ForbiddenError, UnprocessableError } from '../platform/errors/domain-error';
import { formatDate, formatEuro } from '../platform/format';
import { fillCompletely } from '../platform/texts';
import { finalGrant, FinalGrant, settlementOutcome, SettlementOutcome } from './domain/settlement';
import type { DraftRevocationDto } from './dto/settlement.dto';
import { ProofOfUseService } from './proof-of-use.service';
import { RecoveryService } from './recovery.service';

/** The text blocks the settlement and revocation notices are worded from (declared to the workflow registry). */
export const SETTLEMENT_TEXTS = [
  'settlementIntro',
  'settlementDecision',
  'settlementOutcomeFinalPayment',
  'settlementOutcomeRecovery',
  'settlementOutcomeBalanced',
  'settlementLegalRemedies',
  'settlementClosing',
  'revocationIntro',
  'revocationDecision',
  'revocationLegalRemedies',
  'revocationClosing',
];

/** The steps of a guideline that settle a case: two steps under four eyes (FRL LIfD) or one caseworker step (st-digital). */
export const SETTLING_STEPS = ['approve_settlement', 'settle'];

export interface Computation {
  decisionId: string;
  approvedGrantCents: number;
  minimumGrantCents: number;
  grant: FinalGrant;
  paidCents: number;
  outcome: SettlementOutcome;
  /** The day the money beyond the final grant was paid (interest on a recovery runs from it); null when nothing was overpaid. */
  overpaidOn: string | null;
}

type SettlementRow = Record<string, any> & { id: string; case_id: string; status: string; prepared_by: string };
type RevocationRow = Record<string, any> & { id: string; case_id: string; status: string; drafted_by: string };

/**
 * Settlement (Schlussabrechnung), revocation (Widerruf with recovery) and closing: the caseworker prepares, an
 * approver signs off; the steps run through the guideline workflow, whose effects (registered in
 * SettlementWorkflow) call back into this service in the same transaction.
 */
@Injectable()
export class SettlementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflow: WorkflowService,
    private readonly guidelines: GuidelinesService,
    private readonly approvals: ApprovalsService,
    private readonly notices: NoticesService,
    private readonly applications: ApplicationsService,
    private readonly proofs: ProofOfUseService,
    private readonly payments: PaymentRequestsService,
    private readonly recovery: RecoveryService,
    private readonly ledger: LedgerService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // --- routes

  /** The case's settlement: the computation as it stands (agency, while it can be prepared), the settlement on record, the revocation. */
  async view(actor: Actor, caseId: string) {
    const found = await this.workflow.getCase(actor, caseId);
    const definition = await this.definitionOf(found);
    const em = this.db.manager;
    const agency = seesAllOrganisations(actor);
    const rows: SettlementRow[] = await em.query(`SELECT * FROM settlements WHERE case_id = $1 ORDER BY prepared_at DESC`, [caseId]);
    // applicants see the settlement once it is signed off, never the drafts the agency works on
    const current = rows.find((r) => agency || r.status === 'approved');
    const preparable = agency && definition.workflow.transitions.some((t) => ['prepare_settlement', 'settle'].includes(t.name) && t.from.includes(found.state));
    const preview = preparable ? await this.compute(em, found, definition).catch(() => null) : null;
    const revocations: RevocationRow[] = await em.query(`SELECT * FROM revocations WHERE case_id = $1 AND status <> 'discarded' ORDER BY drafted_at DESC`, [caseId]);
    const revocation = revocations.find((r) => agency || r.status === 'signed');
    const [c] = await em.query(`SELECT receipts_retained_until::text AS until FROM cases WHERE id = $1`, [caseId]);
    return {
      caseId,
      state: found.state,
      preview: preview && this.computationView(definition, preview),
      settlement: current ? this.settlementView(definition, current, agency) : null,
      revocation: revocation ? this.revocationView(revocation, agency) : null,
      receiptsRetainedUntil: c.until as string | null,
    };
  }

  /** The caseworker prepares the settlement (FRL LIfD: `prepare_settlement`; a one-step guideline settles with `settle`). */
  async prepare(actor: Actor, caseId: string) {
    await this.db.transaction(async (em) => {
      const found = await this.lockCase(em, actor, caseId);
      const definition = await this.definitionOf(found);
      const step = definition.workflow.transitions.some((t) => t.name === 'prepare_settlement') ? 'prepare_settlement' : 'settle';
      await this.workflow.transition(actor, { caseId, transition: step }, em);
    });
    return this.view(actor, caseId);
  }

  /** An approver signs the prepared settlement off; the person who prepared it cannot (403 FOUR_EYES_VIOLATION). */
  async signOff(actor: Actor, caseId: string) {
    await this.db.transaction(async (em) => {
      await this.lockCase(em, actor, caseId);
      const s = await this.prepared(em, caseId);
      if (s.prepared_by === actor.id) throw new ForbiddenError('The person who prepared a settlement cannot sign it off (four eyes).', 'FOUR_EYES_VIOLATION');
      await this.workflow.transition(actor, { caseId, transition: 'approve_settlement' }, em);
    });
    return this.view(actor, caseId);
  }

  /** The approver sends the prepared settlement back to the caseworker, with a reason. */
  async sendBack(actor: Actor, caseId: string, reason: string) {
    await this.db.transaction(async (em) => {
      await this.lockCase(em, actor, caseId);
      const s = await this.prepared(em, caseId);
      await this.workflow.transition(actor, { caseId, transition: 'return_settlement', reason }, em);
      await em.query(`UPDATE settlements SET status = 'returned', returned_reason = $2 WHERE id = $1`, [s.id, reason]);
    });
    return this.view(actor, caseId);
  }

  /**
   * The caseworker drafts a revocation (Widerruf, partial or full) with recovery: amount, the day interest runs
   * from (default: the day the money beyond the final grant was paid), due date and reasons. A new draft replaces
   * an unsigned one. One 422 lists every problem.
   */
  async draftRevocation(actor: Actor, caseId: string, dto: DraftRevocationDto) {
    await this.db.transaction(async (em) => {
      const found = await this.lockCase(em, actor, caseId);
      const definition = await this.definitionOf(found);
      const revoke = definition.workflow.transitions.find((t) => t.name === 'revoke');
      if (!revoke || !revoke.from.includes(found.state)) {
        throw new ConflictError('REVOCATION_NOT_POSSIBLE', 'A revocation can be drafted only while the case may be revoked (after the notice became final, in payment or after settlement).', { state: found.state });
      }
      const { paidCents, payments } = await this.payments.paidOf(em, caseId);
      const [settled] = await em.query(`SELECT final_grant_cents FROM settlements WHERE case_id = $1 AND status = 'approved'`, [caseId]);
      const keep = settled ? Number(settled.final_grant_cents) : 0;
      const amountCents = dto.amountCents ?? (settled ? paidCents - keep : paidCents);
      const interestFrom = dto.interestFrom ?? overpaidOn(payments, paidCents - amountCents);
      const today = berlinDate(this.clock.now());
      const problems: { code: string; field: string; message: string }[] = [];
      if (amountCents <= 0) problems.push({ code: 'NOTHING_TO_RECOVER', field: 'amountCents', message: 'Nothing was paid beyond what the case keeps: there is nothing to recover.' });
      else if (amountCents > paidCents) problems.push({ code: 'RECOVERY_ABOVE_PAID', field: 'amountCents', message: `At most what was paid (${formatEuro(paidCents)}) can be recovered.` });
      if (!interestFrom) problems.push({ code: 'INTEREST_FROM_REQUIRED', field: 'interestFrom', message: 'Name the day interest runs from.' });
      else if (interestFrom > today) problems.push({ code: 'INTEREST_FROM_IN_FUTURE', field: 'interestFrom', message: 'Interest cannot run from a day in the future.' });
      if (dto.dueOn <= today) problems.push({ code: 'DUE_DATE_PAST', field: 'dueOn', message: 'The due date must lie after today.' });
      if (!dto.reasons.trim()) problems.push({ code: 'REASONS_REQUIRED', field: 'reasons', message: 'Give the reasons of the revocation.' });
      if (problems.length) throw new UnprocessableError('REVOCATION_INVALID', `The revocation cannot be drafted: ${problems.length} problem(s).`, { problems });
      await em.query(`UPDATE revocations SET status = 'discarded' WHERE case_id = $1 AND status = 'drafted'`, [caseId]);
      const scope = amountCents === paidCents && !keep ? 'full' : 'partial';
      const [row] = await em.query(
        `INSERT INTO revocations (case_id, status, scope, amount_cents, interest_from, due_on, reasons, drafted_by, drafted_at) VALUES ($1, 'drafted', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [caseId, scope, amountCents, interestFrom, dto.dueOn, dto.reasons.trim(), actor.id, this.clock.now()],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'revocation.drafted', entityType: 'case', entityId: caseId, data: { revocationId: row.id, scope, amountCents, interestFrom, dueOn: dto.dueOn } });
    });
    return this.view(actor, caseId);
  }

  /** An approver signs the revocation (`revoke`): notice, mail, commitments released, the recovery claim opened. */
  async signRevocation(actor: Actor, caseId: string) {
    await this.db.transaction(async (em) => {
      await this.lockCase(em, actor, caseId);
      const r = await this.draft(em, caseId);
      if (!r) throw new ConflictError('REVOCATION_NOT_DRAFTED', 'There is no drafted revocation to sign.');
      if (r.drafted_by === actor.id) throw new ForbiddenError('The person who drafted a revocation cannot sign it (four eyes).', 'FOUR_EYES_VIOLATION');
      await this.workflow.transition(actor, { caseId, transition: 'revoke', reason: r.reasons }, em);
    });
    return this.view(actor, caseId);
  }

  // --- checks and effects (called by SettlementWorkflow inside the step's transaction)

  async preparedBy(em: EntityManager, caseId: string): Promise<string | null> {
    const [s] = await em.query(`SELECT prepared_by FROM settlements WHERE case_id = $1 AND status = 'prepared'`, [caseId]);
    return s?.prepared_by ?? null;
  }

  async draftedBy(em: EntityManager, caseId: string): Promise<string | null> {
    return (await this.draft(em, caseId))?.drafted_by ?? null;
  }

  /** compute_final_grant: the settlement as prepared, on record with its computation. */
  async record(ctx: TransitionContext): Promise<void> {
    const c = await this.compute(ctx.em, ctx.case, ctx.definition);
    await ctx.em.query(`UPDATE settlements SET status = 'returned' WHERE case_id = $1 AND status = 'prepared'`, [ctx.case.id]);
    const [row] = await ctx.em.query(
      `INSERT INTO settlements (case_id, decision_id, status, computation, approved_grant_cents, final_grant_cents, paid_cents, outcome, outcome_cents, prepared_by, prepared_at)
       VALUES ($1, $2, 'prepared', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [ctx.case.id, c.decisionId, { ...c.grant, minimumGrantCents: c.minimumGrantCents, overpaidOn: c.overpaidOn }, c.approvedGrantCents, c.grant.finalGrantCents, c.paidCents, c.outcome.kind, c.outcome.amountCents, ctx.actor.id, this.clock.now()],
    );
    await this.audit.append(ctx.em, {
      actorId: ctx.actor.id,
      action: 'settlement.prepared',
      entityType: 'case',
      entityId: ctx.case.id,
      data: { settlementId: row.id, finalGrantCents: c.grant.finalGrantCents, paidCents: c.paidCents, outcome: c.outcome },
    });
  }

  /** fix_final_grant: the settlement approved (by the approver; by none in a one-step guideline) and its notice issued. */
  async approve(ctx: TransitionContext): Promise<void> {
    const s = await this.prepared(ctx.em, ctx.case.id);
    const now = this.clock.now();
    const approver = ctx.transition.checks.includes('four_eyes') ? ctx.actor.id : null;
    const code = verificationCode();
    await ctx.em.query(`UPDATE settlements SET status = 'approved', approved_by = $2, approved_at = $3, settled_on = $4, verification_code = $5 WHERE id = $1`, [s.id, approver, now, berlinDate(now), code]);
    await this.audit.append(ctx.em, { actorId: ctx.actor.id, action: 'settlement.approved', entityType: 'case', entityId: ctx.case.id, data: { settlementId: s.id, finalGrantCents: Number(s.final_grant_cents) } });
    const [approved] = await ctx.em.query(`SELECT * FROM settlements WHERE id = $1`, [s.id]);
    const letter = await this.settlementLetter(ctx.em, ctx.case, ctx.definition, approved, approver ?? ctx.actor.id);
    const { sha256 } = await this.notices.issueLetter(ctx.em, { caseId: ctx.case.id, kind: 'settlement', sourceId: s.id, ...letter, texts: ctx.definition.texts });
    await ctx.em.query(`UPDATE settlements SET sha256 = $2 WHERE id = $1`, [s.id, sha256]);
    ctx.notes.push(`Festgesetzte Zuwendung: ${formatEuro(Number(s.final_grant_cents))}`);
  }

  /** release_unused_commitment: the commitments beyond the final grant go back to the budget. */
  async releaseUnused(ctx: TransitionContext): Promise<void> {
    const s = await this.approved(ctx.em, ctx.case.id);
    const released = await this.ledger.releaseBeyond(ctx.em, ctx.case.id, Number(s.final_grant_cents));
    await this.audit.append(ctx.em, { actorId: ctx.actor.id, action: 'settlement.commitment_released', entityType: 'case', entityId: ctx.case.id, data: { settlementId: s.id, releasedCents: released } });
  }

  /** release_retention: what is still due (the retention among it) becomes the final payment, on its way through four eyes. */
  async finalPayment(ctx: TransitionContext): Promise<void> {
    const s = await this.approved(ctx.em, ctx.case.id);
    if (s.outcome !== 'final_payment') return;
    const id = await this.payments.createFinal(ctx.em, ctx.actor.id, ctx.case.id, s.decision_id, Number(s.outcome_cents), s.id);
    await ctx.em.query(`UPDATE settlements SET final_payment_request_id = $2 WHERE id = $1`, [s.id, id]);
  }

  /** revocation_drafted */
  async revocationProblems(em: EntityManager, caseId: string) {
    return (await this.draft(em, caseId)) ? [] : [{ code: 'REVOCATION_NOT_DRAFTED', field: 'revocation', message: 'The caseworker has not drafted the revocation yet.' }];
  }

  /** render_revocation_notice: signed, and its notice issued and mailed. */
  async signDraft(ctx: TransitionContext): Promise<void> {
    const r = (await this.draft(ctx.em, ctx.case.id))!;
    const now = this.clock.now();
    const code = verificationCode();
    await ctx.em.query(`UPDATE revocations SET status = 'signed', signed_by = $2, signed_at = $3, verification_code = $4 WHERE id = $1`, [r.id, ctx.actor.id, now, code]);
    const [signed] = await ctx.em.query(`SELECT * FROM revocations WHERE id = $1`, [r.id]);
    const letter = await this.revocationLetter(ctx.em, ctx.case, ctx.definition, signed);
    const { sha256 } = await this.notices.issueLetter(ctx.em, { caseId: ctx.case.id, kind: 'revocation', sourceId: r.id, ...letter, texts: ctx.definition.texts });
    await ctx.em.query(`UPDATE revocations SET sha256 = $2 WHERE id = $1`, [r.id, sha256]);
    await this.audit.append(ctx.em, { actorId: ctx.actor.id, action: 'revocation.signed', entityType: 'case', entityId: ctx.case.id, data: { revocationId: r.id, amountCents: Number(r.amount_cents) } });
  }

  /** release_revoked_commitment: the commitment of what the recipient keeps stays (none after a full revocation); the rest goes back to the budget. */
  async releaseRevoked(ctx: TransitionContext): Promise<void> {
    const [r] = await ctx.em.query(`SELECT id, amount_cents FROM revocations WHERE case_id = $1 AND status = 'signed' AND claim_id IS NULL ORDER BY signed_at DESC LIMIT 1`, [ctx.case.id]);
    const { paidCents } = await this.payments.paidOf(ctx.em, ctx.case.id);
    const keep = Math.max(0, paidCents - Number(r.amount_cents));
    const released = await this.ledger.releaseBeyond(ctx.em, ctx.case.id, keep);
    await this.audit.append(ctx.em, { actorId: ctx.actor.id, action: 'revocation.commitment_released', entityType: 'case', entityId: ctx.case.id, data: { revocationId: r.id, keptCents: keep, releasedCents: released } });
  }

  /** create_recovery_claim: the signed revocation's claim, with interest from the day it names. */
  async openClaim(ctx: TransitionContext): Promise<void> {
    const [r] = await ctx.em.query(`SELECT * FROM revocations WHERE case_id = $1 AND status = 'signed' AND claim_id IS NULL ORDER BY signed_at DESC LIMIT 1`, [ctx.case.id]);
    if (!r) throw new Error(`case ${ctx.case.id}: no signed revocation to open a claim for`);
    const [settled] = await ctx.em.query(`SELECT 1 FROM settlements WHERE case_id = $1 AND status = 'approved'`, [ctx.case.id]);
    const claimId = await this.recovery.createClaim(ctx.em, ctx.actor.id, {
      caseId: ctx.case.id,
      grounds: settled ? 'settlement' : 'revocation',
      principalCents: Number(r.amount_cents),
      interestFrom: isoDate(r.interest_from),
      dueOn: isoDate(r.due_on),
    });
    await ctx.em.query(`UPDATE revocations SET claim_id = $2 WHERE id = $1`, [r.id, claimId]);
  }

  /**
   * record_receipt_retention: receipts are kept `receiptRetentionYears` from the settlement notice (the day the
   * final grant was fixed); a case closed without settlement (after a revocation) counts from the day it closes.
   */
  async recordRetention(ctx: TransitionContext): Promise<void> {
    const [s] = await ctx.em.query(`SELECT settled_on::text AS on FROM settlements WHERE case_id = $1 AND status = 'approved'`, [ctx.case.id]);
    const from: string = s?.on ?? berlinDate(this.clock.now());
    const until = `${Number(from.slice(0, 4)) + ctx.definition.reporting.receiptRetentionYears}${from.slice(4)}`.replace(/-02-29$/, '-02-28');
    await ctx.em.query(`UPDATE cases SET receipts_retained_until = $2 WHERE id = $1`, [ctx.case.id, until]);
    await this.audit.append(ctx.em, { actorId: ctx.actor.id, action: 'case.receipt_retention_recorded', entityType: 'case', entityId: ctx.case.id, data: { from, until } });
  }

  /** all_payments_settled */
  async paymentProblems(em: EntityManager, caseId: string) {
    return (await this.payments.hasUnsettled(em, caseId))
      ? [{ code: 'PAYMENT_PENDING', field: 'payments', message: 'A payment of the case is still open (draft, submitted, certified or ordered).' }]
      : [];
  }

  // --- internals

  /** Final grant = Σ round-down(accepted × rate of the binding plan), capped by the approved grant, 0 under the minimum. */
  async compute(em: EntityManager, found: Case, definition: GuidelineDefinition): Promise<Computation> {
    const decision = await this.approvals.currentApproval(em, found.id);
    if (!decision) throw new ConflictError('NOTICE_NOT_FINAL', 'The case has no approved decision to settle.');
    const plan = ((decision as unknown as { calculation?: { perCategory?: { category: string; rateBp: number }[] } }).calculation?.perCategory ?? []) as { category: string; rateBp: number }[];
    const rates = new Map(plan.map((c) => [c.category, c.rateBp]));
    const accepted = await this.proofs.acceptedTotals(em, found.id);
    // a category the plan does not fund gets nothing, whatever was spent on it
    const categories = accepted.map((a) => ({ category: a.category, acceptedCents: a.acceptedCents, rateBp: rates.get(a.category) ?? 0 }));
    const approvedGrantCents = Number(decision.grant_cents);
    const grant = finalGrant(categories, approvedGrantCents, definition.minimumGrantCents);
    const { paidCents, payments } = await this.payments.paidOf(em, found.id);
    const outcome = settlementOutcome(grant.finalGrantCents, paidCents);
    return {
      decisionId: decision.id,
      approvedGrantCents,
      minimumGrantCents: definition.minimumGrantCents,
      grant,
      paidCents,
      outcome,
      overpaidOn: outcome.kind === 'recovery' ? overpaidOn(payments, grant.finalGrantCents) : null,
    };
  }

  private computationView(definition: GuidelineDefinition, c: Computation) {
    const label = (code: string) => definition.costCategories.find((x) => x.code === code)?.label ?? code;
    return {
      approvedGrantCents: c.approvedGrantCents,
      minimumGrantCents: c.minimumGrantCents,
      perCategory: c.grant.perCategory.map((p) => ({ ...p, label: label(p.category) })),
      uncappedCents: c.grant.uncappedCents,
      finalGrantCents: c.grant.finalGrantCents,
      cappedByApproval: c.grant.cappedByApproval,
      belowMinimum: c.grant.belowMinimum,
      paidCents: c.paidCents,
      outcome: c.outcome.kind,
      outcomeCents: c.outcome.amountCents,
      overpaidOn: c.overpaidOn,
    };
  }

  private settlementView(definition: GuidelineDefinition, s: SettlementRow, agency: boolean) {
    const comp = s.computation as FinalGrant & { minimumGrantCents: number; overpaidOn: string | null };
    const label = (code: string) => definition.costCategories.find((x) => x.code === code)?.label ?? code;
    return {
      id: s.id,
      status: s.status,
      approvedGrantCents: Number(s.approved_grant_cents),
      minimumGrantCents: comp.minimumGrantCents,
      perCategory: comp.perCategory.map((p) => ({ ...p, label: label(p.category) })),
      uncappedCents: comp.uncappedCents,
      finalGrantCents: Number(s.final_grant_cents),
      cappedByApproval: comp.cappedByApproval,
      belowMinimum: comp.belowMinimum,
      paidCents: Number(s.paid_cents),
      outcome: s.outcome,
      outcomeCents: Number(s.outcome_cents),
      overpaidOn: comp.overpaidOn ?? null,
      preparedAt: s.prepared_at,
      approvedAt: s.approved_at,
      settledOn: s.settled_on ? isoDate(s.settled_on) : null,
      finalPaymentRequestId: s.final_payment_request_id,
      verificationCode: s.verification_code,
      ...(agency ? { preparedBy: s.prepared_by, approvedBy: s.approved_by, returnedReason: s.returned_reason } : {}),
    };
  }

  private revocationView(r: RevocationRow, agency: boolean) {
    return {
      id: r.id,
      status: r.status,
      scope: r.scope,
      amountCents: Number(r.amount_cents),
      interestFrom: isoDate(r.interest_from),
      dueOn: isoDate(r.due_on),
      reasons: r.reasons,
      draftedAt: r.drafted_at,
      signedAt: r.signed_at,
      claimId: r.claim_id,
      verificationCode: r.verification_code,
      ...(agency ? { draftedBy: r.drafted_by, signedBy: r.signed_by } : {}),
    };
  }

  private async settlementLetter(em: EntityManager, found: Case, def: GuidelineDefinition, s: SettlementRow, signatoryId: string) {
    const common = await this.letterBasics(em, found, def, signatoryId);
    const outcomeKey = { final_payment: 'settlementOutcomeFinalPayment', recovery: 'settlementOutcomeRecovery', balanced: 'settlementOutcomeBalanced' }[s.outcome as SettlementOutcome['kind']];
    const values: Record<string, string> = {
      ...common.values,
      amount: formatEuro(Number(s.approved_grant_cents)),
      finalGrant: formatEuro(Number(s.final_grant_cents)),
      paidAmount: formatEuro(Number(s.paid_cents)),
      outcomeAmount: formatEuro(Number(s.outcome_cents)),
      receiptRetentionYears: String(def.reporting.receiptRetentionYears),
    };
    const title = this.notices.titleOf('settlement');
    const fill = (block: string) => fillCompletely(title, def.texts[block], values);
    values.settlementOutcome = fill(outcomeKey);
    const comp = s.computation as FinalGrant;
    const label = (code: string) => def.costCategories.find((x) => x.code === code)?.label ?? code;
    const blocks: LetterBlock[] = [
      { type: 'text', text: fill('settlementIntro') },
      { type: 'text', text: fill('settlementDecision'), headed: true },
      {
        type: 'table',
        heading: 'Berechnung der Zuwendung',
        columns: [
          { width: 0.4, align: 'left' },
          { width: 0.25, align: 'right' },
          { width: 0.1, align: 'right' },
          { width: 0.25, align: 'right' },
        ],
        rows: [
          { cells: ['Kostenart', 'Anerkannte Ausgaben', 'Satz', 'Zuwendung'], kind: 'header' },
          ...comp.perCategory.map((p) => ({ cells: [label(p.category), formatEuro(p.acceptedCents), `${(p.rateBp / 100).toLocaleString('de-DE')} %`, formatEuro(p.grantCents)] })),
          { cells: ['Festgesetzte Zuwendung', '', '', formatEuro(Number(s.final_grant_cents))], kind: 'total' },
        ],
      },
      { type: 'text', text: fill('settlementLegalRemedies'), headed: true },
      { type: 'text', text: fill('settlementClosing'), keepTogether: true },
    ];
    return this.letter(common, title, blocks, new Date(s.approved_at), s.verification_code);
  }

  private async revocationLetter(em: EntityManager, found: Case, def: GuidelineDefinition, r: RevocationRow) {
    const common = await this.letterBasics(em, found, def, r.signed_by);
    const values: Record<string, string> = {
      ...common.values,
      recoveryAmount: formatEuro(Number(r.amount_cents)),
      interestFrom: formatDate(isoDate(r.interest_from)),
      dueDate: formatDate(isoDate(r.due_on)),
      reasons: r.reasons,
    };
    const title = this.notices.titleOf('revocation');
    const fill = (block: string) => fillCompletely(title, def.texts[block], values);
    const blocks: LetterBlock[] = [
      { type: 'text', text: fill('revocationIntro') },
      { type: 'text', text: fill('revocationDecision') },
      { type: 'text', text: fill('revocationLegalRemedies'), headed: true },
      { type: 'text', text: fill('revocationClosing'), keepTogether: true },
    ];
    return this.letter(common, title, blocks, new Date(r.signed_at), r.verification_code);
  }

  private async letterBasics(em: EntityManager, found: Case, def: GuidelineDefinition, signatoryId: string) {
    const addressee = await this.directory.postalAddress(found.organisationId, em);
    if (!addressee) throw new Error(`organisation ${found.organisationId} not found`);
    const application = (await this.applications.proposalsOf(em, [found.id], 'application')).get(found.id);
    const projectTitle = (application?.fields.projectTitle as string) || found.title;
    // the date of the Zuwendungsbescheid: its notice as issued, else the decision's notice date or sign-off day
    const [notice] = await em.query(
      `SELECT coalesce((SELECT n.issued_on FROM notices n WHERE n.case_id = $1 AND n.kind = 'approval' ORDER BY n.created_at LIMIT 1), d.notice_date, (d.approved_at AT TIME ZONE 'Europe/Berlin')::date)::text AS on
         FROM decisions d WHERE d.case_id = $1 AND d.kind = 'approval' AND d.status = 'approved' ORDER BY d.approved_at LIMIT 1`,
      [found.id],
    );
    const recipient = await this.directory.emailOf(found.createdBy, em);
    if (!recipient) throw new Error(`case ${found.id}: its creator has no account`);
    return {
      addressee,
      recipient,
      projectTitle,
      fileNumber: found.fileNumber ?? '',
      def,
      values: {
        fileNumber: found.fileNumber ?? '',
        projectTitle,
        noticeDate: notice ? formatDate(notice.on) : '',
        signatory: (await this.directory.displayNameOf(signatoryId, em)) ?? '',
      } as Record<string, string>,
    };
  }

  private letter(common: Awaited<ReturnType<SettlementService['letterBasics']>>, title: string, blocks: LetterBlock[], issuedAt: Date, code: string) {
    const letter: LetterInput & { verificationCode: string } = {
      title,
      sender: common.def.authority,
      addressee: common.addressee,
      fileNumber: common.fileNumber,
      issuedAt,
      blocks,
      verificationCode: code,
      verificationUrl: this.notices.verificationUrl(code),
      subject: common.projectTitle,
    };
    return { letter, recipient: common.recipient, projectTitle: common.projectTitle };
  }

  private async prepared(em: EntityManager, caseId: string): Promise<SettlementRow> {
    const [s] = await em.query(`SELECT * FROM settlements WHERE case_id = $1 AND status = 'prepared'`, [caseId]);
    if (!s) throw new ConflictError('SETTLEMENT_NOT_PREPARED', 'There is no prepared settlement to sign off or send back.');
    return s;
  }

  private async approved(em: EntityManager, caseId: string): Promise<SettlementRow> {
    const [s] = await em.query(`SELECT * FROM settlements WHERE case_id = $1 AND status = 'approved'`, [caseId]);
    if (!s) throw new Error(`case ${caseId} has no approved settlement`);
    return s;
  }

  private async draft(em: EntityManager, caseId: string): Promise<RevocationRow | undefined> {
    const [r] = await em.query(`SELECT * FROM revocations WHERE case_id = $1 AND status = 'drafted'`, [caseId]);
    return r;
  }

  private async lockCase(em: EntityManager, actor: Actor, caseId: string): Promise<Case> {
    await this.workflow.getCase(actor, caseId, em); // 404 for another organisation's case, before any lock
    await em.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    return this.workflow.getCase(actor, caseId, em);
  }

  private async definitionOf(found: Case): Promise<GuidelineDefinition> {
    return (await this.guidelines.version(found.guidelineVersionId)).definition;
  }
}

/**
 * The day the case was paid beyond `keepCents`: the paid_on of the payment that took the paid sum over it
 * (interest on what must be repaid runs from then, § 49a (3) VwVfG). Null when the payments stay within it.
 */
export function overpaidOn(payments: { paidOn: string; amountCents: number }[], keepCents: number): string | null {
  let sum = 0;
  for (const p of payments) {
    sum += p.amountCents;
    if (sum > keepCents) return p.paidOn;
  }
  return null;
}

/** node-postgres gives `date` columns as Date at local midnight; we want the calendar date back. */
function isoDate(d: string | Date): string {
  if (typeof d === 'string') return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
