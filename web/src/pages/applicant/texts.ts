import type { Schemas } from '../../api/client';

// Money is typed as German euro ("1.234,56") and stored as integer cents; the UI only converts, the server computes.

/** "1.234,56" / "1234,5" / "1234" / "1 234,56 €" as cents; null for anything else (an empty field included). */
export function parseEuro(text: string): number | null {
  const t = text.replace(/[\s\u00a0€]/g, '');
  if (!/^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$/.test(t)) return null;
  const [whole, fraction = ''] = t.replace(/\./g, '').split(',');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

const amount = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Cents as the text of an amount field: 123456 → "1.234,56". */
export const euroInput = (cents: number) => amount.format(cents / 100);

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('de-DE')} KB`;
}

const MEDIA: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument-Tabelle (ODS)',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};
export const mediaLabel = (type: string) => MEDIA[type] ?? type;

// The guideline's parts arrive untyped (they are the guideline's own data).
export interface FormField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'boolean' | 'select' | 'email' | 'ags';
  required?: boolean;
  maxLength?: number;
  options?: string[];
}
export interface CostCategory {
  code: string;
  label: string;
  eligible?: boolean;
  maxRateBp?: number;
}
export interface Variant {
  code: string;
  label: string;
  maxGrantCents?: number;
}
export interface AttachmentType {
  code: string;
  label: string;
  required?: boolean;
  mediaTypes: string[];
  maxBytes: number;
}
export type Proposal = Schemas['ProposalViewDto'];
export const guideOf = (p: Proposal) => ({
  fields: ((p.guide.form as { fields?: FormField[] }).fields ?? []) as FormField[],
  variants: p.guide.variants as unknown as Variant[],
  categories: p.guide.costCategories as unknown as CostCategory[],
  attachmentTypes: p.guide.attachmentTypes as unknown as AttachmentType[],
});

/** Options of the guideline's select fields in German (the guideline names only codes). */
export const OPTION_LABELS: Record<string, string> = {
  makerspace: 'Makerspace',
  coworking: 'Coworking-Space',
  digital_lab: 'Digitallabor',
  innovation_hub: 'Innovationszentrum',
  other: 'Sonstiges',
};

/** The API's problems (codes, English messages) in German, with the form's label where a field is named. */
export function problemText(p: { code: string; field?: string }, fields: FormField[] = [], attachmentTypes: AttachmentType[] = []): string {
  const label = fields.find((f) => p.field === `fields.${f.key}`)?.label ?? attachmentTypes.find((a) => p.field === `attachments.${a.code}`)?.label;
  switch (p.code) {
    case 'FIELD_REQUIRED':
      return `Bitte füllen Sie „${label ?? 'dieses Feld'}“ aus.`;
    case 'FIELD_INVALID':
      return `„${label ?? 'Diese Angabe'}“ ist nicht gültig.`;
    case 'ATTACHMENT_MISSING':
      return `Bitte laden Sie „${label ?? 'die Unterlage'}“ hoch.`;
    case 'VARIANT_REQUIRED':
    case 'VARIANT_UNKNOWN':
      return 'Bitte wählen Sie die Art des Vorhabens.';
    case 'LOCATION_REQUIRED':
      return 'Bitte geben Sie den Amtlichen Gemeindeschlüssel (AGS) des Standorts an.';
    case 'LOCATION_INVALID':
      return 'Der Amtliche Gemeindeschlüssel besteht aus 8 Ziffern.';
    case 'LOCATION_OUTSIDE_TERRITORY':
      return 'Der Standort liegt außerhalb des Fördergebiets.';
    case 'NO_COSTS':
      return 'Bitte planen Sie mindestens eine Ausgabe.';
    case 'CATEGORY_UNKNOWN':
    case 'CATEGORY_INELIGIBLE':
      return 'Diese Ausgabenart ist nach der Förderrichtlinie nicht förderfähig.';
    case 'AMOUNT_INVALID':
      return 'Bitte geben Sie einen Betrag in Euro an, zum Beispiel 1.234,56.';
    case 'FISCAL_YEAR_REQUIRED':
      return 'Bitte geben Sie das Haushaltsjahr an.';
    case 'FISCAL_YEAR_INVALID':
      return 'Das Haushaltsjahr ist eine Jahreszahl wie 2027.';
    case 'COST_YEAR_OUTSIDE_CALL_BUDGET':
      return 'Für dieses Haushaltsjahr stellt der Förderaufruf keine Mittel bereit.';
    case 'COST_YEAR_OUTSIDE_FUNDING_PERIOD':
      return 'Dieses Haushaltsjahr liegt außerhalb des Bewilligungszeitraums.';
    case 'GRANT_BELOW_MINIMUM':
      return 'Die Zuwendung liegt unter der Mindestzuwendung (Bagatellgrenze).';
    case 'GRANT_ABOVE_CAP':
      return 'Die Zuwendung liegt über dem Höchstbetrag der Förderrichtlinie.';
    case 'PLAN_NOT_BALANCED':
      return 'Der Finanzierungsplan geht nicht auf: Ausgaben = Zuwendung + Eigenanteil + Drittmittel.';
    case 'FUNDING_PERIOD_REQUIRED':
      return 'Bitte geben Sie Beginn und Ende des Bewilligungszeitraums an.';
    case 'FUNDING_PERIOD_INVALID':
      return 'Der Bewilligungszeitraum muss nach seinem Beginn enden.';
    case 'EARLY_START_NOT_APPROVED':
      return 'Ein Beginn vor dem Bescheid ist nicht genehmigt.';
    case 'IBAN_REQUIRED':
      return 'Bitte geben Sie die IBAN für die Auszahlung an.';
    case 'IBAN_INVALID':
      return 'Diese IBAN ist nicht gültig.';
    case 'ACCOUNT_HOLDER_REQUIRED':
      return 'Bitte geben Sie die Kontoinhaberin oder den Kontoinhaber an.';
    case 'ATTACHMENT_TOO_LARGE':
      return 'Die Datei ist größer als für diese Unterlage erlaubt.';
    case 'ATTACHMENT_CONTENT_NOT_ALLOWED':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'Dieser Dateityp ist für diese Unterlage nicht erlaubt.';
    case 'FILE_MISSING':
      return 'Bitte wählen Sie eine Datei aus.';
    default:
      return p.field ? 'Diese Angabe ist nicht vollständig oder nicht gültig.' : `Das hat nicht geklappt. Bitte versuchen Sie es erneut (Fehlercode ${p.code}).`;
  }
}

/** The DOM id of the input for an API field path ("costs.0.amountCents" → "feld-costs-0-amountCents"). */
export const fieldId = (path: string) => `feld-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;
