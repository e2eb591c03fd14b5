import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, authorisedFetch } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { ErrorSummary, SummaryItem } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDay } from '../../format';
import { LinesTable, PayableFigures, PaymentProblem, PaymentRequest, paymentProblemText, percent, problemsOf, STATUS_LABEL } from './payment-request-common';
import { euroInput, fieldId, formatBytes, parseEuro } from './texts';

interface Row {
  key: string;
  category: string;
  invoiceNumber: string;
  supplier: string;
  invoiceDate: string;
  dueDate: string;
  amount: string;
  description: string;
  receiptSha256: string | null;
  receiptFilename: string | null;
}

const FIELDS = ['category', 'invoiceNumber', 'supplier', 'invoiceDate', 'dueDate', 'amountCents', 'description'] as const;
const AUTOSAVE_MS = 1000;
let counter = 0;
const newKey = () => `z${++counter}`;
const emptyRow = (): Row => ({ key: newKey(), category: '', invoiceNumber: '', supplier: '', invoiceDate: '', dueDate: '', amount: '', description: '', receiptSha256: null, receiptFilename: null });
const rowsOf = (r: PaymentRequest): Row[] =>
  r.lines.map((l) => ({
    key: newKey(),
    category: l.category,
    invoiceNumber: l.invoiceNumber,
    supplier: l.supplier,
    invoiceDate: l.invoiceDate,
    dueDate: l.dueDate,
    amount: euroInput(l.amountCents),
    description: l.description,
    receiptSha256: l.receiptSha256,
    receiptFilename: l.receiptFilename,
  }));

/** What the browser can check before saving: every field filled in, an amount in euro. */
function checkRows(lines: Row[]): Record<string, string> {
  const errors: Record<string, string> = {};
  lines.forEach((row, i) => {
    const at = (f: string) => fieldId(`lines[${i}].${f}`);
    if (!row.category) errors[at('category')] = 'Bitte wählen Sie die Ausgabenart.';
    if (!row.invoiceNumber.trim()) errors[at('invoiceNumber')] = 'Bitte geben Sie die Rechnungsnummer an.';
    if (!row.supplier.trim()) errors[at('supplier')] = 'Bitte geben Sie den Rechnungssteller an.';
    if (!row.invoiceDate) errors[at('invoiceDate')] = 'Bitte geben Sie das Rechnungsdatum an.';
    if (!row.dueDate) errors[at('dueDate')] = 'Bitte geben Sie an, wann die Rechnung fällig ist oder bezahlt wurde.';
    const cents = parseEuro(row.amount);
    if (cents === null || cents <= 0) errors[at('amountCents')] = 'Bitte geben Sie den Betrag in Euro an, z. B. 1.234,56.';
  });
  return errors;
}

/**
 * Mittelabruf of the applicant: the expense list (Belegliste) with a receipt per line. Saving answers the server's
 * preview (payable, retention, open amount) and the problems a submission would meet, shown at their lines.
 */
