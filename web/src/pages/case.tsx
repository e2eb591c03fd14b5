import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { isAgency } from './casework/roles';
import { api, download, Schemas } from '../api/client';
import { dataOf, isNotFound } from '../api/query';
import { Alert, Loading, NotFound, Page } from '../components/layout';
import { formatDateTime, formatDay } from '../format';
import { ApplicantCaseActions } from './applicant/case-actions';
import { PaymentRequestsSection } from './applicant/payment-requests-section';
import { PaymentAdvices } from './finance/payment-runs-advices';
import { ProofOfUseLink } from './applicant/proof-of-use';
import { SettlementLink } from './casework/settlement';
import { ReportingDutiesSection } from './reporting-duties';

const NOTICE_KIND: Record<string, string> = {
  approval: 'Zuwendungsbescheid',
  rejection: 'Ablehnungsbescheid',
  amendment: 'Änderungsbescheid',
  settlement: 'Schlussbescheid',
  revocation: 'Widerrufs- und Rückforderungsbescheid',
};

/** One case: what happened (GET /cases/:id/timeline) and its letters to download. 403 and 404 look the same. */
export function CasePage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const timeline = useQuery({
    queryKey: ['cases', id, 'timeline'],
    queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/timeline', { params: { path: { id } } })),
    retry: false,
  });
  if (timeline.isPending) return <Loading />;
  if (timeline.isError) return isNotFound(timeline.error) || !/^[0-9a-f-]{36}$/i.test(id) ? <NotFound /> : <Alert kind="danger" title="Der Vorgang konnte nicht geladen werden." />;
  const { fileNumber, entries, applicationDueOn } = timeline.data;
  const notices = entries.flatMap((e) => (e.notice ? [e.notice] : []));
  return (
    <Page title={fileNumber ? `Vorgang ${fileNumber}` : 'Vorgang (Entwurf)'}>
      {applicationDueOn && <p className="kern-body">Antrag einzureichen bis {formatDay(applicationDueOn)}.</p>}
      <ApplicantCaseActions caseId={id} />
      <ProofOfUseLink caseId={id} agency={isAgency(user)} />
      <SettlementLink caseId={id} />
      {isAgency(user) && (
        <p className="kern-body">
          <Link className="kern-link" to={`/faelle/${id}/bearbeitung`}>
            Vorgang bearbeiten (Prüfung, Nachforderungen, Entscheidung)
          </Link>
        </p>
      )}
      <PaymentRequestsSection caseId={id} />
      <ReportingDutiesSection caseId={id} canExtend={false} />
      <h2 className="kern-heading-medium">Bescheide</h2>
      {notices.length ? <Letters notices={notices} /> : <p className="kern-body">Zu diesem Vorgang gibt es noch keinen Bescheid.</p>}
      <PaymentAdvices caseId={id} />
      <h2 className="kern-heading-medium">Verlauf</h2>
      <ol className="fw-timeline">
        {entries.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at} className="kern-body--small">
              {formatDateTime(e.at)}
            </time>
            <p className="kern-body">{e.notice ? `${NOTICE_KIND[e.notice.kind] ?? 'Bescheid'} vom ${formatDay(e.notice.issuedOn)} erlassen` : e.summary}</p>
            {e.transition?.reason && <p className="kern-body--small">Begründung: {e.transition.reason}</p>}
            {e.informationRequest && (
              <p className="kern-body--small">
                {e.informationRequest.message} (Frist: {formatDay(e.informationRequest.dueOn)}
                {e.informationRequest.overdue ? ', überschritten' : ''})
              </p>
            )}
          </li>
        ))}
      </ol>
    </Page>
  );
}

function Letters({ notices }: { notices: Schemas['TimelineNoticeDto'][] }) {
  const [failed, setFailed] = useState(false);
  return (
    <>
      {failed && <Alert kind="danger" title="Der Bescheid konnte nicht heruntergeladen werden. Bitte versuchen Sie es erneut." />}
      <ul className="kern-list">
        {notices.map((n) => (
          <li key={n.id}>
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => download(`/api/v1/notices/${n.id}/content`, `${n.verificationCode}.pdf`).catch(() => setFailed(true))}>
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">
                {NOTICE_KIND[n.kind] ?? 'Bescheid'} vom {formatDay(n.issuedOn)} herunterladen (PDF)
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
