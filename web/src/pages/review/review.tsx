import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, download, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { ErrorSummary, fieldProps, germanMessage, summaryOf, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDateTime, formatDay } from '../../format';
import { assignmentStatus, myAssignmentsQuery } from './assignments';
import { ApiScores, formatScore, Jury, ScoringForm } from './scoring-form';
import { Badge, fileNumberOf, Item } from './shared';

type Assignment = Schemas['MyAssignmentDto'];
type Call = Schemas['CallDetailDto'];

/**
 * One assigned concept for its reviewer: first the declaration of (no) conflict; after "no conflict" the concept,
 * its files and the scoring form; after submitting, the own scores and the others' (sealed until then).
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const assignments = useQuery(myAssignmentsQuery);
  const assignment = assignments.data?.find((a) => a.assignmentId === id);
  const call = useQuery({
    queryKey: ['calls', assignment?.guidelineCode, assignment?.callCode],
    queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls/{call}', { params: { path: { code: assignment!.guidelineCode, call: assignment!.callCode } } })),
    enabled: !!assignment,
  });
  if (assignments.isPending) return <Loading />;
  if (assignments.isError) return <Alert kind="danger" title="Ihre Gutachten konnten nicht geladen werden." />;
  if (!assignment) return <NotFound />;
  const title = `Gutachten ${fileNumberOf(assignment.fileNumber)}`;
  const status = assignmentStatus(assignment);
  return (
    <Page title={title}>
      <p className="kern-body">
        <Link className="kern-link" to="/gutachten">
          Zurück zu meinen Gutachten
        </Link>
      </p>
      <p className="kern-body">
        {assignment.title} – {assignment.organisationName} <Badge kind={status.kind}>{status.text}</Badge>
      </p>
      {assignment.status === 'conflict' ? (
        <Alert kind="info" title="Sie haben für diese Projektskizze Befangenheit erklärt.">
          <p className="kern-body">Die Projektskizze wird Ihnen nicht angezeigt. Die Bewilligungsstelle weist sie einer anderen Gutachterin oder einem anderen Gutachter zu.</p>
        </Alert>
      ) : !assignment.declaredAt ? (
        <Declaration assignment={assignment} />
      ) : call.isPending ? (
        <Loading />
      ) : call.isError || !call.data.jury ? (
        <Alert kind="danger" title="Die Bewertungskriterien konnten nicht geladen werden." />
      ) : (
        <Reviewing assignment={assignment} call={call.data} jury={call.data.jury} />
      )}
    </Page>
  );
}

interface DeclarationValues {
  conflict: '' | 'no' | 'yes';
  reason: string;
}

/** Befangenheit: declared once, before anything of the concept is shown. */
function Declaration({ assignment }: { assignment: Assignment }) {
  const queries = useQueryClient();
  const { register, handleSubmit, watch, setError, formState } = useForm<DeclarationValues>({ defaultValues: { conflict: '', reason: '' } });
  const [summary, setSummary] = useState<{ field?: string; message: string }[]>([]);
  const conflict = watch('conflict');
  const onSubmit = handleSubmit(
    async (v) => {
      const { error } = await api.POST('/api/v1/reviews/assignments/{id}/declaration', {
        params: { path: { id: assignment.assignmentId } },
        body: v.conflict === 'yes' ? { conflict: true, reason: v.reason.trim() } : { conflict: false },
      });
      if (error) {
        const e = error as ApiError;
        const onReason = e.code === 'REASON_REQUIRED' || e.details?.problems?.some((p) => p.field === 'reason');
        const message = onReason ? 'Bitte begründen Sie Ihre Befangenheit in mindestens 5 Zeichen.' : germanMessage(e);
        if (onReason) setError('reason', { type: 'server', message });
        setSummary([{ field: onReason ? 'reason' : undefined, message }]);
        return;
      }
      await queries.invalidateQueries({ queryKey: myAssignmentsQuery.queryKey });
    },
    (errors) => setSummary(summaryOf(errors, ['conflict', 'reason'])),
  );
  const errors = formState.errors;
  return (
    <form className="fw-form" noValidate onSubmit={onSubmit}>
      <ErrorSummary items={summary} />
      <h2 className="kern-heading-medium">Erklärung zur Befangenheit</h2>
      <p className="kern-body">
        Befangen sind Sie zum Beispiel, wenn Sie der antragstellenden Kommune angehören, sie beraten oder am Vorhaben beteiligt sind. Erst nach Ihrer Erklärung sehen Sie die Projektskizze; die
        Erklärung lässt sich nicht ändern.
      </p>
      <fieldset className={`kern-fieldset fw-fieldset${errors.conflict ? ' kern-fieldset--error' : ''}`} id="conflict" tabIndex={-1} aria-describedby={errors.conflict ? 'conflict-fehler' : undefined}>
        <legend className="kern-label">Sind Sie bei dieser Projektskizze befangen?</legend>
        {errors.conflict?.message && (
          <p className="kern-error" id="conflict-fehler">
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span>{errors.conflict.message}</span>
          </p>
        )}
        <div className="kern-fieldset__body">
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="conflict-no" value="no" {...register('conflict', { required: 'Bitte erklären Sie, ob Sie befangen sind.' })} />
            <label className="kern-label" htmlFor="conflict-no">
              Ich bin nicht befangen.
            </label>
          </div>
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="conflict-yes" value="yes" {...register('conflict', { required: 'Bitte erklären Sie, ob Sie befangen sind.' })} />
            <label className="kern-label" htmlFor="conflict-yes">
              Ich bin befangen und gebe diese Projektskizze ab.
            </label>
          </div>
        </div>
      </fieldset>
      {conflict === 'yes' && (
        <TextField id="reason" label="Grund der Befangenheit" error={errors.reason}>
          <textarea
            {...fieldProps('reason', errors.reason)}
            rows={3}
            maxLength={2000}
            {...register('reason', { validate: (r) => r.trim().length >= 5 || 'Bitte begründen Sie Ihre Befangenheit in mindestens 5 Zeichen.' })}
          />
        </TextField>
      )}
      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Erklärung abgeben</span>
      </button>
    </form>
  );
}

