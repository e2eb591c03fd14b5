import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CostLine } from '../applications/domain/grant-calculation';
import { CallBudget, CallBudgetKeeper, CallsService } from '../guidelines/calls/calls.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { ConflictError } from '../platform/errors/domain-error';
import { formatEuro } from '../platform/format';
import { splitByFiscalYear } from './domain/budget-split';

/** What the ledger needs of a decision to commit its grant. */
export interface Commitment {
  caseId: string;
  decisionId: string;
  costs: CostLine[];
  requestedRatesBp: Record<string, number>;
  grantCents: number;
}

/** A payment leaving (or coming back to) the state's account, booked on a call and fiscal year. */
export interface PaymentBooking {
  guidelineCode: string;
  callCode: string;
  fiscalYear: number;
  caseId: string;
  paymentRequestId: string;
  amountCents: number;
  /** YYYY-MM-DD */
  bookedOn: string;
}

export interface LedgerRow {
  fiscalYear: number;
  budgetCents: number;
  committedCents: number;
  paidCents: number;
  recoveredCents: number;
  availableCents: number;
}

/**
 * The budget ledger (Haushaltsüberwachung): one row per call and fiscal year with budget, committed, paid and
 * recovered; commitments per case and year. Budgets follow the call records (this service keeps them in step as
 * the calls' budget keeper); decisions book and release through it, later payouts and settlement too. Every
 * change of a row happens under its row lock, so concurrent sign-offs and budget changes queue and never
 * take a year over its budget.
 */