export function PaymentRequestPage() {
  const { id = '', requestId = '' } = useParams();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const request = useQuery({
    queryKey: ['payment-requests', requestId],
    queryFn: () => dataOf(api.GET('/api/v1/payment-requests/{id}', { params: { path: { id: requestId } } })),
    retry: false,
  });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<{ problems: PaymentProblem[]; details?: { openCents?: number; retentionCents?: number } } | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<'manual' | 'auto' | null>(null);
  // The error summary changes only when the applicant saves or submits: it takes the focus, so never while they type.
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const submitKey = useRef<string | null>(null);
  // Saves run one after the other, each with the version the last one answered, so autosave and a click never collide.
  const version = useRef<number | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const edits = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (request.data && rows === null) {
      setRows(request.data.lines.length ? rowsOf(request.data) : [emptyRow()]);
      version.current = request.data.version;
    }
  }, [request.data, rows]);

  const r = request.data;
  // the server's problems: of the last refused submission, else of the saved draft's preview
  const serverProblems = refused?.problems ?? r?.problems ?? [];
  const byField = useMemo(() => {
    const out: Record<string, string> = {};
    for (const p of serverProblems) if (p.field) out[fieldId(p.field)] ??= paymentProblemText(p, r, refused?.details);
    return { ...out, ...local };
  }, [serverProblems, local, r, refused]);

  /** Sends the lines (serialised with any running save); answers the saved request or the API's problems. */
  const put = (lines: Row[]) => {
    const run = chain.current.then(async () => {
      const res = await api.PUT('/api/v1/payment-requests/{id}', {
        params: { path: { id: requestId } },
        body: {
          version: version.current ?? 1,
          lines: lines.map((row) => ({
            category: row.category,
            invoiceNumber: row.invoiceNumber.trim(),
            supplier: row.supplier.trim(),
            invoiceDate: row.invoiceDate,
            dueDate: row.dueDate,
            amountCents: parseEuro(row.amount)!,
            description: row.description.trim(),
            ...(row.receiptSha256 ? { receiptSha256: row.receiptSha256 } : {}),
          })),
        },
      });
      if (!res.response.ok || !res.data) return { ok: false as const, problems: problemsOf(res.error) };
      version.current = res.data.version;
      queries.setQueryData(['payment-requests', requestId], res.data);
      return { ok: true as const, request: res.data };
    });
    chain.current = run.catch(() => undefined);
    return run;
  };

  // autosave: a second after the last change, when every line is complete; the preview follows
  useEffect(() => {
    if (!rows || edits.current === 0 || r?.status !== 'draft' || Object.keys(checkRows(rows)).length) return;
    const at = edits.current;
    timer.current = setTimeout(() => {
      void put(rows).then((res) => {
        if (edits.current !== at) return;
        if (res.ok) {
          setRefused(null);
          setLocal({});
          setSaved('auto');
          // a summary that no longer applies goes; new problems show at their fields until the next save
          if (!res.request.problems.length) setSummary([]);
        } else setRefused({ problems: res.problems });
      });
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer.current);
  }, [rows]);

  if (request.isPending) return <Loading />;
  if (request.isError || !r) return isNotFound(request.error) ? <NotFound /> : <Alert kind="danger" title="Der Mittelabruf konnte nicht geladen werden." />;
  if (r.caseId !== id) return <NotFound />;
  const title = `Mittelabruf Nr. ${r.number}${r.fileNumber ? ` zu ${r.fileNumber}` : ''}`;
  if (r.status !== 'draft') {
    return (
      <Page title={title}>
        <p className="kern-body" data-testid="status">
          Stand: {STATUS_LABEL[r.status] ?? r.status}
        </p>
        <PayableFigures request={r} title="Auszahlungsbetrag" />
        <LinesTable request={r} />
        <p className="kern-body">
          <Link className="kern-link" to={`/faelle/${id}`}>
            Zurück zum Vorgang
          </Link>
        </p>
      </Page>
    );
  }
  const lines = rows ?? [];
  const categories = r.plan?.categories ?? [];
  const change = (next: Row[]) => {
    edits.current++;
    setRows(next);
    setSaved(null);
  };
  const set = (i: number, patch: Partial<Row>) => change(lines.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  const itemsOf = (problems: PaymentProblem[], request: PaymentRequest, details?: { openCents?: number; retentionCents?: number }): SummaryItem[] =>
    problems.map((p) => ({ field: p.field && p.field !== 'lines' ? fieldId(p.field) : undefined, message: paymentProblemText(p, request, details) }));

  /** Checks what the browser can (filled in, an amount), then saves; answers the saved request or null. */
  const save = async (): Promise<PaymentRequest | null> => {
    clearTimeout(timer.current);
    const errors = checkRows(lines);
    setLocal(errors);
    setRefused(null);
    if (Object.keys(errors).length) {
      setSummary(Object.entries(errors).map(([field, message]) => ({ field, message })));
      return null;
    }
    const res = await put(lines);
    if (!res.ok) {
      setRefused({ problems: res.problems });
      setSummary(itemsOf(res.problems, r));
      return null;
    }
    setSummary(itemsOf(res.request.problems, res.request));
    setSaved('manual');
    return res.request;
  };

  const onSave = async () => {
    setBusy(true);
    await save().finally(() => setBusy(false));
  };

  const onSubmit = async () => {
    setBusy(true);
    try {
      const current = await save();
      if (!current) return;
      // one key per intended submission: a retry after a lost answer replays it instead of acting twice
      submitKey.current ??= crypto.randomUUID();
      const res = await api.POST('/api/v1/payment-requests/{id}/submit', { params: { path: { id: r.id }, header: { 'Idempotency-Key': submitKey.current } } });
      if (!res.response.ok || !res.data) {
        submitKey.current = null;
        const error = res.error as { details?: { openCents?: number; retentionCents?: number } } | undefined;
        setRefused({ problems: problemsOf(res.error), details: error?.details });
        setSummary(itemsOf(problemsOf(res.error), current, error?.details));
        return;
      }
      await queries.invalidateQueries({ queryKey: ['cases', id] });
      navigate(`/faelle/${id}`, { state: { message: `Mittelabruf Nr. ${r.number} über ${formatCents(res.data.requestedCents ?? 0)} eingereicht.` } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={title}>
      <p className="kern-body">
        Tragen Sie die Rechnungen ein, für die Sie Mittel abrufen, und laden Sie zu jeder Rechnung den Beleg hoch. Ausgezahlt wird der Anteil nach dem Fördersatz der Ausgabenart.
      </p>
      {r.plan && (
        <p className="kern-body--small">
          {r.plan.fundingStart && r.plan.fundingEnd && `Bewilligungszeitraum laut Bescheid: ${formatDay(r.plan.fundingStart)} bis ${formatDay(r.plan.fundingEnd)}. `}
          Fördersätze: {categories.map((c) => `${c.label} ${percent(c.rateBp)}`).join('; ')}.
        </p>
      )}
      <ErrorSummary items={summary} />
      {saved === 'manual' && summary.length === 0 && <Alert kind="success" title="Gespeichert. Die Berechnung ist aktuell." />}
      <p className="kern-body--small" role="status">
        {saved === 'auto' ? 'Automatisch gespeichert; die Berechnung ist aktuell.' : ''}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        {lines.map((row, i) => (
          <LineFields key={row.key} requestId={r.id} index={i} row={row} categories={categories} errors={byField} onChange={(patch) => set(i, patch)} onRemove={lines.length > 1 ? () => change(lines.filter((_, j) => j !== i)) : undefined} />
        ))}
        <div className="fw-actions">
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => change([...lines, emptyRow()])}>
            <span className="kern-label">Weitere Rechnung hinzufügen</span>
          </button>
          <button type="button" className="kern-btn kern-btn--secondary" disabled={busy} onClick={() => void onSave()}>
            <span className="kern-label">Speichern und berechnen</span>
          </button>
        </div>
        <PayableFigures request={r} title="Berechnung nach dem letzten Speichern" />
        <div className="fw-actions">
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">Mittelabruf einreichen</span>
          </button>
          <Link className="kern-link" to={`/faelle/${id}`}>
            Zurück zum Vorgang
          </Link>
        </div>
      </form>
    </Page>
  );
}

function LineFields({
  requestId,
  index,
  row,
  categories,
  errors,
  onChange,
  onRemove,
}: {
  requestId: string;
  index: number;
  row: Row;
  categories: { category: string; label: string }[];
  errors: Record<string, string>;
  onChange: (patch: Partial<Row>) => void;
  onRemove?: () => void;
}) {
  const at = (f: (typeof FIELDS)[number] | 'receipt') => fieldId(`lines[${index}].${f}`);
  const [upload, setUpload] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const send = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ busy: true });
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await authorisedFetch(new Request(new URL(`/api/v1/payment-requests/${requestId}/receipts`, window.location.origin), { method: 'POST', body: form }));
    const body = (await res.json().catch(() => ({}))) as { sha256?: string; filename?: string; sizeBytes?: number; code?: string };
    if (!res.ok || !body.sha256) {
      setUpload({ busy: false, error: paymentProblemText({ code: body.code ?? `HTTP_${res.status}`, field: 'file' }) });
      return;
    }
    setUpload({ busy: false });
    onChange({ receiptSha256: body.sha256, receiptFilename: `${body.filename} (${formatBytes(body.sizeBytes ?? 0)})` });
  };
  const input = (f: (typeof FIELDS)[number]) => ({
    id: at(f),
    className: `kern-form-input__input${errors[at(f)] ? ' kern-form-input__input--error' : ''}`,
    'aria-invalid': errors[at(f)] ? true : undefined,
    'aria-describedby': errors[at(f)] ? `${at(f)}-fehler` : undefined,
  });
  return (
    <fieldset className="kern-fieldset fw-card kern-card">
      <div className="kern-card__container">
        <legend className="kern-title">Rechnung {index + 1}</legend>
        <div className="fw-line">
          <Field id={at('category')} label="Ausgabenart" error={errors[at('category')]}>
            <div className="kern-form-input__select-wrapper">
              <select {...input('category')} className="kern-form-input__select" value={row.category} onChange={(e) => onChange({ category: e.target.value })}>
                <option value="">Bitte wählen</option>
                {categories.map((c) => (
                  <option key={c.category} value={c.category}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          </Field>
          <Field id={at('invoiceNumber')} label="Rechnungsnummer" error={errors[at('invoiceNumber')]}>
            <input {...input('invoiceNumber')} type="text" maxLength={100} value={row.invoiceNumber} onChange={(e) => onChange({ invoiceNumber: e.target.value })} />
          </Field>
          <Field id={at('supplier')} label="Rechnungssteller" error={errors[at('supplier')]}>
            <input {...input('supplier')} type="text" maxLength={200} value={row.supplier} onChange={(e) => onChange({ supplier: e.target.value })} />
          </Field>
          <Field id={at('invoiceDate')} label="Rechnungsdatum" error={errors[at('invoiceDate')]}>
            <input {...input('invoiceDate')} type="date" value={row.invoiceDate} onChange={(e) => onChange({ invoiceDate: e.target.value })} />
          </Field>
          <Field id={at('dueDate')} label="Fällig oder bezahlt am" error={errors[at('dueDate')]}>
            <input {...input('dueDate')} type="date" value={row.dueDate} onChange={(e) => onChange({ dueDate: e.target.value })} />
          </Field>
          <Field id={at('amountCents')} label="Betrag in Euro (brutto)" error={errors[at('amountCents')]}>
            <input {...input('amountCents')} type="text" inputMode="decimal" value={row.amount} onChange={(e) => onChange({ amount: e.target.value })} />
          </Field>
          <Field id={at('description')} label="Gegenstand (freiwillig)" error={errors[at('description')]}>
            <input {...input('description')} type="text" maxLength={1000} value={row.description} onChange={(e) => onChange({ description: e.target.value })} />
          </Field>
          <Field id={at('receipt')} label={`Beleg zu Rechnung ${index + 1} (PDF, PNG oder JPEG)`} error={upload.error}>
            <input
              id={at('receipt')}
              type="file"
              className="kern-form-input__input"
              accept="application/pdf,image/png,image/jpeg"
              disabled={upload.busy}
              aria-invalid={upload.error ? true : undefined}
              aria-describedby={[upload.error ? `${at('receipt')}-fehler` : '', `${at('receipt')}-stand`].filter(Boolean).join(' ')}
              onChange={(e) => {
                void send(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <p className="kern-body--small" id={`${at('receipt')}-stand`} role="status">
              {upload.busy ? 'Wird hochgeladen …' : row.receiptFilename ? `Beleg: ${row.receiptFilename}` : 'Noch kein Beleg hochgeladen.'}
            </p>
          </Field>
        </div>
        {onRemove && (
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={onRemove}>
            <span className="kern-label">Rechnung {index + 1} entfernen</span>
          </button>
        )}
      </div>
    </fieldset>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error && (
        <p className="kern-error" id={`${id}-fehler`}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
