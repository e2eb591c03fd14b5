import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, Schemas } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, germanMessage, SummaryItem } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { Badge, exclusionReason, fileNumberOf } from './shared';

type Concept = Schemas['CallConceptAssignmentsDto'];
type Reviewer = Schemas['ReviewerChoiceDto'];

/** Reviewers for a call's concepts: automatically (balanced, affiliated reviewers excluded) or one by hand; conflicts shown. */
export function AssignmentPage() {
  const { code = '', call = '' } = useParams();
  const queries = useQueryClient();
  // other agency roles may look; only caseworkers assign (the API says so too)
  const caseworker = useSession().user?.roles.includes('caseworker') ?? false;
  const key = ['jury', code, call, 'assignments'];
  const data = useQuery({
    queryKey: key,
    queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls/{call}/assignments', { params: { path: { code, call } } })),
    retry: false,
  });
  const [auto, setAuto] = useState<{ assigned: number; unfilled: number } | null>(null);
  const [autoError, setAutoError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (data.isPending) return <Loading />;
  if (data.isError) return isNotFound(data.error) ? <NotFound /> : <Alert kind="danger" title="Die Zuweisungen konnten nicht geladen werden." />;

  const autoAssign = async () => {
    setBusy(true);
    setAutoError(null);
    const { data: plan, error } = await api.POST('/api/v1/guidelines/{code}/calls/{call}/assignments/auto', { params: { path: { code, call } } }).finally(() => setBusy(false));
    if (error || !plan) return setAutoError(germanMessage(error as ApiError));
    setAuto({ assigned: plan.assignments.length, unfilled: plan.unfilled.length });
    await queries.invalidateQueries({ queryKey: key });
  };

  const { concepts, reviewers, reviewersPerConcept } = data.data;
  return (
    <Page title={`Gutachten zuweisen: Aufruf ${call}`}>
      <p className="kern-body">
        <Link className="kern-link" to="/jury">
          Zurück zur Jury-Übersicht
        </Link>
        {' · '}
        <Link className="kern-link" to={`/jury/${code}/${call}/rangliste`}>
          Rangliste
        </Link>
      </p>
      <p className="kern-body">
        Jede Projektskizze braucht {reviewersPerConcept} Gutachten. Die automatische Zuweisung verteilt die Projektskizzen gleichmäßig und lässt Gutachterinnen und Gutachter aus, die der Kommune
        oder ihrem Landkreis verbunden sind.
      </p>
      {autoError && <Alert kind="danger" title={autoError} />}
      {auto && (
        <Alert kind={auto.unfilled ? 'warning' : 'success'} title={`${auto.assigned} ${auto.assigned === 1 ? 'Gutachten' : 'Gutachten'} automatisch zugewiesen.`}>
          {auto.unfilled > 0 && <p className="kern-body">{auto.unfilled} Projektskizzen haben noch nicht genug Gutachterinnen und Gutachter. Bitte weisen Sie sie von Hand zu.</p>}
        </Alert>
      )}
      {caseworker && (
        <button type="button" className="kern-btn kern-btn--primary" onClick={autoAssign} disabled={busy || concepts.length === 0}>
          <span className="kern-label">Automatisch zuweisen</span>
        </button>
      )}
      {concepts.length === 0 ? (
        <p className="kern-body">In diesem Aufruf ist zurzeit keine Projektskizze in der Jurybewertung.</p>
      ) : (
        concepts.map((c) => <ConceptAssignments key={c.caseId} concept={c} reviewers={reviewers} canAssign={caseworker} code={code} call={call} onChange={() => queries.invalidateQueries({ queryKey: key })} />)
      )}
    </Page>
  );
}

const REVIEW_STATUS: Record<string, string> = { draft: 'Bewertung im Entwurf', submitted: 'Bewertung abgeschickt' };

function ConceptAssignments({
  concept,
  reviewers,
  canAssign,
  code,
  call,
  onChange,
}: {
  concept: Concept;
  reviewers: Reviewer[];
  canAssign: boolean;
  code: string;
  call: string;
  onChange: () => void;
}) {
  const [reviewerId, setReviewerId] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const fieldId = `gutachter-${concept.caseId}`;
  const onIt = new Set(concept.assignments.map((a) => a.reviewerId));
  const excluded = new Map(concept.exclusions.map((x) => [x.reviewerId, x]));
  // a declared conflict is shown with the assignment already
  const exclusions = concept.exclusions.filter((x) => !(x.kind === 'declared' && concept.assignments.some((a) => a.reviewerId === x.reviewerId && a.status === 'conflict')));
  const choices = reviewers.filter((r) => !onIt.has(r.id));

  const assign = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!reviewerId) return setProblems([{ field: fieldId, message: 'Bitte wählen Sie eine Gutachterin oder einen Gutachter aus.' }]);
    const { error } = await api.POST('/api/v1/guidelines/{code}/calls/{call}/assignments', { params: { path: { code, call } }, body: { caseId: concept.caseId, reviewerId } });
    if (error) {
      const err = error as ApiError;
      const message =
        err.code === 'REVIEWER_CONFLICT'
          ? 'Diese Person ist der Kommune oder ihrem Landkreis verbunden und darf die Projektskizze nicht bewerten.'
          : err.code === 'ALREADY_ASSIGNED'
            ? 'Diese Person ist der Projektskizze bereits zugewiesen oder hat Befangenheit erklärt.'
            : germanMessage(err);
      setProblems([{ field: fieldId, message }]);
      onChange(); // a refused conflict is recorded as an exclusion: show it
      return;
    }
    setProblems([]);
    setDone(reviewers.find((r) => r.id === reviewerId)?.displayName ?? '');
    setReviewerId('');
    onChange();
  };

  const headingId = `skizze-${concept.caseId}`;
  const error = problems.find((p) => p.field === fieldId);
  return (
    <section className="kern-card fw-card" aria-labelledby={headingId}>
      <div className="kern-card__container">
        <div className="kern-card__header">
          <p className="kern-preline">
            {fileNumberOf(concept.fileNumber)} · {concept.organisationName}
          </p>
          <h2 className="kern-title kern-title--large" id={headingId}>
            {concept.title}
          </h2>
        </div>
        <div className="kern-card__body">
          <h3 className="kern-heading-small">Zugewiesen</h3>
          {concept.assignments.length === 0 ? (
            <p className="kern-body">Noch niemand.</p>
          ) : (
            <ul className="kern-list">
              {concept.assignments.map((a) => (
                <li key={a.assignmentId}>
                  {a.reviewerName}:{' '}
                  {a.status === 'conflict' ? (
                    <Badge kind="danger">Befangenheit erklärt{a.conflictReason ? ` – ${a.conflictReason}` : ''}</Badge>
                  ) : !a.declaredAt ? (
                    <Badge kind="warning">Erklärung zur Befangenheit ausstehend</Badge>
                  ) : (
                    <Badge kind={a.reviewStatus === 'submitted' ? 'success' : 'info'}>{REVIEW_STATUS[a.reviewStatus ?? ''] ?? 'nicht befangen, Bewertung offen'}</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
          {exclusions.length > 0 && (
            <>
              <h3 className="kern-heading-small">Ausgeschlossen</h3>
              <ul className="kern-list">
                {exclusions.map((x) => (
                  <li key={`${x.reviewerId}-${x.kind}`}>
                    {x.reviewerName}: {exclusionReason(x.kind, x.reason)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {canAssign && (
            <form className="fw-inline-form" noValidate onSubmit={assign}>
              <ErrorSummary items={problems} />
              <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
                <label className="kern-label" htmlFor={fieldId}>
                  Von Hand zuweisen
                </label>
                <div className="kern-form-input__select-wrapper">
                  <select
                    id={fieldId}
                    className={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
                    value={reviewerId}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${fieldId}-fehler` : undefined}
                    onChange={(e) => setReviewerId(e.target.value)}
                  >
                    <option value="">Bitte wählen</option>
                    {choices.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.displayName}
                        {excluded.has(r.id) ? ` – ausgeschlossen, ${exclusionReason(excluded.get(r.id)!.kind, excluded.get(r.id)!.reason)}` : ''}
                      </option>
                    ))}
                  </select>
                </div>
                {error && (
                  <p className="kern-error" id={`${fieldId}-fehler`}>
                    <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                    <span>{error.message}</span>
                  </p>
                )}
              </div>
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">Zuweisen</span>
              </button>
              {done && (
                <p className="kern-body" role="status">
                  {done} ist zugewiesen.
                </p>
              )}
            </form>
          )}
        </div>
      </div>
    </section>
  );
}
