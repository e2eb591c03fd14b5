import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, authorisedFetch, download, Schemas } from '../../api/client';
import { ApiFailure, dataOf, isNotFound } from '../../api/query';
import { ErrorSummary, SummaryItem } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDay } from '../../format';
import { euroInput, fieldId, OPTION_LABELS, parseEuro } from './texts';

type Proof = Schemas['ProofOfUseDto'];
type Problem = { code: string; field?: string; message?: string };

/** An expense as edited here: amounts as typed text, sent as cents. */
interface Row {
  key: number;
  id?: string;
  category: string;
  invoiceNumber: string;
  supplier: string;
  invoiceDate: string;
  paidDate: string;
  amount: string;
  description: string;
  receiptSha256: string | null;
  receiptFilename: string | null;
  fromPaymentRequest: boolean;
}
interface AmountRow {
  key: number;
  label: string;
  amount: string;
}
interface Draft {
  fields: Record<string, unknown>;
  lines: Row[];
  thirdPartyFunds: AmountRow[];
  income: AmountRow[];
}

let nextKey = 1;
const toDraft = (p: Proof): Draft => ({
  fields: { ...p.fields },
  lines: p.lines.map((l) => ({
    key: nextKey++,
    id: l.id,
    category: l.category,
    invoiceNumber: l.invoiceNumber,
    supplier: l.supplier,
    invoiceDate: l.invoiceDate ?? '',
    paidDate: l.paidDate ?? '',
    amount: l.amountCents === null ? '' : euroInput(l.amountCents),
    description: l.description,
    receiptSha256: l.receiptSha256,
    receiptFilename: l.receiptFilename,
    fromPaymentRequest: l.fromPaymentRequest,
  })),
  thirdPartyFunds: p.thirdPartyFunds.map((a) => ({ key: nextKey++, label: a.label, amount: euroInput(a.amountCents) })),
  income: p.income.map((a) => ({ key: nextKey++, label: a.label, amount: euroInput(a.amountCents) })),
});

const LINE_LABELS: Record<string, string> = {
  category: 'Ausgabenart',
  invoiceNumber: 'Rechnungsnummer',
  supplier: 'Lieferant oder Empfänger',
  invoiceDate: 'Rechnungsdatum',
  paidDate: 'Zahlungsdatum',
  amountCents: 'Betrag',
  description: 'Gegenstand',
  receipt: 'Beleg',
};

/** The API's problems of a proof of use in German, naming the expense and the field. */
export function proofProblemText(p: Problem, proof: Pick<Proof, 'reportForm' | 'fundingStart' | 'fundingEnd'>): string {
  const line = /^lines\[(\d+)\]\.(\w+)$/.exec(p.field ?? '');
  const where = line ? `Ausgabe ${Number(line[1]) + 1}, ${LINE_LABELS[line[2]] ?? line[2]}: ` : '';
  const label = proof.reportForm.find((f) => p.field === `fields.${f.key}`)?.label;
  switch (p.code) {
    case 'FIELD_REQUIRED':
      return line ? `${where}Bitte ausfüllen.` : p.field?.startsWith('fields.') ? `Bitte füllen Sie „${label ?? 'dieses Feld'}“ aus.` : 'Bitte benennen Sie die Mittel.';
    case 'FIELD_INVALID':
      return `„${label ?? 'Diese Angabe'}“ ist nicht gültig.`;
    case 'LINES_MISSING':
      return 'Bitte tragen Sie mindestens eine Ausgabe ein.';
    case 'CATEGORY_UNKNOWN':
      return `${where}Diese Ausgabenart kennt die Förderrichtlinie nicht.`;
    case 'AMOUNT_NOT_POSITIVE':
      return `${where}Der Betrag muss größer als 0 sein.`;
    case 'DATE_OUTSIDE_FUNDING_PERIOD':
      return `${where}Das Datum liegt außerhalb des Bewilligungszeitraums (${proof.fundingStart ? formatDay(proof.fundingStart) : '?'} bis ${proof.fundingEnd ? formatDay(proof.fundingEnd) : '?'}).`;
    case 'PAID_BEFORE_INVOICE':
      return `${where}Die Zahlung liegt vor dem Rechnungsdatum.`;
    case 'RECEIPT_MISSING':
      return `${where}Bitte laden Sie den Beleg hoch.`;
    case 'RECEIPT_UNKNOWN':
      return `${where}Bitte laden Sie den Beleg erneut hoch.`;
    case 'PAYMENT_REQUEST_PENDING':
      return 'Ein Mittelabruf wird noch bearbeitet. Bitte reichen Sie den Verwendungsnachweis ein, sobald er entschieden ist.';
    case 'STALE_VERSION':
      return 'Der Verwendungsnachweis wurde inzwischen geändert. Bitte laden Sie die Seite neu.';
    case 'PROOF_OF_USE_NOT_EDITABLE':
      return 'Der Verwendungsnachweis ist eingereicht und kann nicht mehr geändert werden.';
    case 'RECEIPT_TOO_LARGE':
      return 'Die Datei ist größer als für Belege erlaubt.';
    case 'RECEIPT_CONTENT_NOT_ALLOWED':
      return 'Belege können als PDF, PNG oder JPEG hochgeladen werden.';
    default:
      return p.field ? `${where}Diese Angabe ist nicht vollständig oder nicht gültig.` : `Das hat nicht geklappt. Bitte versuchen Sie es erneut (Fehlercode ${p.code}).`;
  }
}

