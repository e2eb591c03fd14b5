import { createHash } from 'node:crypto';

/**
 * Settlement of a case (Schlussabrechnung): the final grant from the accepted actual costs, and what follows from
 * comparing it with what was paid. Pure: integer cents, rates in basis points.
 */

export interface AcceptedCategory {
  category: string;
  /** Actual eligible costs the caseworker accepted in the proof of use. */
  acceptedCents: number;
  /** The rate of the binding financing plan for this category. */
  rateBp: number;
}

export interface FinalGrant {
  perCategory: { category: string; acceptedCents: number; rateBp: number; grantCents: number }[];
  uncappedCents: number;
  /** Capped by the approved grant; 0 when below the minimum grant. */
  finalGrantCents: number;
  cappedByApproval: boolean;
  belowMinimum: boolean;
}

/** Σ over categories of round-down(accepted × rate), never above the approved grant; under the minimum grant nothing. */
export function finalGrant(categories: AcceptedCategory[], approvedGrantCents: number, minimumGrantCents: number): FinalGrant {
  const perCategory = categories.map((c) => ({ ...c, grantCents: Number((BigInt(c.acceptedCents) * BigInt(c.rateBp)) / 10_000n) }));
  const uncappedCents = perCategory.reduce((sum, c) => sum + c.grantCents, 0);
  const capped = Math.min(uncappedCents, approvedGrantCents);
  const belowMinimum = capped < minimumGrantCents;
  return { perCategory, uncappedCents, finalGrantCents: belowMinimum ? 0 : capped, cappedByApproval: uncappedCents > approvedGrantCents, belowMinimum };
}

export type SettlementOutcome =
  | { kind: 'final_payment'; amountCents: number }
  | { kind: 'recovery'; amountCents: number }
  | { kind: 'balanced'; amountCents: 0 };

/** Paid less than the final grant: pay the rest (the retention among it); paid more: recover the difference. */
export function settlementOutcome(finalGrantCents: number, paidCents: number): SettlementOutcome {
  if (paidCents < finalGrantCents) return { kind: 'final_payment', amountCents: finalGrantCents - paidCents };
  if (paidCents > finalGrantCents) return { kind: 'recovery', amountCents: paidCents - finalGrantCents };
  return { kind: 'balanced', amountCents: 0 };
}

/**
 * The receipts to examine in detail: ceil(share × n) of them, drawn reproducibly from the case (the same case and
 * lines always give the same sample, whoever draws it and how often), so the draw can be recorded and re-checked.
 */
export function drawSample(caseId: string, lineIds: string[], shareBp: number): string[] {
  const size = Math.min(lineIds.length, Math.ceil((lineIds.length * shareBp) / 10_000));
  const key = (id: string) => createHash('sha256').update(`${caseId}:${id}`).digest('hex');
  return [...lineIds]
    .sort()
    .map((id) => ({ id, k: key(id) }))
    .sort((a, b) => a.k.localeCompare(b.k))
    .slice(0, size)
    .map((x) => x.id);
}
