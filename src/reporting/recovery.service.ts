import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { LedgerService } from '../ledger/ledger.service';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { formatDate } from '../platform/format';
import { BaseRatesService } from './base-rates.service';
import { BaseRate, claimState, ClaimState, MissingBaseRateError } from './domain/interest';
import type { BookRepaymentDto, OpenRecoveryClaimDto, RecoveryClaimDto, RepaymentDto } from './dto/recovery.dto';

interface ClaimRow {
  id: string;
  case_id: string;
  number: number;
  grounds: 'settlement' | 'revocation';
  principal_cents: string;
  costs_cents: string;
  interest_from: string;
  interest_above_bp: number;
  due_on: string;
  status: 'open' | 'settled';
}

interface RepaymentRow {
  id: string;
  claim_id: string;
  received_on: string;
  amount_cents: string;
  to_costs_cents: string;
  to_interest_cents: string;
  to_principal_cents: string;
  surplus_cents: string;
  reference: string | null;
  booked_at: Date;
}

const CLAIM_COLUMNS = `id, case_id, number, grounds, principal_cents, costs_cents, interest_from::text, interest_above_bp, due_on::text, status`;
const REPAYMENT_COLUMNS = `id, claim_id, received_on::text, amount_cents, to_costs_cents, to_interest_cents, to_principal_cents, surplus_cents, reference, booked_at`;

export interface NewClaim {
  caseId: string;
  grounds: 'settlement' | 'revocation';
  principalCents: number;
  /** The day the overpayment was made (or the day the guideline sets): interest runs from it. */
  interestFrom: string;
  dueOn: string;
  costsCents?: number;
}

/**
 * Recovery claims (§ 49a VwVfG) with interest above the base rate, and the repayments finance books against them in
 * the order of § 367 BGB: costs, interest, principal. The principal that comes back returns to the call's budget.
 */