/** The recipient's proof of use (Verwendungsnachweis): Sachbericht, expenses with receipts, other funds, totals, submission. */
export function ProofOfUsePage() {
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const proof = useQuery({
    queryKey: ['cases', id, 'proof-of-use'],
    queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/proof-of-use', { params: { path: { id } } })),
    retry: false,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loadedVersion = useRef<number | null>(null);

  useEffect(() => {
    if (proof.data && proof.data.status === 'draft' && loadedVersion.current !== proof.data.version) {
      loadedVersion.current = proof.data.version;
      setDraft(toDraft(proof.data));
    }
  }, [proof.data]);

  if (proof.isPending) return <Loading />;
  if (proof.isError) return isNotFound(proof.error) ? <NotFound /> : <Alert kind="danger" title="Der Verwendungsnachweis konnte nicht geladen werden." />;
  const p = proof.data;
  const refresh = (next: Proof) => {
    queries.setQueryData(['cases', id, 'proof-of-use'], next);
    loadedVersion.current = next.version;
    setDraft(next.status === 'draft' ? toDraft(next) : null);
  };
  const show = (list: Problem[]) => {
    setProblems(list);
    setSummary(list.map((x) => ({ field: x.field ? fieldId(x.field) : undefined, message: proofProblemText(x, p) })));
  };
  const failed = (error: unknown) => {
    const e = error instanceof ApiFailure ? error.error : undefined;
    show(e?.details?.problems?.length ? e.details.problems : [{ code: e?.code ?? 'UNKNOWN' }]);
  };

  const start = async () => {
    setBusy(true);
    try {
      refresh(await dataOf(api.POST('/api/v1/cases/{id}/proof-of-use', { params: { path: { id } } })));
    } catch (e) {
      failed(e);
    }
    setBusy(false);
  };

  /** Saves the draft; answers the saved proof, or null when the amounts typed are not amounts (shown at the fields). */
  const save = async (): Promise<Proof | null> => {
    if (!draft) return null;
    const bad: Problem[] = [];
    const cents = (text: string, field: string): number | null => {
      if (!text.trim()) return null;
      const v = parseEuro(text);
      if (v === null) bad.push({ code: 'AMOUNT_INVALID', field });
      return v;
    };
    const body = {
      version: p.version,
      fields: Object.fromEntries(p.reportForm.map((f) => [f.key, draft.fields[f.key] === '' || draft.fields[f.key] === undefined ? null : draft.fields[f.key]])),
      lines: draft.lines.map((l, i) => ({
        ...(l.id ? { id: l.id } : {}),
        category: l.category,
        invoiceNumber: l.invoiceNumber,
        supplier: l.supplier,
        invoiceDate: l.invoiceDate || null,
        paidDate: l.paidDate || null,
        amountCents: cents(l.amount, `lines[${i}].amountCents`),
        description: l.description,
        receiptSha256: l.receiptSha256,
      })),
      thirdPartyFunds: draft.thirdPartyFunds.map((a, i) => ({ label: a.label, amountCents: cents(a.amount, `thirdPartyFunds[${i}].amountCents`) ?? 0 })),
      income: draft.income.map((a, i) => ({ label: a.label, amountCents: cents(a.amount, `income[${i}].amountCents`) ?? 0 })),
    };
    if (bad.length) {
      setProblems(bad);
      setSummary(bad.map((x) => ({ field: fieldId(x.field!), message: 'Bitte geben Sie einen Betrag in Euro an, zum Beispiel 1.234,56.' })));
      return null;
    }
    const saved = await dataOf(api.PUT('/api/v1/cases/{id}/proof-of-use', { params: { path: { id } }, body }));
    refresh(saved);
    return saved;
  };

  const saveOnly = async () => {
    setBusy(true);
    setDone(null);
    try {
      const saved = await save();
      if (saved) {
        setSummary([]);
        setProblems([]);
        setDone('Der Entwurf ist gespeichert.');
      }
    } catch (e) {
      failed(e);
    }
    setBusy(false);
  };

  const submit = async () => {
    setBusy(true);
    setDone(null);
    try {
      const saved = await save();
      if (saved) {
        refresh(await dataOf(api.POST('/api/v1/cases/{id}/proof-of-use/submit', { params: { path: { id } } })));
        setSummary([]);
        setProblems([]);
        setDone('Der Verwendungsnachweis ist eingereicht. Die Förderbank prüft ihn jetzt.');
      }
    } catch (e) {
      failed(e);
    }
    setBusy(false);
  };

  const errorAt = (field: string) => {
    const found = problems.find((x) => x.field === field);
    return found ? proofProblemText(found, p) : undefined;
  };

  return (
    <Page title="Verwendungsnachweis">
      <p className="kern-body">
        <Link className="kern-link" to={`/faelle/${id}`}>
          Zurück zum Vorgang
        </Link>
      </p>
      {p.fundingStart && p.fundingEnd && (
        <p className="kern-body">
          Bewilligungszeitraum: {formatDay(p.fundingStart)} bis {formatDay(p.fundingEnd)}. Ausgaben müssen in diesem Zeitraum in Rechnung gestellt und bezahlt sein.
        </p>
      )}
      <ErrorSummary items={summary} />
      {done && <Alert kind="success" title={done} />}
      {p.returned && (
        <Alert kind={p.returned.overdue ? 'danger' : 'warning'} title={`Zur Nachbesserung zurückgegeben – bitte bis ${formatDay(p.returned.dueOn)} erneut einreichen`}>
          <p className="kern-body">{p.returned.message}</p>
        </Alert>
      )}
      {p.status === 'not_started' &&
        (p.canStart ? (
          <>
            <p className="kern-body">Mit dem Verwendungsnachweis weisen Sie nach, wofür Sie die Zuwendung verwendet haben. Ausgaben aus Ihren Mittelabrufen werden übernommen.</p>
            <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={() => void start()}>
              <span className="kern-label">Verwendungsnachweis anlegen</span>
            </button>
          </>
        ) : (
          <p className="kern-body">Der Verwendungsnachweis kann angelegt werden, sobald das Vorhaben läuft und Mittel abgerufen werden.</p>
        ))}
      {p.status === 'submitted' && <Submitted proof={p} caseId={id} />}
      {p.status === 'draft' && draft && (
        <form
          className="fw-proof"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 className="kern-heading-medium">Sachbericht</h2>
          <div className="fw-form fw-form--wide">
            {p.reportForm.map((f) => (
              <ReportField key={f.key} field={f} value={draft.fields[f.key]} error={errorAt(`fields.${f.key}`)} onChange={(v) => setDraft({ ...draft, fields: { ...draft.fields, [f.key]: v } })} />
            ))}
          </div>

          <h2 className="kern-heading-medium">Zahlenmäßiger Nachweis: Ausgaben</h2>
          <p className="kern-body">
            Tragen Sie jede Ausgabe mit Rechnung und Zahlung ein{p.receiptsRequired ? ' und laden Sie den Beleg hoch (PDF, PNG oder JPEG)' : ''}. Aus Mittelabrufen übernommene Ausgaben sind markiert.
          </p>
          {draft.lines.length === 0 && <p className="kern-body">Noch keine Ausgaben eingetragen.</p>}
          {errorAt('lines') && <FieldError id={fieldId('lines')} text={errorAt('lines')!} />}
          {draft.lines.map((l, i) => (
            <ExpenseEditor
              key={l.key}
              caseId={id}
              index={i}
              row={l}
              categories={p.categories}
              errorAt={errorAt}
              onChange={(next) => setDraft({ ...draft, lines: draft.lines.map((x, j) => (j === i ? next : x)) })}
              onRemove={() => setDraft({ ...draft, lines: draft.lines.filter((_, j) => j !== i) })}
            />
          ))}
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() =>
              setDraft({
                ...draft,
                lines: [
                  ...draft.lines,
                  { key: nextKey++, category: '', invoiceNumber: '', supplier: '', invoiceDate: '', paidDate: '', amount: '', description: '', receiptSha256: null, receiptFilename: null, fromPaymentRequest: false },
                ],
              })
            }
          >
            <span className="kern-label">Ausgabe hinzufügen</span>
          </button>

          <AmountList title="Drittmittel" what="Geldgeber" name="thirdPartyFunds" rows={draft.thirdPartyFunds} errorAt={errorAt} onChange={(rows) => setDraft({ ...draft, thirdPartyFunds: rows })} />
          <AmountList title="Einnahmen" what="Art der Einnahme" name="income" rows={draft.income} errorAt={errorAt} onChange={(rows) => setDraft({ ...draft, income: rows })} />

          <Totals proof={p} />

          <div className="fw-row fw-actions">
            <button type="button" className="kern-btn kern-btn--secondary" disabled={busy} onClick={() => void saveOnly()}>
              <span className="kern-label">Entwurf speichern</span>
            </button>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
              <span className="kern-label">Verwendungsnachweis einreichen</span>
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

function ReportField({ field, value, error, onChange }: { field: Proof['reportForm'][number]; value: unknown; error?: string; onChange: (v: unknown) => void }) {
  const id = fieldId(`fields.${field.key}`);
  const props = {
    id,
    className: `kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-fehler` : undefined,
  };
  const label = `${field.label}${field.required ? '' : ' (freiwillig)'}`;
  if (field.type === 'boolean') {
    return (
      <div className="kern-form-check">
        <input {...props} className="kern-form-check__checkbox" type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label className="kern-label" htmlFor={id}>
          {label}
        </label>
        {error && <FieldError id={`${id}-fehler`} text={error} />}
      </div>
    );
  }
  const text = value === undefined || value === null ? '' : String(value);
  const numeric = field.type === 'integer' || field.type === 'number';
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {field.type === 'textarea' ? (
        <textarea {...props} className={`kern-form-input__input fw-textarea${error ? ' kern-form-input__input--error' : ''}`} rows={4} maxLength={field.maxLength} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...props}
          type={field.type === 'date' ? 'date' : 'text'}
          inputMode={numeric ? 'numeric' : undefined}
          maxLength={field.maxLength}
          value={text}
          onChange={(e) => onChange(numeric ? (e.target.value.trim() === '' ? '' : /^-?\d+([.,]\d+)?$/.test(e.target.value.trim()) ? Number(e.target.value.replace(',', '.')) : e.target.value) : e.target.value)}
        />
      )}
      {error && <FieldError id={`${id}-fehler`} text={error} />}
    </div>
  );
}

function ExpenseEditor({
  caseId,
  index,
  row,
  categories,
  errorAt,
  onChange,
  onRemove,
}: {
  caseId: string;
  index: number;
  row: Row;
  categories: Proof['categories'];
  errorAt: (field: string) => string | undefined;
  onChange: (row: Row) => void;
  onRemove: () => void;
}) {
  const [uploadError, setUploadError] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const path = (f: string) => `lines[${index}].${f}`;
  const n = index + 1;
  const upload = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setUploading(true);
    setUploadError(undefined);
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await authorisedFetch(new Request(new URL(`/api/v1/cases/${caseId}/proof-of-use/receipts`, window.location.origin), { method: 'POST', body: form }));
    const body = await res.json().catch(() => ({}));
    setUploading(false);
    if (res.ok) onChange({ ...row, receiptSha256: body.sha256, receiptFilename: body.filename });
    else setUploadError(proofProblemText({ code: body.code ?? `HTTP_${res.status}` }, { reportForm: [], fundingStart: null, fundingEnd: null }));
  };
  const text = (f: keyof Row & string, label: string, apiField: string = f, extra: { type?: string; inputMode?: 'decimal'; maxLength?: number } = {}) => (
    <Input id={fieldId(path(apiField))} label={label} error={errorAt(path(apiField))}>
      {(props) => <input {...props} type={extra.type ?? 'text'} inputMode={extra.inputMode} maxLength={extra.maxLength} value={String(row[f] ?? '')} onChange={(e) => onChange({ ...row, [f]: e.target.value })} />}
    </Input>
  );
  const receiptError = uploadError ?? errorAt(path('receipt'));
  const receiptId = fieldId(path('receipt'));
  return (
    <section className="kern-card fw-card fw-expense">
      <div className="kern-card__container">
        <fieldset className="kern-fieldset">
          <legend className="kern-title">
            Ausgabe {n}
            {row.fromPaymentRequest ? ' (aus Mittelabruf übernommen)' : ''}
          </legend>
          <div className="kern-fieldset__body fw-expense__body">
            <div className="fw-columns fw-expense__fields">
              <Input id={fieldId(path('category'))} label="Ausgabenart" error={errorAt(path('category'))}>
                {(props) => (
                  <div className="kern-form-input__select-wrapper">
                    <select {...props} className="kern-form-input__select" value={row.category} onChange={(e) => onChange({ ...row, category: e.target.value })}>
                      <option value="">Bitte wählen</option>
                      {categories.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </Input>
              {text('description', 'Gegenstand', 'description', { maxLength: 500 })}
              {text('invoiceNumber', 'Rechnungsnummer', 'invoiceNumber', { maxLength: 100 })}
              {text('supplier', 'Lieferant oder Empfänger', 'supplier', { maxLength: 200 })}
              {text('invoiceDate', 'Rechnungsdatum', 'invoiceDate', { type: 'date' })}
              {text('paidDate', 'Zahlungsdatum', 'paidDate', { type: 'date' })}
              {text('amount', 'Betrag in Euro', 'amountCents', { inputMode: 'decimal' })}
            </div>
            <div className={`kern-form-input${receiptError ? ' kern-form-input--error' : ''}`}>
              {row.receiptSha256 ? (
                <p className="kern-body">
                  Beleg: {row.receiptFilename ?? 'hochgeladen'}
                  {row.id && (
                    <>
                      {' '}
                      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void download(`/api/v1/cases/${caseId}/proof-of-use/lines/${row.id}/receipt`, row.receiptFilename ?? 'beleg')}>
                        <span className="kern-label">Beleg {n} ansehen</span>
                      </button>
                    </>
                  )}
                </p>
              ) : null}
              <label className="kern-label" htmlFor={receiptId}>
                {row.receiptSha256 ? `Anderen Beleg für Ausgabe ${n} hochladen` : `Beleg für Ausgabe ${n} hochladen`}
              </label>
              <input
                id={receiptId}
                type="file"
                className="kern-form-input__input"
                accept="application/pdf,image/png,image/jpeg"
                disabled={uploading}
                aria-invalid={receiptError ? true : undefined}
                aria-describedby={receiptError ? `${receiptId}-fehler` : undefined}
                onChange={(e) => {
                  void upload(e.target.files);
                  e.target.value = '';
                }}
              />
              {uploading && (
                <p className="kern-body--small" role="status">
                  Wird hochgeladen …
                </p>
              )}
              {receiptError && <FieldError id={`${receiptId}-fehler`} text={receiptError} />}
            </div>
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={onRemove}>
              <span className="kern-label">Ausgabe {n} entfernen</span>
            </button>
          </div>
        </fieldset>
      </div>
    </section>
  );
}

function AmountList({
  title,
  what,
  name,
  rows,
  errorAt,
  onChange,
}: {
  title: string;
  what: string;
  name: string;
  rows: AmountRow[];
  errorAt: (field: string) => string | undefined;
  onChange: (rows: AmountRow[]) => void;
}) {
  const set = (i: number, patch: Partial<AmountRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      <h2 className="kern-heading-medium">{title}</h2>
      {rows.length === 0 && <p className="kern-body">Keine {title} eingetragen.</p>}
      {rows.map((r, i) => (
        <div className="fw-row" key={r.key}>
          <Input id={fieldId(`${name}[${i}].label`)} label={`${what} ${i + 1}`} error={errorAt(`${name}[${i}].label`)}>
            {(props) => <input {...props} type="text" maxLength={200} value={r.label} onChange={(e) => set(i, { label: e.target.value })} />}
          </Input>
          <Input id={fieldId(`${name}[${i}].amountCents`)} label={`Betrag in Euro (${title} ${i + 1})`} error={errorAt(`${name}[${i}].amountCents`)}>
            {(props) => <input {...props} type="text" inputMode="decimal" value={r.amount} onChange={(e) => set(i, { amount: e.target.value })} />}
          </Input>
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <span className="kern-label">
              {title} {i + 1} entfernen
            </span>
          </button>
        </div>
      ))}
      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onChange([...rows, { key: nextKey++, label: '', amount: '' }])}>
        <span className="kern-label">{title} hinzufügen</span>
      </button>
    </>
  );
}

/** Totals per category as the server computed them at the last save. */
export function Totals({ proof, accepted = false }: { proof: Proof; accepted?: boolean }) {
  return (
    <div className="kern-table-responsive">
      <table className="kern-table" data-testid="summen">
        <caption className="kern-title">Summen je Ausgabenart{accepted ? '' : ' (Stand des letzten Speicherns)'}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Ausgabenart</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Laut Finanzierungsplan</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Tatsächliche Ausgaben</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">davon zuwendungsfähig</th>
            {accepted && <th scope="col" className="kern-table__header kern-table__header--numeric">Anerkannt</th>}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {proof.totals.map((t) => (
            <tr className="kern-table__row" key={t.category}>
              <th scope="row" className="kern-table__header">
                {t.label}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{formatCents(t.plannedCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatCents(t.actualCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatCents(t.eligibleCents)}</td>
              {accepted && <td className="kern-table__cell kern-table__cell--numeric">{formatCents(t.acceptedCents ?? 0)}</td>}
            </tr>
          ))}
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__header">
              Insgesamt
            </th>
            <td className="kern-table__cell kern-table__cell--numeric">{formatCents(proof.totals.reduce((s, t) => s + t.plannedCents, 0))}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{formatCents(proof.actualTotalCents)}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{formatCents(proof.totals.reduce((s, t) => s + t.eligibleCents, 0))}</td>
            {accepted && <td className="kern-table__cell kern-table__cell--numeric">{formatCents(proof.totals.reduce((s, t) => s + (t.acceptedCents ?? 0), 0))}</td>}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Submitted({ proof, caseId }: { proof: Proof; caseId: string }) {
  const label = (code: string) => proof.categories.find((c) => c.code === code)?.label ?? code;
  return (
    <>
      <Alert kind="info" title={`Eingereicht${proof.submittedAt ? ` am ${formatDay(proof.submittedAt)}` : ''}`}>
        <p className="kern-body">Der Verwendungsnachweis wird geprüft. Änderungen sind erst wieder möglich, wenn die Förderbank ihn zur Nachbesserung zurückgibt.</p>
      </Alert>
      <h2 className="kern-heading-medium">Sachbericht</h2>
      <dl className="kern-description-list">
        {proof.reportForm.map((f) => (
          <Item key={f.key} term={f.label}>
            {display(proof.fields[f.key])}
          </Item>
        ))}
      </dl>
      <ExpenseTable proof={proof} caseId={caseId} label={label} />
      <Totals proof={proof} />
    </>
  );
}

/** The expenses as a read-only table (the applicant's submitted proof; the caseworker's overview). */
export function ExpenseTable({ proof, caseId, label }: { proof: Proof; caseId: string; label: (code: string) => string }) {
  return (
    <div className="kern-table-responsive">
      <table className="kern-table">
        <caption className="kern-title">Ausgaben</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Nr.</th>
            <th scope="col" className="kern-table__header">Ausgabenart</th>
            <th scope="col" className="kern-table__header">Rechnung</th>
            <th scope="col" className="kern-table__header">Bezahlt am</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Betrag</th>
            <th scope="col" className="kern-table__header">Beleg</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {proof.lines.map((l, i) => (
            <tr className="kern-table__row" key={l.id}>
              <td className="kern-table__cell">{i + 1}</td>
              <td className="kern-table__cell">{label(l.category)}</td>
              <td className="kern-table__cell">
                {l.invoiceNumber}, {l.supplier}
                {l.invoiceDate ? `, ${formatDay(l.invoiceDate)}` : ''}
                <div className="kern-body--small">{l.description}</div>
              </td>
              <td className="kern-table__cell">{l.paidDate ? formatDay(l.paidDate) : '–'}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{l.amountCents === null ? '–' : formatCents(l.amountCents)}</td>
              <td className="kern-table__cell">
                {l.receiptSha256 ? (
                  <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void download(`/api/v1/cases/${caseId}/proof-of-use/lines/${l.id}/receipt`, l.receiptFilename ?? 'beleg')}>
                    <span className="kern-label">{l.receiptFilename ?? 'Beleg'}</span>
                  </button>
                ) : (
                  'fehlt'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const display = (v: unknown) => (v === undefined || v === null || v === '' ? '–' : typeof v === 'boolean' ? (v ? 'Ja' : 'Nein') : typeof v === 'string' ? (OPTION_LABELS[v] ?? v) : String(v));

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function Input({ id, label, error, children }: { id: string; label: string; error?: string; children: (props: { id: string; className: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode }) {
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, className: `kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-fehler` : undefined })}
      {error && <FieldError id={`${id}-fehler`} text={error} />}
    </div>
  );
}

function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}

/** On the case page: the way to the proof of use, when there is one or one can be started. */
export function ProofOfUseLink({ caseId, agency }: { caseId: string; agency: boolean }) {
  const proof = useQuery({
    queryKey: ['cases', caseId, 'proof-of-use'],
    queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/proof-of-use', { params: { path: { id: caseId } } })),
    retry: false,
  });
  const p = proof.data;
  if (!p || (p.status === 'not_started' && (!p.canStart || agency))) return null;
  return (
    <p className="kern-body">
      {agency ? (
        <Link className="kern-link" to={`/faelle/${caseId}/verwendungsnachweis/pruefung`}>
          Verwendungsnachweis prüfen
        </Link>
      ) : (
        <Link className="kern-link" to={`/faelle/${caseId}/verwendungsnachweis`}>
          Verwendungsnachweis {p.status === 'not_started' ? 'anlegen' : p.status === 'draft' ? 'bearbeiten' : 'ansehen'}
        </Link>
      )}
    </p>
  );
}
