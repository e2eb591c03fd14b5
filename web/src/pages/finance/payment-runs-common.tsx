import { ApiError } from '../../api/client';
import { germanMessage } from '../../components/forms';

export const RUN_STATUS: Record<string, string> = { built: 'zusammengestellt', exported: 'exportiert (an die Bank übergeben)', executed: 'ausgeführt' };
export const PAYMENT_STATUS: Record<string, string> = { ordered: 'angeordnet', paid: 'ausgezahlt', returned: 'zurückgekommen' };

/** ISO 20022 return reasons as finance reads them on the bank statement (the API takes the code). */
export const RETURN_REASONS: [string, string][] = [
  ['AC01', 'AC01 – Kontonummer fehlerhaft'],
  ['AC04', 'AC04 – Konto aufgelöst'],
  ['AC06', 'AC06 – Konto gesperrt'],
  ['AG01', 'AG01 – Transaktion für dieses Konto nicht zulässig'],
  ['AG02', 'AG02 – Ungültiger Vorgangscode'],
  ['AM05', 'AM05 – Doppelte Zahlung'],
  ['BE04', 'BE04 – Anschrift des Empfängers fehlt oder fehlerhaft'],
  ['CNOR', 'CNOR – Bank des Empfängers nicht erreichbar'],
  ['DNOR', 'DNOR – Bank des Zahlers nicht erreichbar'],
  ['FF01', 'FF01 – Ungültiges Dateiformat'],
  ['FOCR', 'FOCR – Rückgabe nach Rückrufanfrage'],
  ['MD07', 'MD07 – Kontoinhaber verstorben'],
  ['MS02', 'MS02 – Ohne Angabe von Gründen (Empfänger)'],
  ['MS03', 'MS03 – Ohne Angabe von Gründen (Bank)'],
  ['RC01', 'RC01 – BIC fehlerhaft'],
  ['RR01', 'RR01 – Regulatorisch: Kontoangaben fehlen'],
  ['RR02', 'RR02 – Regulatorisch: Angaben zum Zahler fehlen'],
  ['RR03', 'RR03 – Regulatorisch: Angaben zum Empfänger fehlen'],
  ['RR04', 'RR04 – Regulatorische Gründe'],
];

// The refusals finance meets on these pages, in German; the rest falls back to the general text.
const MESSAGES_DE: Record<string, string> = {
  EXECUTION_DATE_NOT_BUSINESS_DAY: 'Der Ausführungstag ist kein TARGET2-Geschäftstag (Wochenende, 1. Januar, Karfreitag, Ostermontag, 1. Mai, 25. oder 26. Dezember).',
  EXECUTION_DATE_IN_PAST: 'Der Ausführungstag liegt in der Vergangenheit.',
  NO_PAYMENTS_TO_RUN: 'Es gibt keine angeordneten Zahlungen für diesen Zahlungslauf.',
  PAYMENT_ALREADY_IN_RUN: 'Eine der Zahlungen ist bereits in einem anderen Zahlungslauf.',
  PAYMENTS_TAKEN_BY_OTHER_RUN: 'Ein Teil der Zahlungen wurde inzwischen in einen anderen Zahlungslauf übernommen. Bitte laden Sie die Seite neu.',
  PAYMENT_NOT_ORDERED: 'Eine der Zahlungen ist nicht (mehr) angeordnet.',
  PAYEE_ACCOUNT_MISSING: 'Für den Empfänger ist keine bestätigte Bankverbindung hinterlegt.',
  PAYEE_ADDRESS_INCOMPLETE: 'Die Anschrift des Empfängers ist unvollständig (Straße, Hausnummer, Postleitzahl, Ort, Land).',
  RUN_ALREADY_EXPORTED: 'Der Zahlungslauf wurde bereits exportiert; die Datei ändert sich nicht mehr.',
  RUN_ALREADY_EXECUTED: 'Die Ausführung dieses Zahlungslaufs ist bereits bestätigt; es wurde nichts erneut gebucht.',
  RUN_NOT_EXPORTED: 'Der Zahlungslauf ist noch nicht exportiert.',
  RUN_NOT_YET_DUE: 'Der Ausführungstag ist noch nicht erreicht; die Ausführung kann erst dann bestätigt werden.',
  BOOKING_DATE_IN_FUTURE: 'Der Buchungstag darf nicht in der Zukunft liegen.',
  BOOKING_DATE_BEFORE_EXECUTION: 'Der Buchungstag darf nicht vor dem Ausführungstag liegen.',
  PAYMENT_NOT_PAID: 'Nur eine ausgezahlte Zahlung kann als Rückläufer gebucht werden.',
  PAYMENT_ALREADY_RETURNED: 'Diese Zahlung ist bereits als Rückläufer gebucht.',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'Die gleiche Aktion wird gerade noch verarbeitet. Bitte warten Sie einen Moment.',
};

export function runMessage(problem: { code: string; field?: string }): string {
  return MESSAGES_DE[problem.code] ?? germanMessage(problem);
}

export function runMessages(error: ApiError | undefined): string[] {
  if (!error) return ['Das hat nicht geklappt. Bitte versuchen Sie es erneut.'];
  const problems = error.details?.problems ?? [];
  return problems.length ? problems.map(runMessage) : [runMessage(error)];
}

/** A fresh Idempotency-Key for one intended action: a retry or double click of it is answered, never done twice. */
export function newKey(): string {
  return crypto.randomUUID();
}

/** DE89370400440532013000 → DE89 3704 0044 0532 0130 00 */
export function spacedIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}
