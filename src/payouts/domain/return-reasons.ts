// ISO 20022 return reason codes (ExternalReturnReason1Code) a bank gives when a SEPA credit transfer comes back,
// the ones the EPC SCT rulebook lists for returns, with the German name people read in the return mail.
export const RETURN_REASONS = {
  AC01: 'Kontonummer fehlerhaft',
  AC04: 'Konto aufgelöst',
  AC06: 'Konto gesperrt',
  AG01: 'Transaktion für dieses Konto nicht zulässig',
  AG02: 'Ungültiger Vorgangscode',
  AM05: 'Doppelte Zahlung',
  BE04: 'Anschrift des Zahlungsempfängers fehlt oder ist fehlerhaft',
  CNOR: 'Bank des Zahlungsempfängers nicht erreichbar',
  DNOR: 'Bank des Zahlers nicht erreichbar',
  FF01: 'Ungültiges Dateiformat',
  FOCR: 'Rückgabe nach Rückrufanfrage',
  MD07: 'Kontoinhaber verstorben',
  MS02: 'Ohne Angabe von Gründen durch den Zahlungsempfänger',
  MS03: 'Ohne Angabe von Gründen durch die Bank',
  RC01: 'BIC fehlerhaft',
  RR01: 'Regulatorische Gründe: Kontoangaben fehlen',
  RR02: 'Regulatorische Gründe: Name oder Anschrift des Zahlers fehlt',
  RR03: 'Regulatorische Gründe: Name oder Anschrift des Zahlungsempfängers fehlt',
  RR04: 'Regulatorische Gründe',
} as const;
export type ReturnReasonCode = keyof typeof RETURN_REASONS;
export const RETURN_REASON_CODES = Object.keys(RETURN_REASONS) as ReturnReasonCode[];