@Injectable()
export class LedgerService implements OnModuleInit, CallBudgetKeeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calls: CallsService,
  ) {}

  onModuleInit(): void {
    this.calls.useBudgetKeeper(this);
  }

  // --- the calls' budget keeper

  async open(em: EntityManager, guidelineCode: string, callCode: string, budgets: CallBudget[]): Promise<void> {
    for (const b of budgets) {
      await em.query(
        `INSERT INTO call_budgets (guideline_code, call_code, fiscal_year, budget_cents) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guideline_code, call_code, fiscal_year) DO NOTHING`,
        [guidelineCode, callCode, b.fiscalYear, b.amountCents],
      );
    }
  }

  async set(em: EntityManager, guidelineCode: string, callCode: string, fiscalYear: number, amountCents: number): Promise<void> {
    await em.query(
      `INSERT INTO call_budgets (guideline_code, call_code, fiscal_year, budget_cents) VALUES ($1, $2, $3, 0)
       ON CONFLICT (guideline_code, call_code, fiscal_year) DO NOTHING`,
      [guidelineCode, callCode, fiscalYear],
    );
    // the same row lock a sign-off takes: a budget change and a commitment never pass each other
    const [row] = await em.query(
      `SELECT committed_cents FROM call_budgets WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3 FOR UPDATE`,
      [guidelineCode, callCode, fiscalYear],
    );
    const committed = Number(row.committed_cents);
    if (amountCents < committed) {
      throw new ConflictError(
        'BUDGET_BELOW_COMMITTED',
        `The budget of ${fiscalYear} cannot be set to ${formatEuro(amountCents)}: ${formatEuro(committed)} of it are committed.`,
        { fiscalYear, requestedCents: amountCents, committedCents: committed },
      );
    }
    await em.query(`UPDATE call_budgets SET budget_cents = $4 WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3`, [
      guidelineCode,
      callCode,
      fiscalYear,
      amountCents,
    ]);
  }

  // --- reading

  async ledger(guidelineCode: string, callCode: string): Promise<LedgerRow[]> {
    await this.calls.get(guidelineCode, callCode); // 404 CALL_NOT_FOUND
    const rows = await this.dataSource.query(
      `SELECT fiscal_year, budget_cents, committed_cents, paid_cents, recovered_cents FROM call_budgets WHERE guideline_code = $1 AND call_code = $2 ORDER BY fiscal_year`,
      [guidelineCode, callCode],
    );
    return rows.map((r: Record<string, string>) => {
      const [budget, committed, paid, recovered] = [r.budget_cents, r.committed_cents, r.paid_cents, r.recovered_cents].map(Number);
      return { fiscalYear: Number(r.fiscal_year), budgetCents: budget, committedCents: committed, paidCents: paid, recoveredCents: recovered, availableCents: budget - committed };
    });
  }

  // --- booking (called by approvals, later payouts and settlement)

  /** Commits the grant per fiscal year; refuses (409 BUDGET_EXCEEDED, so the caller's transaction rolls back) if any year would go over. */
  async commit(em: EntityManager, def: GuidelineDefinition, callCode: string, c: Commitment, variant: string): Promise<void> {
    const split = splitByFiscalYear(def, variant, c.costs, c.requestedRatesBp, c.grantCents);
    await this.book(em, def.code, callCode, split, c.caseId, c.decisionId);
  }

  /** Releases every open commitment of a case (rejection after objection, amendment, revocation). */
  async release(em: EntityManager, caseId: string): Promise<void> {
    const open = await em.query(`SELECT id, guideline_code, call_code, fiscal_year, amount_cents FROM commitments WHERE case_id = $1 AND released_at IS NULL ORDER BY fiscal_year`, [caseId]);
    for (const c of open) {
      await em.query(`SELECT 1 FROM call_budgets WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3 FOR UPDATE`, [c.guideline_code, c.call_code, c.fiscal_year]);
      await em.query(`UPDATE call_budgets SET committed_cents = committed_cents - $4 WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3`, [
        c.guideline_code,
        c.call_code,
        c.fiscal_year,
        c.amount_cents,
      ]);
      await em.query(`UPDATE commitments SET released_at = now() WHERE id = $1`, [c.id]);
    }
  }

  /**
   * Settlement: keeps `keepCents` of the case's open commitments (the final grant) and releases the rest, the latest
   * fiscal years first (what was not spent is what was planned last). A row cut in part is released and its kept
   * part committed again as a new row, so every row's history stays. Returns the cents released.
   */
  async releaseBeyond(em: EntityManager, caseId: string, keepCents: number): Promise<number> {
    const open: { id: string; decision_id: string; guideline_code: string; call_code: string; fiscal_year: number; amount_cents: string }[] = await em.query(
      `SELECT id, decision_id, guideline_code, call_code, fiscal_year, amount_cents FROM commitments WHERE case_id = $1 AND released_at IS NULL ORDER BY fiscal_year`,
      [caseId],
    );
    // lock in the fixed (ascending) order every other path uses
    for (const c of open) await em.query(`SELECT 1 FROM call_budgets WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3 FOR UPDATE`, [c.guideline_code, c.call_code, c.fiscal_year]);
    let excess = open.reduce((sum, c) => sum + Number(c.amount_cents), 0) - keepCents;
    let released = 0;
    for (const c of [...open].reverse()) {
      if (excess <= 0) break;
      const amount = Number(c.amount_cents);
      const cut = Math.min(amount, excess);
      await em.query(`UPDATE call_budgets SET committed_cents = committed_cents - $4 WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3`, [c.guideline_code, c.call_code, c.fiscal_year, cut]);
      await em.query(`UPDATE commitments SET released_at = now() WHERE id = $1`, [c.id]);
      if (cut < amount) {
        await em.query(`INSERT INTO commitments (case_id, decision_id, guideline_code, call_code, fiscal_year, amount_cents) VALUES ($1, $2, $3, $4, $5, $6)`, [
          caseId,
          c.decision_id,
          c.guideline_code,
          c.call_code,
          c.fiscal_year,
          amount - cut,
        ]);
      }
      excess -= cut;
      released += cut;
    }
    return released;
  }

  /** Whether the grant would fit the ledger now (the binding test happens under lock when it is booked). */
  async fits(
    em: EntityManager,
    def: GuidelineDefinition,
    callCode: string,
    c: Omit<Commitment, 'caseId' | 'decisionId'>,
    variant: string,
  ): Promise<{ year: number; needed: number; available: number }[]> {
    const split = splitByFiscalYear(def, variant, c.costs, c.requestedRatesBp, c.grantCents);
    const short: { year: number; needed: number; available: number }[] = [];
    for (const [year, needed] of split) {
      const [b] = await em.query(`SELECT budget_cents - committed_cents AS available FROM call_budgets WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3`, [
        def.code,
        callCode,
        year,
      ]);
      const available = b ? Number(b.available) : 0;
      if (needed > available) short.push({ year, needed, available });
    }
    return short;
  }

  /**
   * A repayment of a recovery claim: the principal part returns to the budget of the call in the fiscal year it is
   * received (recovered); the interest part is revenue, recorded beside it but not budget. Once per repayment.
   */
  async bookRecovery(
    em: EntityManager,
    r: { guidelineCode: string; callCode: string; caseId: string; repaymentId: string; receivedOn: string; principalCents: number; interestCents: number; bookedBy: string },
  ): Promise<void> {
    const fiscalYear = Number(r.receivedOn.slice(0, 4));
    if (r.principalCents > 0) {
      await em.query(
        `INSERT INTO call_budgets (guideline_code, call_code, fiscal_year, budget_cents) VALUES ($1, $2, $3, 0) ON CONFLICT (guideline_code, call_code, fiscal_year) DO NOTHING`,
        [r.guidelineCode, r.callCode, fiscalYear],
      );
      await em.query(`UPDATE call_budgets SET recovered_cents = recovered_cents + $4 WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3`, [
        r.guidelineCode,
        r.callCode,
        fiscalYear,
        r.principalCents,
      ]);
    }
    for (const [kind, amount] of [
      ['recovery', r.principalCents],
      ['recovery_interest', r.interestCents],
    ] as const) {
      if (amount <= 0) continue;
      await em.query(
        `INSERT INTO ledger_bookings (guideline_code, call_code, fiscal_year, case_id, recovery_repayment_id, kind, amount_cents, booked_on, booked_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [r.guidelineCode, r.callCode, fiscalYear, r.caseId, r.repaymentId, kind, amount, r.receivedOn, r.bookedBy],
      );
    }
  }

  private async book(em: EntityManager, guidelineCode: string, callCode: string, split: Map<number, number>, caseId: string, decisionId: string): Promise<void> {
    const years = [...split.keys()].sort();
    // lock the ledger rows in a fixed order, so concurrent sign-offs queue instead of deadlocking
    const rows = await em.query(
      `SELECT fiscal_year, budget_cents - committed_cents AS available FROM call_budgets WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = ANY($3) ORDER BY fiscal_year FOR UPDATE`,
      [guidelineCode, callCode, years],
    );
    const available = new Map<number, number>(rows.map((r: { fiscal_year: number; available: string }) => [Number(r.fiscal_year), Number(r.available)]));
    const short = years.filter((y) => split.get(y)! > (available.get(y) ?? -1));
    if (short.length) {
      throw new ConflictError(
        'BUDGET_EXCEEDED',
        `The call's budget does not cover this grant in ${short.join(', ')}.`,
        short.map((y) => ({ fiscalYear: y, neededCents: split.get(y), availableCents: available.get(y) ?? 0, available: formatEuro(available.get(y) ?? 0) })),
      );
    }
    for (const y of years) {
      const amount = split.get(y)!;
      if (amount === 0) continue;
      await em.query(`UPDATE call_budgets SET committed_cents = committed_cents + $4 WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3`, [guidelineCode, callCode, y, amount]);
      await em.query(`INSERT INTO commitments (case_id, decision_id, guideline_code, call_code, fiscal_year, amount_cents) VALUES ($1, $2, $3, $4, $5, $6)`, [
        caseId,
        decisionId,
        guidelineCode,
        callCode,
        y,
        amount,
      ]);
    }
  }

  // --- payments (called by payouts when a run is executed or a payment comes back)

  /**
   * Books paid payments: one ledger_bookings row each (kind 'payment') and paid_cents per call and fiscal year.
   * The unique index ledger_bookings_once refuses a second booking of the same payment, so a bug upstream cannot
   * book a payment twice; the caller's transaction then rolls back as a whole.
   */
  async bookPayments(em: EntityManager, bookedBy: string, bookings: PaymentBooking[]): Promise<void> {
    await this.bookMovements(em, bookedBy, 'payment', bookings);
  }

  /** Books returned payments (kind 'return'): paid_cents goes down by the amount, in the fiscal year the payment was booked in. */
  async bookReturns(em: EntityManager, bookedBy: string, bookings: PaymentBooking[]): Promise<void> {
    await this.bookMovements(em, bookedBy, 'return', bookings);
  }

  /** The fiscal year a payment was booked in (null if it was not booked as paid). */
  async paymentFiscalYear(em: EntityManager, paymentRequestId: string): Promise<number | null> {
    const [row] = await em.query(`SELECT fiscal_year FROM ledger_bookings WHERE payment_request_id = $1 AND kind = 'payment'`, [paymentRequestId]);
    return row ? Number(row.fiscal_year) : null;
  }

  private async bookMovements(em: EntityManager, bookedBy: string, kind: 'payment' | 'return', bookings: PaymentBooking[]): Promise<void> {
    if (bookings.length === 0) return;
    // one statement for all rows: a run has up to thousands of payments
    await em.query(
      `INSERT INTO ledger_bookings (guideline_code, call_code, fiscal_year, case_id, payment_request_id, kind, amount_cents, booked_on, booked_by)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::date[], $9::uuid[])`,
      [
        bookings.map((b) => b.guidelineCode),
        bookings.map((b) => b.callCode),
        bookings.map((b) => b.fiscalYear),
        bookings.map((b) => b.caseId),
        bookings.map((b) => b.paymentRequestId),
        bookings.map(() => kind),
        bookings.map((b) => b.amountCents),
        bookings.map((b) => b.bookedOn),
        bookings.map(() => bookedBy),
      ],
    );
    const sums = new Map<string, { guidelineCode: string; callCode: string; fiscalYear: number; cents: number }>();
    for (const b of bookings) {
      const key = `${b.guidelineCode}\u0000${b.callCode}\u0000${b.fiscalYear}`;
      const s = sums.get(key) ?? { guidelineCode: b.guidelineCode, callCode: b.callCode, fiscalYear: b.fiscalYear, cents: 0 };
      s.cents += b.amountCents;
      sums.set(key, s);
    }
    // the same fixed lock order as commitments, so a booking and a sign-off queue instead of deadlocking
    const rows = [...sums.values()].sort((a, b) => a.guidelineCode.localeCompare(b.guidelineCode) || a.callCode.localeCompare(b.callCode) || a.fiscalYear - b.fiscalYear);
    for (const r of rows) {
      // a payment in a year without a budget row still has to be on record
      await em.query(
        `INSERT INTO call_budgets (guideline_code, call_code, fiscal_year, budget_cents) VALUES ($1, $2, $3, 0) ON CONFLICT (guideline_code, call_code, fiscal_year) DO NOTHING`,
        [r.guidelineCode, r.callCode, r.fiscalYear],
      );
      await em.query(`SELECT 1 FROM call_budgets WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3 FOR UPDATE`, [r.guidelineCode, r.callCode, r.fiscalYear]);
      await em.query(`UPDATE call_budgets SET paid_cents = paid_cents ${kind === 'payment' ? '+' : '-'} $4 WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = $3`, [
        r.guidelineCode,
        r.callCode,
        r.fiscalYear,
        r.cents,
      ]);
    }
  }
}
