import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { Alert } from '../../components/layout';
import { formatCents, formatDay } from '../../format';
import { uploadFile, useAttachments } from './attachments';
import { fieldId, formatBytes, guideOf, mediaLabel, problemText } from './texts';

/**
 * What an applicant can do on the case page: see the state, open the concept or the application, start the
 * application when invited, answer information requests, withdraw. Shown to applicants only; the API decides.
 */
export function ApplicantCaseActions({ caseId }: { caseId: string }) {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // The message after submitting is shown once: kept here, dropped from the history entry so a reload does not repeat it.
  const [message] = useState(() => (location.state as { message?: string } | null)?.message);
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const isApplicant = !!user?.roles.includes('applicant');
  const kase = useQuery({ queryKey: ['cases', caseId, 'case'], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })), enabled: isApplicant, retry: false });
  const concept = useQuery({ queryKey: ['cases', caseId, 'concept', 'view'], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/concept', { params: { path: { id: caseId } } })), enabled: isApplicant, retry: false });
  const application = useQuery({
    queryKey: ['cases', caseId, 'application', 'view'],
    queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/application', { params: { path: { id: caseId } } })),
    enabled: isApplicant,
    retry: false,
  });
  if (!isApplicant || !kase.data) return null;
  const can = (t: string) => kase.data.availableTransitions.some((a) => a.name === t);
  const stateLabel = application.data?.case.stateLabel ?? concept.data?.case.stateLabel ?? kase.data.state;
  const grant = application.data?.grantCents ?? concept.data?.grantCents ?? null;
  return (
    <>
      {message && <Alert kind="success" title={message} />}
      <section aria-labelledby="stand-titel">
        <h2 className="kern-heading-medium" id="stand-titel">
          Stand
        </h2>
        <p className="kern-body" data-testid="stand">
          {stateLabel}
          {grant !== null && ` · beantragte Zuwendung ${formatCents(grant)}`}
        </p>
        <div className="fw-actions">
          {concept.data && (
            <Link className="kern-btn kern-btn--secondary" to={`/faelle/${caseId}/skizze/${concept.data.editable ? 'projekt' : 'pruefen'}`}>
              <span className="kern-label">{concept.data.editable ? 'Projektskizze bearbeiten' : 'Projektskizze ansehen'}</span>
            </Link>
          )}
          {application.data && (
            <Link className="kern-btn kern-btn--secondary" to={`/faelle/${caseId}/antrag/${application.data.editable ? 'projekt' : 'pruefen'}`}>
              <span className="kern-label">{application.data.editable ? 'Antrag bearbeiten' : 'Antrag ansehen'}</span>
            </Link>
          )}
          {can('start_application') && <StartApplication caseId={caseId} />}
        </div>
      </section>
      <InformationRequests caseId={caseId} application={application.data} />
      {can('withdraw') && <Withdraw caseId={caseId} />}
    </>
  );
}

function StartApplication({ caseId }: { caseId: string }) {
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string>();
  const start = async () => {
    const { data, error } = await api.POST('/api/v1/cases/{id}/application', { params: { path: { id: caseId } } });
    if (data) navigate(`/faelle/${caseId}/antrag/projekt`);
    else setFailed(problemText({ code: error?.code ?? 'START_FAILED' }));
  };
  return (
    <>
      <button type="button" className="kern-btn kern-btn--primary" onClick={() => void start()}>
        <span className="kern-label">Antrag beginnen</span>
      </button>
      {failed && <Alert kind="danger" title={failed} />}
    </>
  );
}

/** The open information requests (Nachforderungen) with a form to answer each with text and files before its deadline. */
function InformationRequests({ caseId, application }: { caseId: string; application?: Schemas['ProposalViewDto'] }) {
  const requests = useQuery({ queryKey: ['cases', caseId, 'information-requests'], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/information-requests', { params: { path: { id: caseId } } })) });
  if (!requests.data?.length) return null;
  return (
    <section aria-labelledby="nachforderungen-titel">
      <h2 className="kern-heading-medium" id="nachforderungen-titel">
        Nachforderungen
      </h2>
      {requests.data.map((r) => (
        <div className="kern-card fw-card" key={r.id}>
          <div className="kern-card__container">
            <p className="kern-preline">
              Nachforderung vom {formatDay(String(r.requestedAt))}, Frist bis {formatDay(r.dueOn)}
              {r.overdue && !r.answeredAt ? ' (überschritten)' : ''}
            </p>
            <p className="kern-body">{r.message}</p>
            {r.answeredAt ? (
              <p className="kern-body">
                Ihre Antwort vom {formatDay(String(r.answeredAt))}: {r.answer}
              </p>
            ) : (
              <AnswerForm caseId={caseId} requestId={r.id} application={application} />
            )}
          </div>
        </div>
      ))}
    </section>
  );
}

function AnswerForm({ caseId, requestId, application }: { caseId: string; requestId: string; application?: Schemas['ProposalViewDto'] }) {
  const queries = useQueryClient();
  const types = application ? guideOf(application).attachmentTypes : [];
  const files = useAttachments(caseId);
  const mine = (files.data ?? []).filter((f) => f.informationRequestId === requestId);
  const [answer, setAnswer] = useState('');
  const [type, setType] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const base = `antwort-${requestId.slice(0, 8)}`;
  const upload = async (list: FileList | null) => {
    if (!list?.length) return;
    if (!type) return setErrors({ type: 'Bitte wählen Sie zuerst die Art der Unterlage.' });
    setBusy(true);
    const next: Record<string, string> = {};
    for (const file of Array.from(list)) {
      const res = await uploadFile(caseId, type, file, requestId);
      if (!res.ok) next.file = `${file.name}: ${problemText({ code: res.code, field: 'file' })}`;
    }
    setErrors(next);
    setBusy(false);
    await queries.invalidateQueries({ queryKey: ['cases', caseId, 'attachments'] });
  };
  const send = useMutation({
    mutationFn: () => dataOf(api.POST('/api/v1/cases/{id}/information-requests/{requestId}/answer', { params: { path: { id: caseId, requestId } }, body: { answer } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['cases', caseId] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!answer.trim()) return setErrors({ answer: 'Bitte schreiben Sie eine Antwort.' });
    setErrors({});
    send.mutate();
  };
  return (
    <form className="fw-form" onSubmit={submit} noValidate>
      <div className={`kern-form-input${errors.answer ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${base}-text`}>
          Ihre Antwort
        </label>
        <textarea
          id={`${base}-text`}
          className="kern-form-input__input"
          rows={4}
          maxLength={10000}
          value={answer}
          aria-invalid={errors.answer ? true : undefined}
          aria-describedby={errors.answer ? `${base}-text-fehler` : undefined}
          onChange={(e) => setAnswer(e.target.value)}
        />
        {errors.answer && <Err id={`${base}-text-fehler`} text={errors.answer} />}
      </div>
      {types.length > 0 && (
        <>
          <div className={`kern-form-input${errors.type ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor={`${base}-art`}>
              Art der nachgereichten Unterlage
            </label>
            <div className="kern-form-input__select-wrapper">
              <select id={`${base}-art`} className="kern-form-input__select" value={type} onChange={(e) => setType(e.target.value)} aria-describedby={errors.type ? `${base}-art-fehler` : undefined}>
                <option value="">Bitte wählen</option>
                {types.map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.label}
                  </option>
                ))}
              </select>
            </div>
            {errors.type && <Err id={`${base}-art-fehler`} text={errors.type} />}
          </div>
          <div className={`kern-form-input${errors.file ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor={fieldId(`${base}-datei`)}>
              Datei nachreichen (freiwillig)
            </label>
            <input
              id={fieldId(`${base}-datei`)}
              type="file"
              className="kern-form-input__input"
              disabled={busy}
              aria-describedby={errors.file ? `${base}-datei-fehler` : undefined}
              onChange={(e) => {
                void upload(e.target.files);
                e.target.value = '';
              }}
            />
            {errors.file && <Err id={`${base}-datei-fehler`} text={errors.file} />}
          </div>
          {mine.length > 0 && (
            <ul className="kern-list" aria-label="Nachgereichte Dateien">
              {mine.map((f) => (
                <li key={f.id}>
                  {f.filename} ({mediaLabel(f.mediaType)}, {formatBytes(f.sizeBytes)})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {send.isError && <Alert kind="danger" title={problemText({ code: (send.error as { error?: { code?: string } }).error?.code ?? 'ANSWER_FAILED' })} />}
      <button type="submit" className="kern-btn kern-btn--primary" disabled={send.isPending || busy}>
        <span className="kern-label">Antwort senden</span>
      </button>
    </form>
  );
}

/** Withdrawing (Zurückziehen) asks once more before it is done: it cannot be undone. */
function Withdraw({ caseId }: { caseId: string }) {
  const queries = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => dataOf(api.POST('/api/v1/cases/{id}/withdraw', { params: { path: { id: caseId } }, body: reason.trim() ? { reason: reason.trim() } : {} })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['cases', caseId] }),
  });
  return (
    <section aria-labelledby="zurueckziehen-titel">
      <h2 className="kern-heading-medium" id="zurueckziehen-titel">
        Zurückziehen
      </h2>
      {!asking ? (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setAsking(true)}>
          <span className="kern-label">Vorhaben zurückziehen</span>
        </button>
      ) : (
        <div className="kern-alert kern-alert--warning" role="alertdialog" aria-labelledby="zurueckziehen-frage">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title" id="zurueckziehen-frage">
              Wollen Sie das Vorhaben wirklich zurückziehen? Das lässt sich nicht rückgängig machen.
            </span>
          </div>
          <div className="kern-alert__body">
            <div className="fw-form">
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="zurueckziehen-grund">
                Grund (freiwillig)
              </label>
              <textarea id="zurueckziehen-grund" className="kern-form-input__input" rows={3} maxLength={4000} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <div className="fw-actions">
              <button type="button" className="kern-btn kern-btn--primary" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
                <span className="kern-label">Ja, zurückziehen</span>
              </button>
              <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setAsking(false)}>
                <span className="kern-label">Abbrechen</span>
              </button>
            </div>
            {withdraw.isError && <Alert kind="danger" title="Das Zurückziehen hat nicht geklappt. Bitte versuchen Sie es erneut." />}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

function Err({ id, text }: { id: string; text: string }) {
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}