/** The concept with its files, and the review: the form while a draft, the sealed scores once submitted. */
function Reviewing({ assignment, call, jury }: { assignment: Assignment; call: Call; jury: Jury }) {
  const queries = useQueryClient();
  const id = assignment.assignmentId;
  const concept = useQuery({
    queryKey: ['reviews', id, 'concept'],
    queryFn: () => dataOf(api.GET('/api/v1/reviews/assignments/{id}/concept', { params: { path: { id } } })),
  });
  const review = useQuery({
    queryKey: ['reviews', id, 'review'],
    queryFn: () => dataOf(api.GET('/api/v1/reviews/assignments/{id}/review', { params: { path: { id } } })),
  });
  if (concept.isPending || review.isPending) return <Loading />;
  if (concept.isError || review.isError) return <Alert kind="danger" title="Die Projektskizze konnte nicht geladen werden." />;

  const save = async (scores: Record<string, { score: number; comment?: string } | null>) => {
    // the version read last: a save in another tab meanwhile answers 409 instead of being overwritten
    const current = queries.getQueryData<typeof review.data>(['reviews', id, 'review']) ?? review.data;
    const { data, error } = await api.PUT('/api/v1/reviews/assignments/{id}/review', { params: { path: { id } }, body: { version: current.version, scores: scores as never } }); // `scores` is an open object in the OpenAPI document
    if (error) return error as ApiError;
    queries.setQueryData(['reviews', id, 'review'], { ...current, version: data.version, scores: data.scores });
    if (current.version === 0) void queries.invalidateQueries({ queryKey: myAssignmentsQuery.queryKey }); // now "im Entwurf"
    return undefined;
  };
  const submit = async (scores: Record<string, { score: number; comment?: string } | null>) => {
    const failed = await save(scores);
    if (failed) return failed;
    const { error } = await api.POST('/api/v1/reviews/assignments/{id}/review/submit', { params: { path: { id } } });
    if (error) return error as ApiError;
    await Promise.all([queries.invalidateQueries({ queryKey: ['reviews', id] }), queries.invalidateQueries({ queryKey: myAssignmentsQuery.queryKey })]);
    return undefined;
  };

  return (
    <>
      <Concept assignmentId={id} concept={concept.data} call={call} />
      <section className="fw-stack" aria-labelledby="bewertung">
        <h2 className="kern-heading-medium" id="bewertung">
          Ihre Bewertung
        </h2>
        {review.data.status === 'submitted' ? (
          <SealedScores caseId={assignment.caseId} jury={jury} submittedAt={review.data.submittedAt} />
        ) : (
          <ScoringForm jury={jury} scores={review.data.scores as ApiScores} onSave={save} onSubmit={submit} />
        )}
      </section>
    </>
  );
}

