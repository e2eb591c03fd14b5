import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '../../api/client';
import { germanMessage, SummaryItem } from '../../components/forms';

export const ROLE_LABELS: Record<string, string> = {
  applicant: 'Antragsteller',
  caseworker: 'Sachbearbeitung',
  reviewer: 'Gutachter (Jury)',
  approver: 'Zeichnungsberechtigt',
  finance: 'Haushalt und Auszahlung',
  auditor: 'Prüfung (Revision)',
  admin: 'Verwaltung',
};

export const KIND_LABELS: Record<string, string> = {
  agency: 'Bewilligungsstelle',
  municipality: 'Gemeinde oder Stadt',
  district: 'Landkreis',
  municipal_association: 'Kommunaler Zweckverband',
  company: 'Unternehmen',
  association: 'Verein',
  partnership: 'Personengesellschaft',
  freelancer: 'Freiberufler',
  other_public_body: 'Andere öffentliche Stelle',
};

export const STATUS_LABELS: Record<string, string> = { invited: 'Eingeladen', active: 'Aktiv', disabled: 'Deaktiviert' };

// What the admin's forms can be refused with, in German; the rest falls back to the general text of forms.tsx.
const ADMIN_MESSAGES: Record<string, string> = {
  AGS_REQUIRED: 'Gemeinden und Landkreise brauchen ihren Amtlichen Gemeindeschlüssel.',
  AGS_INVALID: 'Diesen Amtlichen Gemeindeschlüssel gibt es nicht.',
  AGS_TAKEN: 'Eine Organisation mit diesem Gemeindeschlüssel gibt es schon.',
  POSTAL_CODE_INVALID: 'Die Postleitzahl hat in Deutschland fünf Ziffern.',
  ADDRESS_INCOMPLETE: 'Bitte geben Sie die Anschrift vollständig an (Straße, Hausnummer, Postleitzahl und Ort).',
  EMAIL_TAKEN: 'Zu dieser E-Mail-Adresse gibt es schon ein Konto.',
  USER_ALREADY_INVITED: 'Diese Person ist schon eingeladen. Erneuern Sie die Einladung in der Benutzerliste.',
  ORGANISATION_REQUIRED: 'Antragsteller brauchen die Organisation, für die sie handeln.',
  ORGANISATION_NOT_FOUND: 'Diese Organisation gibt es nicht.',
  TEAM_INVALID: 'Der Teamname hat 1 bis 80 Zeichen.',
  TEAM_NOT_FOR_APPLICANTS: 'Nur Mitarbeitende der Bewilligungsstelle gehören zu einem Team.',
  CANNOT_DEACTIVATE_SELF: 'Sie können Ihr eigenes Konto nicht deaktivieren.',
  CALL_EXISTS: 'Einen Förderaufruf mit diesem Kürzel gibt es in dieser Richtlinie schon.',
  DATE_INVALID: 'Dieses Datum gibt es nicht.',
  DEADLINE_BEFORE_OPENING: 'Der Stichtag muss nach dem Beginn liegen.',
  FISCAL_YEAR_DUPLICATE: 'Jedes Haushaltsjahr darf nur einmal vorkommen.',
  FISCAL_YEAR_INVALID: 'Dieses Haushaltsjahr ist nicht gültig.',
  NOTHING_TO_CHANGE: 'Sie haben nichts geändert.',
  CALL_CLOSED: 'Dieser Förderaufruf ist geschlossen und kann nicht mehr geändert werden.',
  CALL_ALREADY_CLOSED: 'Dieser Förderaufruf ist schon geschlossen.',
  BUDGET_BELOW_COMMITTED: 'Das Budget darf nicht unter den schon gebundenen Mitteln des Haushaltsjahres liegen.',
  BASE_RATE_EXISTS: 'Für diesen Tag ist schon ein Basiszinssatz erfasst; erfasste Sätze werden nicht geändert.',
  BASE_RATE_OUT_OF_ORDER: 'Basiszinssätze werden lückenlos Halbjahr für Halbjahr erfasst.',
  AUDIT_CHAIN_BROKEN: 'Die Prüfkette ist unterbrochen: Ein Prüfpunkt kann erst nach der Klärung gesetzt werden.',
};

export const adminMessage = (p: { code: string; field?: string }) => ADMIN_MESSAGES[p.code] ?? germanMessage(p);

/**
 * The API's refusal on the form: problems with a known field go to it; a single error naming a field in its details
 * (AGS_TAKEN, …) is treated as one such problem. Every message in German, also in the summary.
 */
export function applyAdminError<T extends FieldValues>(error: ApiError, fields: readonly Path<T>[], setError: UseFormSetError<T>, fieldMap: Record<string, Path<T>> = {}): SummaryItem[] {
  const detailField = typeof error.details?.field === 'string' ? error.details.field : undefined;
  const problems = error.details?.problems?.length ? error.details.problems : [{ code: error.code, field: detailField }];
  return problems.map((p) => {
    const name = p.field ? (fieldMap[p.field] ?? p.field) : undefined;
    const field = fields.find((f) => f === name);
    const message = adminMessage({ code: p.code, field: p.field });
    if (field) setError(field, { type: 'server', message });
    return { field, message };
  });
}

/** A YYYY-MM-DD day n days from today (Berlin). */
export function dayFromToday(n: number): string {
  const d = new Date(Date.now() + n * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(d);
}

/** "1.234,56" or "1234" (euros as people type them) as integer cents; NaN when it is not a sum. */
export function parseEuro(text: string): number {
  const clean = text.replace(/\s|€/g, '').replace(/\./g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return NaN;
  return Math.round(Number(clean) * 100);
}

/** Cents as the euro amount to edit: 1234567 → "12.345,67". */
export const centsToInput = (cents: number) => (cents / 100).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
