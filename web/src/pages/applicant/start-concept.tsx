import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { problemText } from './texts';

/** On the calls page: an applicant starts a Projektskizze for this call and goes to its first page. */
export function StartConcept({ guidelineCode, callCode, title }: { guidelineCode: string; callCode: string; title: string }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!user?.roles.includes('applicant')) return null;
  const start = async () => {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/concepts', { body: { guidelineCode, callCode } });
    setBusy(false);
    if (data) navigate(`/faelle/${data.caseId}/skizze/projekt`);
    else setFailed(error?.code === 'CALL_NOT_OPEN' ? 'Dieser Förderaufruf ist nicht mehr offen.' : problemText({ code: error?.code ?? 'START_FAILED' }));
  };
  return (
    <div className="fw-actions">
      <button type="button" className="kern-btn kern-btn--primary" disabled={busy} aria-label={`Projektskizze beginnen: ${title}`} onClick={() => void start()}>
        <span className="kern-label">Projektskizze beginnen</span>
      </button>
      {failed && (
        <p className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span>{failed}</span>
        </p>
      )}
    </div>
  );
}
