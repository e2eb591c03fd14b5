import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, SummaryItem } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDateTime } from '../../format';
import { LinesTable, PayableFigures, paymentProblemText, problemsOf } from '../applicant/payment-request-common';
import { euroInput, fieldId, parseEuro } from '../applicant/texts';

/** "Mittelabrufe prüfen": the caseworker's queue of submitted payment requests (GET /payment-requests?status=submitted). */
export function PaymentCertificationQueuePage() {
  const { user } = useSession();
  const location = useLocation();
  const message = (location.state as { message?: string } | null)?.message;
  const queue = useQuery({
    queryKey: ['payment-requests', 'queue', 'submitted'],
    queryFn: () => dataOf(api.GET('/api/v1/payment-requests', { params: { query: { status: 'submitted' } } })),
    enabled: !!user?.roles.includes('caseworker'),
  });
  if (!user?.roles.includes('caseworker')) return <NotFound />;
  return (
    <Page title="Mittelabrufe prüfen">
      {message && <Alert kind="success" title={message} />}
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <Alert kind="danger" title="Die Mittelabrufe konnten nicht geladen werden." />
      ) : queue.data.length === 0 ? (
        <p className="kern-body">Zurzeit wartet kein Mittelabruf auf die Prüfung.</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Eingereichte Mittelabrufe, die ältesten zuerst</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Vorgang</th>
                <th scope="col" className="kern-table__header">Mittelabruf</th>
                <th scope="col" className="kern-table__header">Eingereicht</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Beantragt</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {queue.data.map((r) => (
                <tr className="kern-table__row" key={r.id}>
                  <td className="kern-table__cell">
                    {r.fileNumber ?? '–'}
                    <div className="kern-body--small">{r.title}</div>
                  </td>
                  <td className="kern-table__cell">
                    <Link className="kern-link" to={`/mittelabrufe/${r.id}`}>
                      Mittelabruf Nr. {r.number} prüfen
                      <span className="fw-visually-hidden"> ({r.fileNumber})</span>
                    </Link>
                  </td>
                  <td className="kern-table__cell">{r.submittedAt ? formatDateTime(r.submittedAt) : '–'}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.requestedCents ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/**
 * Sachlich und rechnerisch richtig: the caseworker checks each line against its receipt, may accept less with a
 * reason, and certifies; the server recomputes the payable and checks the limits again.
 */
export function PaymentCertificationPage() {
  const { requestId = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const request = useQuery({
    queryKey: ['payment-requests', requestId],
    queryFn: () => dataOf(api.GET('/api/v1/payment-requests/{id}', { params: { path: { id: requestId } } })),
    retry: false,
    enabled: !!user?.roles.includes('caseworker'),
  });
  const [accepted, setAccepted] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);

  if (!user?.roles.includes('caseworker')) return <NotFound />;
  if (request.isPending) return <Loading />;
  if (request.isError) return isNotFound(request.error) ? <NotFound /> : <Alert kind="danger" title="Der Mittelabruf konnte nicht geladen werden." />;
  const r = request.data;
  const title = `Mittelabruf Nr. ${r.number} zu ${r.fileNumber ?? '–'} prüfen`;

  const certify = async () => {
    const found: Record<string, string> = {};
    const reductions: { lineId: string; acceptedCents: number; reason: string }[] = [];
    r.lines.forEach((l, i) => {
      const text = accepted[l.id];
      if (text === undefined || text.trim() === '' || parseEuro(text) === l.amountCents) return;
      const cents = parseEuro(text);
      if (cents === null || cents >= l.amountCents) found[fieldId(`reductions[${i}].acceptedCents`)] = `Zeile ${l.position}: Der anerkannte Betrag muss kleiner als ${formatCents(l.amountCents)} sein.`;
      else if ((reasons[l.id] ?? '').trim().length < 5) found[fieldId(`reductions[${i}].reason`)] = `Zeile ${l.position}: Bitte begründen Sie die Kürzung (mindestens 5 Zeichen).`;
      else reductions.push({ lineId: l.id, acceptedCents: cents, reason: reasons[l.id].trim() });
    });
    setErrors(found);
    setSummary(Object.entries(found).map(([field, message]) => ({ field, message })));
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      key.current ??= crypto.randomUUID();
      const res = await api.POST('/api/v1/payment-requests/{id}/certify', { params: { path: { id: r.id }, header: { 'Idempotency-Key': key.current } }, body: { reductions } });
      if (!res.response.ok || !res.data) {
        key.current = null;
        const details = (res.error as { details?: { openCents?: number; retentionCents?: number } } | undefined)?.details;
        setSummary(problemsOf(res.error).map((p) => ({ message: paymentProblemText(p, r, details) })));
        return;
      }
      await queries.invalidateQueries({ queryKey: ['payment-requests'] });
      navigate('/mittelabrufe', { state: { message: `Mittelabruf Nr. ${r.number} zu ${r.fileNumber} ist sachlich und rechnerisch richtig: ${formatCents(res.data.payableCents ?? 0)}.` } });
    } finally {
      setBusy(false);
    }
  };

  if (r.status !== 'submitted') {
    return (
      <Page title={title}>
        <Alert kind="info" title="Dieser Mittelabruf wartet nicht auf die Prüfung." />
        <LinesTable request={r} />
        <p className="kern-body">
          <Link className="kern-link" to="/mittelabrufe">
            Zur Liste der Mittelabrufe
          </Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={title}>
      <p className="kern-body">
        {r.title} · eingereicht {r.submittedAt ? formatDateTime(r.submittedAt) : ''} · beantragt {formatCents(r.requestedCents ?? 0)}
      </p>
      {r.sentBackComment && (
        <Alert kind="warning" title="Von der Anordnung zurückgegeben">
          <p className="kern-body">{r.sentBackComment}</p>
        </Alert>
      )}
      <ErrorSummary items={summary} />
      <p className="kern-body">Prüfen Sie jede Rechnung am Beleg. Erkennen Sie weniger an, tragen Sie den anerkannten Betrag und den Grund ein.</p>
      <LinesTable
        request={r}
        extraHead={
          <>
            <th scope="col" className="kern-table__header">Anerkannt in Euro</th>
            <th scope="col" className="kern-table__header">Grund der Kürzung</th>
          </>
        }
        extra={(l, i) => {
          const a = fieldId(`reductions[${i}].acceptedCents`);
          const g = fieldId(`reductions[${i}].reason`);
          return (
            <>
              <td className="kern-table__cell">
                <Cell id={a} label={`Anerkannt in Euro, Zeile ${l.position}`} error={errors[a]}>
                  <input
                    id={a}
                    type="text"
                    inputMode="decimal"
                    size={12}
                    className="kern-form-input__input fw-amount"
                    aria-invalid={errors[a] ? true : undefined}
                    aria-describedby={errors[a] ? `${a}-fehler` : undefined}
                    value={accepted[l.id] ?? euroInput(l.amountCents)}
                    onChange={(e) => setAccepted({ ...accepted, [l.id]: e.target.value })}
                  />
                </Cell>
              </td>
              <td className="kern-table__cell">
                <Cell id={g} label={`Grund der Kürzung, Zeile ${l.position}`} error={errors[g]}>
                  <input
                    id={g}
                    type="text"
                    maxLength={2000}
                    className="kern-form-input__input"
                    aria-invalid={errors[g] ? true : undefined}
                    aria-describedby={errors[g] ? `${g}-fehler` : undefined}
                    value={reasons[l.id] ?? ''}
                    onChange={(e) => setReasons({ ...reasons, [l.id]: e.target.value })}
                  />
                </Cell>
              </td>
            </>
          );
        }}
      />
      <PayableFigures request={r} title="Berechnung wie eingereicht" />
      <div className="fw-actions">
        <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={() => void certify()}>
          <span className="kern-label">Sachlich und rechnerisch richtig zeichnen</span>
        </button>
        <Link className="kern-link" to="/mittelabrufe">
          Zurück zur Liste
        </Link>
      </div>
    </Page>
  );
}

function Cell({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label fw-visually-hidden" htmlFor={id}>
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
