import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { fieldProps, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDateTime } from '../../format';
import { LinesTable, PaymentRequest, paymentProblemText, problemsOf } from '../applicant/payment-request-common';

/**
 * "Zahlungen anordnen": finance's queue of certified payment requests. Each is ordered (Anordnung) by a person other
 * than the one who certified it, or sent back to the caseworker with a comment.
 */
export function PaymentOrdersPage() {
  const { user } = useSession();
  const [message, setMessage] = useState<string>();
  const queue = useQuery({
    queryKey: ['payment-requests', 'queue', 'certified'],
    queryFn: () => dataOf(api.GET('/api/v1/payment-requests', { params: { query: { status: 'certified' } } })),
    enabled: !!user?.roles.includes('finance'),
  });
  if (!user?.roles.includes('finance')) return <NotFound />;
  return (
    <Page title="Zahlungen anordnen">
      {message && <Alert kind="success" title={message} />}
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <Alert kind="danger" title="Die Mittelabrufe konnten nicht geladen werden." />
      ) : queue.data.length === 0 ? (
        <p className="kern-body">Zurzeit wartet keine Zahlung auf die Anordnung.</p>
      ) : (
        queue.data.map((r) => <OrderCard key={r.id} request={r} ownId={user.id} onDone={setMessage} />)
      )}
    </Page>
  );
}

function OrderCard({ request: r, ownId, onDone }: { request: PaymentRequest; ownId: string; onDone: (message: string) => void }) {
  const queries = useQueryClient();
  const [error, setError] = useState<string>();
  const [sendingBack, setSendingBack] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const heading = `${r.fileNumber ?? '–'}: Mittelabruf Nr. ${r.number} über ${formatCents(r.payableCents ?? 0)}`;
  const headingId = `anordnung-${r.id}`;
  const commentId = `rueckgabe-${r.id}`;
  const own = r.certifiedBy === ownId;

  const act = async (what: 'order' | 'send-back') => {
    if (what === 'send-back' && comment.trim().length < 5) {
      setCommentError('Bitte begründen Sie die Rückgabe (mindestens 5 Zeichen).');
      return;
    }
    setBusy(true);
    setError(undefined);
    setCommentError(undefined);
    try {
      key.current ??= crypto.randomUUID();
      const params = { path: { id: r.id }, header: { 'Idempotency-Key': key.current } };
      const res =
        what === 'order'
          ? await api.POST('/api/v1/payment-requests/{id}/order', { params })
          : await api.POST('/api/v1/payment-requests/{id}/send-back', { params, body: { comment: comment.trim() } });
      if (!res.response.ok) {
        key.current = null;
        setError(paymentProblemText(problemsOf(res.error)[0], r));
        return;
      }
      onDone(what === 'order' ? `Auszahlung von ${formatCents(r.payableCents ?? 0)} zu ${r.fileNumber} angeordnet.` : `Mittelabruf Nr. ${r.number} zu ${r.fileNumber} an die Sachbearbeitung zurückgegeben.`);
      await queries.invalidateQueries({ queryKey: ['payment-requests'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="kern-card fw-card" aria-labelledby={headingId}>
      <div className="kern-card__container">
        <h2 className="kern-title" id={headingId}>
          {heading}
        </h2>
        <p className="kern-body--small">
          {r.title} · sachlich und rechnerisch richtig seit {r.certifiedAt ? formatDateTime(r.certifiedAt) : '–'} · beantragt {formatCents(r.requestedCents ?? 0)}
        </p>
        {own && <Alert kind="info" title="Sie haben diesen Mittelabruf geprüft. Die Auszahlung muss eine andere Person anordnen (Vier-Augen-Prinzip)." />}
        <LinesTable request={r} />
        {error && <Alert kind="danger" title={error} />}
        {sendingBack && (
          <TextField id={commentId} label="Begründung der Rückgabe (für die Sachbearbeitung)" error={commentError ? { type: 'required', message: commentError } : undefined}>
            <textarea {...fieldProps(commentId, commentError ? { type: 'required', message: commentError } : undefined)} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          </TextField>
        )}
        <div className="fw-actions">
          <button type="button" className="kern-btn kern-btn--primary" disabled={busy || own} onClick={() => void act('order')}>
            <span className="kern-label">
              Auszahlung anordnen<span className="fw-visually-hidden"> ({heading})</span>
            </span>
          </button>
          {sendingBack ? (
            <button type="button" className="kern-btn kern-btn--secondary" disabled={busy} onClick={() => void act('send-back')}>
              <span className="kern-label">
                Rückgabe bestätigen<span className="fw-visually-hidden"> ({heading})</span>
              </span>
            </button>
          ) : (
            <button type="button" className="kern-btn kern-btn--secondary" disabled={busy} onClick={() => setSendingBack(true)}>
              <span className="kern-label">
                Zurückgeben<span className="fw-visually-hidden"> ({heading})</span>
              </span>
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
