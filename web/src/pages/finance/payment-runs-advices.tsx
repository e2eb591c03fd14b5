import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, download } from '../../api/client';
import { dataOf } from '../../api/query';
import { Alert } from '../../components/layout';
import { formatCents, formatDay } from '../../format';

/** The payment advices (Auszahlungsmitteilungen) of a case, for the case page; nothing while there are none. */
export function PaymentAdvices({ caseId }: { caseId: string }) {
  const [failed, setFailed] = useState(false);
  const advices = useQuery({
    queryKey: ['cases', caseId, 'payment-advices'],
    queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/payment-advices', { params: { path: { id: caseId } } })),
    retry: false,
  });
  if (!advices.data?.length) return null;
  return (
    <>
      <h2 className="kern-heading-medium">Auszahlungen</h2>
      {failed && <Alert kind="danger" title="Die Auszahlungsmitteilung konnte nicht heruntergeladen werden. Bitte versuchen Sie es erneut." />}
      <ul className="kern-list">
        {advices.data.map((a) => (
          <li key={a.paymentRequestId}>
            <button
              type="button"
              className="kern-btn kern-btn--tertiary"
              onClick={() => download(`/api/v1/payment-requests/${a.paymentRequestId}/advice`, `auszahlungsmitteilung-${a.paymentNumber}.pdf`).catch(() => setFailed(true))}
            >
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">
                Auszahlungsmitteilung Nr. {a.paymentNumber} über {formatCents(a.amountCents)} vom {formatDay(a.paidOn)} herunterladen (PDF)
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
