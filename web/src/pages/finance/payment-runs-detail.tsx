import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { api, download, Schemas } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDateTime, formatDay } from '../../format';
import { newKey, PAYMENT_STATUS, RETURN_REASONS, RUN_STATUS, runMessages, spacedIban } from './payment-runs-common';

type Run = Schemas['PaymentRunDto'];
type RunPayment = Schemas['RunPaymentDto'];

/** One payment run: its payments and control sum; export, download, confirm as executed, book returns. */
export function PaymentRunPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const run = useQuery({ queryKey: ['payment-runs', id], queryFn: () => dataOf(api.GET('/api/v1/payment-runs/{id}', { params: { path: { id } } })) });
  if (!user?.roles.some((r) => r === 'finance' || r === 'auditor')) return <NotFound />;
  if (run.isPending) return <Loading />;
  if (run.isError) return isNotFound(run.error) ? <NotFound /> : <Alert kind="danger" title="Der Zahlungslauf konnte nicht geladen werden." />;
  const r = run.data;
  const finance = user.roles.includes('finance');
  return (
    <Page title={`Zahlungslauf ${r.number}`}>
      <p className="kern-body">
        <Link className="kern-link" to="/zahlungslaeufe">
          Alle Zahlungsläufe
        </Link>
      </p>
      <dl className="kern-description-list">
        <Row label="Stand">{RUN_STATUS[r.status] ?? r.status}</Row>
        <Row label="Förderrichtlinie">{r.guidelineCode}</Row>
        <Row label="Ausführungstag">{formatDay(r.executionDate)}</Row>
        <Row label="Zahlungen">{r.transactionCount}</Row>
        <Row label="Kontrollsumme">{formatCents(r.controlSumCents)}</Row>
        {r.messageId && <Row label="Nachrichten-ID">{r.messageId}</Row>}
        {r.sha256 && (
          <Row label="SHA-256 der Datei">
            <code className="fw-secret fw-secret--small">{r.sha256}</code>
          </Row>
        )}
        {r.exportedAt && <Row label="Exportiert am">{formatDateTime(r.exportedAt)}</Row>}
        {r.executedAt && <Row label="Ausführung bestätigt am">{formatDateTime(r.executedAt)}</Row>}
      </dl>
      <RunActions run={r} finance={finance} />
      <Payments run={r} finance={finance} />
    </Page>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function RunActions({ run, finance }: { run: Run; finance: boolean }) {
  const queries = useQueryClient();
  const [refusal, setRefusal] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ buchungstag: string }>({ defaultValues: { buchungstag: '' } });
  const path = { params: { path: { id: run.id }, header: { 'Idempotency-Key': key } } };
  const refresh = () => queries.invalidateQueries({ queryKey: ['payment-runs'] });

  const exportRun = async () => {
    setRefusal([]);
    setBusy(true);
    const { error } = await api.POST('/api/v1/payment-runs/{id}/export', path);
    setBusy(false);
    setKey(newKey());
    if (error) setRefusal(runMessages(error));
    else setDone('Der Zahlungslauf ist exportiert. Laden Sie die SEPA-Datei herunter und übergeben Sie sie der Bank.');
    await refresh();
  };
  const confirm = handleSubmit(async (v) => {
    setSummary([]);
    const { error } = await api.POST('/api/v1/payment-runs/{id}/confirm', { ...path, body: v.buchungstag ? { bookedOn: v.buchungstag } : {} });
    setKey(newKey());
    if (error) {
      const messages = runMessages(error);
      const onDate = error.details?.problems?.some((p) => p.field === 'bookedOn');
      if (onDate) setError('buchungstag', { type: 'server', message: messages[0] });
      setSummary(messages.map((message) => ({ message, field: onDate ? 'buchungstag' : undefined })));
    } else setDone('Die Ausführung ist bestätigt: Die Zahlungen sind als ausgezahlt gebucht, die Empfänger erhalten ihre Auszahlungsmitteilung.');
    await refresh();
  });

  return (
    <section aria-labelledby="aktionen-titel" className="fw-stack">
      <h2 id="aktionen-titel" className="kern-heading-medium">
        SEPA-Datei und Ausführung
      </h2>
      {done && <Alert kind="success" title={done} />}
      {refusal.length > 0 && (
        <Alert kind="danger" title="Das hat nicht geklappt.">
          {refusal.map((m, i) => (
            <p key={i} className="kern-body">
              {m}
            </p>
          ))}
        </Alert>
      )}
      <div className="fw-actions">
        {finance && run.status === 'built' && (
          <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={exportRun}>
            <span className="kern-label">Als SEPA-Datei exportieren</span>
          </button>
        )}
        {run.status !== 'built' && (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void download(`/api/v1/payment-runs/${run.id}/file`, `${run.number}.xml`)}>
            <span className="kern-label">SEPA-Datei herunterladen ({run.number}.xml)</span>
          </button>
        )}
      </div>
      {run.status === 'built' && <p className="kern-body">Nach dem Export ist der Zahlungslauf unveränderlich; die Datei wird mit ihrem SHA-256 gespeichert.</p>}
      {finance && run.status === 'exported' && (
        <form onSubmit={confirm} noValidate className="fw-form" aria-label="Ausführung bestätigen">
          <ErrorSummary items={summary} />
          <TextField id="buchungstag" label="Buchungstag laut Kontoauszug (optional)" hint="Ohne Angabe gilt der Ausführungstag." error={formState.errors.buchungstag}>
            <input type="date" {...fieldProps('buchungstag', formState.errors.buchungstag, true)} {...register('buchungstag')} />
          </TextField>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
            <span className="kern-label">Ausführung bestätigen</span>
          </button>
        </form>
      )}
    </section>
  );
}