function Concept({ assignmentId, concept, call }: { assignmentId: string; concept: Schemas['ConceptForReviewDto']; call: Call }) {
  const [failed, setFailed] = useState(false);
  const variant = call.variants.find((v) => v.code === concept.variant)?.label ?? concept.variant;
  const category = (code: unknown) => call.costCategories.find((c) => c.code === code)?.label ?? String(code);
  return (
    <section className="fw-stack" aria-labelledby="skizze">
      <h2 className="kern-heading-medium" id="skizze">
        Projektskizze
      </h2>
      <dl className="kern-description-list">
        {variant && <Item term="Art des Vorhabens">{variant}</Item>}
        {call.conceptForm.fields
          .filter((f) => concept.fields[f.key] !== undefined && concept.fields[f.key] !== null && concept.fields[f.key] !== '')
          .map((f) => (
            <Item key={f.key} term={f.label}>
              <span className="fw-prewrap">{fieldValue(f, concept.fields[f.key])}</span>
            </Item>
          ))}
      </dl>
      <h3 className="kern-heading-small">Ausgaben und Finanzierung</h3>
      <div className="kern-table-responsive">
        <table className="kern-table">
          <caption className="kern-title kern-sr-only">Ausgaben der Projektskizze</caption>
          <thead>
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Ausgabenart
              </th>
              <th scope="col" className="kern-table__header">
                Beschreibung
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Betrag
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {concept.costs.map((c, i) => (
              <tr key={i} className="kern-table__row">
                <td className="kern-table__cell">{category(c.category)}</td>
                <td className="kern-table__cell">{typeof c.description === 'string' ? c.description : ''}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatCents(Number(c.amountCents ?? 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="kern-description-list">
        <Item term="Eigenanteil">{formatCents(concept.ownContributionCents)}</Item>
        {concept.grantCents !== null && <Item term="Beantragte Zuwendung">{formatCents(concept.grantCents)}</Item>}
      </dl>
      <h3 className="kern-heading-small">Unterlagen</h3>
      {failed && <Alert kind="danger" title="Die Datei konnte nicht heruntergeladen werden. Bitte versuchen Sie es erneut." />}
      {concept.attachments.length ? (
        <ul className="kern-list">
          {concept.attachments.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="kern-btn kern-btn--tertiary"
                onClick={() => download(`/api/v1/reviews/assignments/${assignmentId}/attachments/${a.id}/content`, a.filename).catch(() => setFailed(true))}
              >
                <span className="kern-icon kern-icon--download" aria-hidden="true" />
                <span className="kern-label">
                  {call.attachmentTypes.find((t) => t.code === a.type)?.label ?? a.type}: {a.filename} herunterladen
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="kern-body">Zur Projektskizze gibt es keine Unterlagen.</p>
      )}
    </section>
  );
}

function fieldValue(field: Schemas['FormFieldViewDto'], value: unknown): string {
  if (field.type === 'boolean') return value ? 'Ja' : 'Nein';
  if (field.type === 'date' && typeof value === 'string') return formatDay(value);
  if ((field.type === 'number' || field.type === 'integer') && typeof value === 'number') return value.toLocaleString('de-DE');
  return String(value);
}

const reviewerName = (r: string) => (r === 'you' ? 'Ihre Bewertung' : r.replace(/^reviewer (\d+)$/, 'Gutachten $1'));

/** The submitted reviews of the concept: the own and, unsealed now, the others' (without names, as the API answers). */
function SealedScores({ caseId, jury, submittedAt }: { caseId: string; jury: Jury; submittedAt: string | null }) {
  const reviews = useQuery({ queryKey: ['cases', caseId, 'reviews'], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/reviews', { params: { path: { id: caseId } } })) });
  if (reviews.isPending) return <Loading />;
  if (reviews.isError) return <Alert kind="danger" title="Die Bewertungen konnten nicht geladen werden." />;
  const all = [...reviews.data].sort((a, b) => (a.reviewer === 'you' ? -1 : b.reviewer === 'you' ? 1 : 0));
  const others = all.length - 1;
  return (
    <>
      <Alert kind="success" title={`Sie haben Ihre Bewertung${submittedAt ? ` am ${formatDateTime(submittedAt)}` : ''} abgeschickt.`}>
        <p className="kern-body">
          {others > 0
            ? `Die Bewertungen der anderen Gutachterinnen und Gutachter sind jetzt für Sie entsiegelt (${others}).`
            : 'Die anderen Gutachterinnen und Gutachter haben noch nicht abgeschickt; ihre Bewertungen erscheinen hier, sobald sie es tun.'}
        </p>
      </Alert>
      <div className="kern-table-responsive">
        <table className="kern-table">
          <caption className="kern-title">Abgeschickte Bewertungen</caption>
          <thead>
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Kriterium
              </th>
              {all.map((r) => (
                <th key={r.reviewer} scope="col" className="kern-table__header">
                  {reviewerName(r.reviewer)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {jury.criteria.map((c) => (
              <tr key={c.code} className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {c.label}
                </th>
                {all.map((r) => {
                  const s = (r.scores as ApiScores)[c.code];
                  return (
                    <td key={r.reviewer} className="kern-table__cell">
                      {s ? `${formatScore(s.score)} von ${formatScore(jury.scale.max)}` : '–'}
                      {s?.comment && <span className="fw-score-comment">{s.comment}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
