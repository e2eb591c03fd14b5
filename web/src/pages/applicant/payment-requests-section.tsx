import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { Alert } from '../../components/layout';
import { formatCents, formatDateTime } from '../../format';
import { Item, paymentProblemText, problemsOf, STATUS_LABEL } from './payment-request-common';

/** The case's money (grant, retention, paid, pending, open) and its payment requests; applicants start new ones here. */
export function PaymentRequestsSection({ caseId }: { caseId: string }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const payments = useQuery({
    queryKey: ['cases', caseId, 'payment-requests'],
    queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/payment-requests', { params: { path: { id: caseId } } })),
    retry: false,
  });
  if (!payments.data || payments.data.grantCents === null) return null;
  const p = payments.data;
  const applicant = !!user?.roles.includes('applicant');
  const caseworker = !!user?.roles.includes('caseworker');
  // after settlement the final payment pays the rest (the retention among it): no more requests of the recipient
  const settled = p.requests.some((r) => r.kind === 'final');
  const start = async () => {
    setError(undefined);
    const res = await api.POST('/api/v1/cases/{id}/payment-requests', { params: { path: { id: caseId } } });
    if (!res.response.ok || !res.data) {
      setError(paymentProblemText(problemsOf(res.error)[0]));
      return;
    }
    navigate(`/faelle/${caseId}/mittelabruf/${res.data.id}`);
  };
  const linkOf = (r: (typeof p.requests)[number]) =>
    applicant ? `/faelle/${caseId}/mittelabruf/${r.id}` : caseworker && r.status === 'submitted' ? `/mittelabrufe/${r.id}` : null;
  return (
    <section aria-labelledby="auszahlungen-titel">
      <h2 className="kern-heading-medium" id="auszahlungen-titel">
        Mittelabrufe und Auszahlungen
      </h2>
      <dl className="kern-description-list" data-testid="geldstand">
        <Item term="Bewilligte Zuwendung">{formatCents(p.grantCents!)}</Item>
        <Item term="Ausgezahlt">{formatCents(p.paidCents)}</Item>
        <Item term="Abgerufen, noch nicht ausgezahlt">{formatCents(p.pendingCents)}</Item>
        <Item term={settled ? 'Einbehalt (in der Schlusszahlung enthalten)' : 'Einbehalt bis zum Verwendungsnachweis'}>{formatCents(p.retentionCents)}</Item>
        <Item term="Noch abrufbar">{formatCents(p.openCents)}</Item>
      </dl>
      {p.requests.length > 0 && (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Mittelabrufe dieses Vorgangs</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Mittelabruf</th>
                <th scope="col" className="kern-table__header">Stand</th>
                <th scope="col" className="kern-table__header">Eingereicht</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Betrag</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {p.requests.map((r) => {
                const to = linkOf(r);
                return (
                  <tr className="kern-table__row" key={r.id}>
                    <td className="kern-table__cell">
                      {to ? (
                        <Link className="kern-link" to={to}>
                          {r.kind === 'final' ? 'Schlusszahlung' : 'Mittelabruf'} Nr. {r.number}
                        </Link>
                      ) : (
                        `${r.kind === 'final' ? 'Schlusszahlung' : 'Mittelabruf'} Nr. ${r.number}`
                      )}
                    </td>
                    <td className="kern-table__cell">{STATUS_LABEL[r.status] ?? r.status}</td>
                    <td className="kern-table__cell">{r.submittedAt ? formatDateTime(r.submittedAt) : '–'}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.payableCents ?? r.preview?.payableCents ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {error && <Alert kind="danger" title={error} />}
      {applicant && !settled && (
        <div className="fw-actions">
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void start()}>
            <span className="kern-label">Neuen Mittelabruf anlegen</span>
          </button>
        </div>
      )}
    </section>
  );
}