@Injectable()
export class RecoveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflow: WorkflowService,
    private readonly guidelines: GuidelinesService,
    private readonly baseRates: BaseRatesService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Opens a claim in the caller's transaction (settlement and revocation call this); the rate above base comes from the case's guideline. */
  async createClaim(em: EntityManager, actorId: string, c: NewClaim): Promise<string> {
    const [kase] = await em.query(`SELECT guideline_version_id FROM cases WHERE id = $1`, [c.caseId]);
    const { definition } = await this.guidelines.version(kase.guideline_version_id);
    const [row] = await em.query(
      `INSERT INTO recovery_claims (case_id, number, grounds, principal_cents, costs_cents, interest_from, interest_above_bp, due_on, created_by)
       VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM recovery_claims WHERE case_id = $1), $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [c.caseId, c.grounds, c.principalCents, c.costsCents ?? 0, c.interestFrom, definition.reporting.recoveryInterestAboveBaseBp, c.dueOn, actorId],
    );
    await this.audit.append(em, {
      actorId,
      action: 'recovery_claim.opened',
      entityType: 'case',
      entityId: c.caseId,
      data: { claimId: row.id, grounds: c.grounds, principalCents: c.principalCents, interestFrom: c.interestFrom, dueOn: c.dueOn },
    });
    return row.id;
  }

  /** Whether a case has a claim not yet paid in full (closing is refused while it has). */
  async hasOpenClaim(em: EntityManager, caseId: string): Promise<boolean> {
    const [open] = await em.query(`SELECT 1 FROM recovery_claims WHERE case_id = $1 AND status = 'open'`, [caseId]);
    return !!open;
  }

  /** The case's claims with interest to `asOf` (default: today in Berlin). */
  async list(actor: Actor, caseId: string, asOf?: string): Promise<RecoveryClaimDto[]> {
    await this.workflow.getCase(actor, caseId); // 404 for another organisation's case
    const day = asOf ?? this.today();
    const claims: ClaimRow[] = await this.db.query(`SELECT ${CLAIM_COLUMNS} FROM recovery_claims WHERE case_id = $1 ORDER BY number`, [caseId]);
    if (!claims.length) return [];
    const repayments: RepaymentRow[] = await this.db.query(`SELECT ${REPAYMENT_COLUMNS} FROM recovery_repayments WHERE claim_id = ANY($1) ORDER BY received_on, booked_at`, [
      claims.map((c) => c.id),
    ]);
    const rates = await this.baseRates.rates(this.db.manager);
    return claims.map((c) => this.view(c, repayments.filter((r) => r.claim_id === c.id), day, rates));
  }

  /** Every open claim (agency work list), oldest due first, with interest to today. */
  async listOpen(): Promise<OpenRecoveryClaimDto[]> {
    const claims: (ClaimRow & { file_number: string | null; title: string; organisation_name: string })[] = await this.db.query(
      `SELECT ${CLAIM_COLUMNS.split(', ').map((c) => `rc.${c}`).join(', ')}, c.file_number, c.title, o.name AS organisation_name
         FROM recovery_claims rc JOIN cases c ON c.id = rc.case_id JOIN organisations o ON o.id = c.organisation_id
        WHERE rc.status = 'open' ORDER BY rc.due_on, c.file_number, rc.number`,
    );
    if (!claims.length) return [];
    const repayments: RepaymentRow[] = await this.db.query(`SELECT ${REPAYMENT_COLUMNS} FROM recovery_repayments WHERE claim_id = ANY($1) ORDER BY received_on, booked_at`, [
      claims.map((c) => c.id),
    ]);
    const rates = await this.baseRates.rates(this.db.manager);
    const day = this.today();
    return claims.map((c) => ({
      ...this.view(c, repayments.filter((r) => r.claim_id === c.id), day, rates),
      fileNumber: c.file_number,
      caseTitle: c.title,
      organisationName: c.organisation_name,
    }));
  }

  async bookRepayment(actor: Actor, claimId: string, dto: BookRepaymentDto): Promise<RecoveryClaimDto> {
    return this.db.transaction(async (em) => {
      const [claim]: ClaimRow[] = await em.query(`SELECT ${CLAIM_COLUMNS} FROM recovery_claims WHERE id = $1 FOR UPDATE`, [claimId]);
      if (!claim) throw new NotFoundError('The recovery claim', 'RECOVERY_CLAIM_NOT_FOUND');
      const kase = await this.workflow.getCase(actor, claim.case_id, em);
      if (claim.status !== 'open') throw new ConflictError('RECOVERY_CLAIM_SETTLED', 'This claim is paid in full; nothing more can be booked against it.');
      if (!isRealDay(dto.receivedOn)) throw new UnprocessableError('DATE_INVALID', `${dto.receivedOn} is not a day of the calendar.`, { field: 'receivedOn' });
      if (dto.receivedOn > this.today()) throw new UnprocessableError('DATE_IN_FUTURE', 'A repayment cannot be booked before it has been received.', { field: 'receivedOn' });
      const earlier: RepaymentRow[] = await em.query(`SELECT ${REPAYMENT_COLUMNS} FROM recovery_repayments WHERE claim_id = $1 ORDER BY received_on, booked_at`, [claimId]);
      const last = earlier.at(-1);
      if (last && dto.receivedOn < last.received_on) {
        throw new ConflictError(
          'REPAYMENT_OUT_OF_ORDER',
          `Repayments are booked in the order they were received; the last one booked was received on ${formatDate(last.received_on)}.`,
          { field: 'receivedOn', lastReceivedOn: last.received_on },
        );
      }
      const rates = await this.baseRates.rates(em);
      const state = this.state(claim, [...earlier, { received_on: dto.receivedOn, amount_cents: String(dto.amountCents) } as RepaymentRow], dto.receivedOn, rates);
      const split = state.allocations.at(-1)!;
      const [row]: RepaymentRow[] = await em.query(
        `INSERT INTO recovery_repayments (claim_id, received_on, amount_cents, to_costs_cents, to_interest_cents, to_principal_cents, surplus_cents, reference, booked_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [claimId, dto.receivedOn, dto.amountCents, split.toCostsCents, split.toInterestCents, split.toPrincipalCents, split.surplusCents, dto.reference?.trim() || null, actor.id],
      );
      const { definition } = await this.guidelines.version(kase.guidelineVersionId);
      await this.ledger.bookRecovery(em, {
        guidelineCode: definition.code,
        callCode: kase.callCode,
        caseId: kase.id,
        repaymentId: row.id,
        receivedOn: dto.receivedOn,
        principalCents: split.toPrincipalCents,
        interestCents: split.toInterestCents,
        bookedBy: actor.id,
      });
      const paidInFull = state.totalOpenCents === 0;
      if (paidInFull) await em.query(`UPDATE recovery_claims SET status = 'settled', settled_on = $2 WHERE id = $1`, [claimId, dto.receivedOn]);
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'recovery_claim.repayment_booked',
        entityType: 'case',
        entityId: kase.id,
        data: { claimId, repaymentId: row.id, ...split, paidInFull },
      });
      const claims: ClaimRow[] = await em.query(`SELECT ${CLAIM_COLUMNS} FROM recovery_claims WHERE id = $1`, [claimId]);
      const all: RepaymentRow[] = await em.query(`SELECT ${REPAYMENT_COLUMNS} FROM recovery_repayments WHERE claim_id = $1 ORDER BY received_on, booked_at`, [claimId]);
      return this.view(claims[0], all, dto.receivedOn, rates);
    });
  }

  private state(claim: ClaimRow, repayments: RepaymentRow[], asOf: string, rates: BaseRate[]): ClaimState {
    try {
      return claimState(
        { principalCents: Number(claim.principal_cents), costsCents: Number(claim.costs_cents), interestFrom: claim.interest_from, aboveBp: claim.interest_above_bp },
        repayments.map((r) => ({ on: r.received_on, amountCents: Number(r.amount_cents) })),
        asOf,
        rates,
      );
    } catch (e) {
      if (e instanceof MissingBaseRateError) {
        throw new ConflictError(
          'BASE_RATE_MISSING',
          `Interest up to ${formatDate(asOf)} needs the base rate from ${formatDate(e.missingFrom)}, which has not been entered yet (Verwaltung → Basiszinssatz).`,
          { missingFrom: e.missingFrom },
        );
      }
      throw e;
    }
  }

  private view(c: ClaimRow, repayments: RepaymentRow[], asOf: string, rates: BaseRate[]): RecoveryClaimDto {
    const booked: RepaymentDto[] = repayments.map((r) => ({
      id: r.id,
      receivedOn: r.received_on,
      amountCents: Number(r.amount_cents),
      toCostsCents: Number(r.to_costs_cents),
      toInterestCents: Number(r.to_interest_cents),
      toPrincipalCents: Number(r.to_principal_cents),
      surplusCents: Number(r.surplus_cents),
      reference: r.reference,
      bookedAt: r.booked_at.toISOString(),
    }));
    const repaidPrincipal = booked.reduce((s, r) => s + r.toPrincipalCents, 0);
    const repaidCosts = booked.reduce((s, r) => s + r.toCostsCents, 0);
    const base = {
      id: c.id,
      caseId: c.case_id,
      number: c.number,
      grounds: c.grounds,
      status: c.status,
      principalCents: Number(c.principal_cents),
      costsCents: Number(c.costs_cents),
      interestFrom: c.interest_from,
      interestAboveBp: c.interest_above_bp,
      dueOn: c.due_on,
      asOf,
      principalOpenCents: Number(c.principal_cents) - repaidPrincipal,
      costsOpenCents: Number(c.costs_cents) - repaidCosts,
      repayments: booked,
    };
    // a settled claim owes nothing more; an open one is stated to asOf, or says which base rate is missing
    if (c.status === 'settled') return { ...base, interestOpenCents: 0, interestAccruedCents: booked.reduce((s, r) => s + r.toInterestCents, 0), totalOpenCents: 0, missingBaseRateFrom: null };
    try {
      const s = this.state(c, repayments, asOf, rates);
      return { ...base, interestOpenCents: s.interestOpenCents, interestAccruedCents: s.interestAccruedCents, totalOpenCents: s.totalOpenCents, missingBaseRateFrom: null };
    } catch (e) {
      if (e instanceof ConflictError && e.code === 'BASE_RATE_MISSING') {
        return { ...base, interestOpenCents: null, interestAccruedCents: null, totalOpenCents: null, missingBaseRateFrom: (e.details as { missingFrom: string }).missingFrom };
      }
      throw e;
    }
  }

  private today(): string {
    return berlinDate(this.clock.now());
  }
}

const isRealDay = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

