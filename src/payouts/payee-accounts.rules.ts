// Pure rules of payee accounts (no Nest, no database).

/**
 * States of a case whose notice has become final or gone further (and an objection against a notice): an organisation
 * with such a case is about to be, or being, paid, so a change of its account waits for the agency's confirmation —
 * account-change fraud is the commonest fraud on grant payments.
 */
export const STATES_NEEDING_CONFIRMED_ACCOUNT_CHANGES = ['notice_final', 'in_payment', 'proof_of_use_submitted', 'settlement_prepared', 'settled', 'recovery_pending', 'objection'] as const;

/** `DE89370400440532013000` → `**** **** **** **** **30 00`: only the last four characters stay readable. */
export function maskIban(iban: string): string {
  const masked = iban.slice(0, -4).replace(/./g, '*') + iban.slice(-4);
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

export interface AccountData {
  holder: string;
  iban: string;
  bic: string | null;
}

export function sameAccount(a: AccountData, b: AccountData): boolean {
  return a.holder === b.holder && a.iban === b.iban && (a.bic ?? null) === (b.bic ?? null);
}