function Payments({ run, finance }: { run: Run; finance: boolean }) {
  const payments = run.payments ?? [];
  return (
    <section aria-labelledby="zahlungen-titel" className="fw-stack">
      <h2 id="zahlungen-titel" className="kern-heading-medium">
        Zahlungen
      </h2>
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small">
          <caption className="fw-visually-hidden">Zahlungen des Zahlungslaufs {run.number}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Aktenzeichen / Nr.</th>
              <th scope="col" className="kern-table__header">Empfänger und Konto</th>
              <th scope="col" className="kern-table__header">Verwendungszweck</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Betrag</th>
              <th scope="col" className="kern-table__header">Stand</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {payments.map((p) => (
              <tr key={p.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {p.fileNumber} / {p.number}
                </th>
                <td className="kern-table__cell">
                  {p.payee?.holder ?? p.organisation}
                  <br />
                  {p.payee ? spacedIban(p.payee.iban) : '–'}
                  {p.payee?.bic ? ` (${p.payee.bic})` : ''}
                </td>
                <td className="kern-table__cell">{p.remittance}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatCents(p.amountCents)}</td>
                <td className="kern-table__cell">
                  {PAYMENT_STATUS[p.status] ?? p.status}
                  {p.paidOn && p.status === 'paid' ? ` am ${formatDay(p.paidOn)}` : ''}
                  {p.returnReasonCode ? ` (${p.returnReasonCode})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="kern-table__row">
              <th scope="row" colSpan={3} className="kern-table__cell">
                Kontrollsumme
              </th>
              <td className="kern-table__cell kern-table__cell--numeric kern-body--bold">{formatCents(run.controlSumCents)}</td>
              <td className="kern-table__cell" />
            </tr>
          </tfoot>
        </table>
      </div>
      {finance && run.status === 'executed' && payments.some((p) => p.status === 'paid') && <BookReturn payments={payments.filter((p) => p.status === 'paid')} />}
    </section>
  );
}

function BookReturn({ payments }: { payments: RunPayment[] }) {
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [key, setKey] = useState(newKey);
  const { register, handleSubmit, reset, formState } = useForm<{ zahlung: string; grund: string; vermerk: string }>({ defaultValues: { zahlung: payments[0]?.id ?? '', grund: 'AC04', vermerk: '' } });
  const submit = handleSubmit(async (v) => {
    setSummary([]);
    setDone(null);
    const paid = payments.find((p) => p.id === v.zahlung);
    const { error } = await api.POST('/api/v1/payment-requests/{id}/return', {
      params: { path: { id: v.zahlung }, header: { 'Idempotency-Key': key } },
      body: { reasonCode: v.grund as Schemas['ReturnPaymentDto']['reasonCode'], ...(v.vermerk.trim() ? { note: v.vermerk.trim() } : {}) },
    });
    setKey(newKey());
    if (error) setSummary(runMessages(error).map((message) => ({ message })));
    else {
      setDone(`Der Rückläufer zu ${paid?.fileNumber} / ${paid?.number} ist gebucht; der Betrag steht wieder zur Verfügung.`);
      reset({ zahlung: '', grund: 'AC04', vermerk: '' });
    }
    await queries.invalidateQueries({ queryKey: ['payment-runs'] });
  });
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-labelledby="rueck-titel">
      <h3 id="rueck-titel" className="kern-heading-small">
        Rückläufer buchen
      </h3>
      <p className="kern-body">Gibt die Bank eine Zahlung zurück, buchen Sie sie hier mit dem Rückgabegrund aus dem Kontoauszug.</p>
      {done && <Alert kind="success" title={done} />}
      <ErrorSummary items={summary} />
      <TextField id="zahlung" label="Zahlung">
        <div className="kern-form-input__select-wrapper">
        <select {...fieldProps('zahlung')} className="kern-form-input__select" {...register('zahlung', { required: true })}>
          {payments.map((p) => (
            <option key={p.id} value={p.id}>
              {p.fileNumber} / {p.number} – {formatCents(p.amountCents)}
            </option>
          ))}
        </select>
        </div>
      </TextField>
      <TextField id="grund" label="Rückgabegrund (ISO 20022)">
        <div className="kern-form-input__select-wrapper">
        <select {...fieldProps('grund')} className="kern-form-input__select" {...register('grund', { required: true })}>
          {RETURN_REASONS.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        </div>
      </TextField>
      <TextField id="vermerk" label="Vermerk (optional)">
        <input type="text" {...fieldProps('vermerk')} {...register('vermerk')} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--secondary" disabled={formState.isSubmitting}>
        <span className="kern-label">Rückläufer buchen</span>
      </button>
    </form>
  );
}
