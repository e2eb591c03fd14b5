import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { ApiFailure, dataOf, isNotFound } from '../../api/query';
import { useSession } from '../../auth/session';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { formatDateTime, formatDay } from '../../format';
import { categoryLabel, CostLine, decisionKind, DECISION_STATUS, isAgency, PlanComparison, problemsToFields, stateLabel, useCall, Done } from './common';
import { DecisionForm } from './decision-form';
import { ProofOfUseLink } from '../applicant/proof-of-use';
import { ReportingDutiesSection } from '../reporting-duties';

// Steps with a route of their own get their own form below; the rest are taken with POST /cases/:id/transitions.
const OWN_ROUTE = new Set([
  'request_information',
  'answer_information_request',
  'prepare_decision',
  'prepare_rejection',
  'approve_decision',
  'approve_rejection',
  'return_decision',
  'return_rejection',
  'waive_objection',
  'lodge_objection',
  'lodge_rejection_objection',
  'dismiss_objection',
  'dismiss_rejection_objection',
  'remedy_objection',
  'remedy_rejection_objection',
  'withdraw_objection',
  'withdraw_rejection_objection',
  'invite_to_application',
]);

const STEP_LABELS: Record<string, string> = {
  return_concept: 'Projektskizze zur Überarbeitung zurückgeben',
  reject_concept_formally: 'Projektskizze aus formalen Gründen ablehnen',
  accept_concept: 'Projektskizze formal annehmen (zur Jurybewertung)',
  rank_concept: 'Bewertung abschließen',
  reopen_review: 'Bewertung wieder öffnen',
  reject_concept: 'Projektskizze nicht auswählen',
  confirm_completeness: 'Vollständigkeit des Antrags bestätigen',
  withdraw: 'Rücknahme des Antrags erfassen',
  mark_notice_final: 'Bestandskraft des Bescheids feststellen',
  close_rejected: 'Abgelehnten Vorgang abschließen',
  start_project: 'Beginn des Vorhabens erfassen',
  close_case: 'Vorgang abschließen',
  return_proof_of_use: 'Verwendungsnachweis zur Nachbesserung zurückgeben',
};
// every withdrawal step, whatever the state it starts from, is the applicant's withdrawal recorded by the agency
const stepLabel = (name: string) => STEP_LABELS[name] ?? (name.startsWith('withdraw') ? STEP_LABELS.withdraw : name);

/** The caseworker's view of one case: formal check and completeness, information requests, decisions, objections, amendments. */
export function CaseWorkPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const [done, setDone] = useState<string | null>(null);
  const queries = useQueryClient();
  const valid = /^[0-9a-f-]{36}$/i.test(id) && isAgency(user);
  const found = useQuery({ queryKey: ['cases', id], enabled: valid, retry: false, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })) });
  const application = useQuery({
    queryKey: ['cases', id, 'application'],
    enabled: found.isSuccess,
    retry: false,
    // no formal application yet (concept stage): 404, shown as "no plan yet"
    queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/application', { params: { path: { id } } })).catch((e) => (e instanceof ApiFailure && e.status === 404 ? null : Promise.reject(e))),
  });
  const decisions = useQuery({ queryKey: ['cases', id, 'decisions'], enabled: found.isSuccess, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/decisions', { params: { path: { id } } })) });
  const requests = useQuery({ queryKey: ['cases', id, 'information-requests'], enabled: found.isSuccess, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/information-requests', { params: { path: { id } } })) });
  const history = useQuery({ queryKey: ['cases', id, 'transitions'], enabled: found.isSuccess, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/transitions', { params: { path: { id } } })) });
  const call = useCall(found.data?.guidelineCode, found.data?.callCode);

  if (!valid) return <NotFound />;
  if (found.isPending) return <Loading />;
  if (found.isError) return isNotFound(found.error) ? <NotFound /> : <Alert kind="danger" title="Der Vorgang konnte nicht geladen werden." />;
  const c = found.data;
  const steps = c.availableTransitions.map((t) => t.name);
  const after = async (message: string) => {
    setDone(message);
    await queries.invalidateQueries({ queryKey: ['cases'] });
  };
  const latest = decisions.data?.at(-1);
  const isCaseworker = !!user?.roles.includes('caseworker');
  const app = application.data;
  const notes = (history.data ?? []).filter((h) => h.internalNote);

  return (
    <Page title={`Vorgang ${c.fileNumber ?? '(Entwurf)'} bearbeiten`}>
      <Done message={done} />
      <dl className="kern-description-list">
        <Item label="Vorhaben">{c.title}</Item>
        <Item label="Stand">{stateLabel(c.state)}</Item>
        <Item label="Förderaufruf">{call.data ? `${call.data.title} (${c.callCode})` : c.callCode}</Item>
        {c.applicationDueOn && <Item label="Antrag einzureichen bis">{formatDay(c.applicationDueOn)}</Item>}
      </dl>
      <p className="kern-body">
        <Link className="kern-link" to={`/faelle/${c.id}`}>
          Verlauf und Bescheide des Vorgangs
        </Link>
      </p>
      <ProofOfUseLink caseId={c.id} agency />
      <ReportingDutiesSection caseId={c.id} canExtend={isCaseworker} />

      <StepsForm key={`steps-${c.version}`} caseDto={c} steps={c.availableTransitions.filter((t) => !OWN_ROUTE.has(t.name))} onDone={after} />

      <section aria-labelledby="nachforderungen" className="fw-casework-section">
        <h2 id="nachforderungen" className="kern-heading-medium">
          Nachforderungen
        </h2>
        <RequestList requests={requests.data} />
        {steps.includes('request_information') && <InformationRequestForm key={`ir-${c.version}`} caseId={c.id} onDone={after} />}
      </section>

      <section aria-labelledby="finanzierungsplan" className="fw-casework-section">
        <h2 id="finanzierungsplan" className="kern-heading-medium">
          Finanzierungsplan
        </h2>
        {app ? (
          <PlanComparison
            caption={latest ? `Antrag und ${decisionKind(latest)} (${DECISION_STATUS[latest.status] ?? latest.status}) nebeneinander` : 'Beantragter Finanzierungsplan'}
            requested={{ costs: app.costs, grantCents: app.grantCents, ownContributionCents: app.ownContributionCents }}
            decided={latest ? { ...latest, costs: latest.costs as CostLine[] | null } : undefined}
            call={call.data}
          />
        ) : (
          <p className="kern-body">{application.isPending ? 'Wird geladen …' : 'Zu diesem Vorgang liegt noch kein förmlicher Antrag vor.'}</p>
        )}
      </section>

      <section aria-labelledby="entscheidungen" className="fw-casework-section">
        <h2 id="entscheidungen" className="kern-heading-medium">
          Entscheidungen
        </h2>
        <DecisionList decisions={decisions.data} call={call.data} />
        {app && (steps.includes('prepare_decision') || steps.includes('prepare_rejection')) && (
          <DecisionForm key={`decision-${c.version}`} caseId={c.id} application={app} call={call.data} allowApproval={steps.includes('prepare_decision')} allowRejection={steps.includes('prepare_rejection')} onDone={after} />
        )}
        {isCaseworker && (c.state === 'notice_final' || c.state === 'in_payment') && latest?.status !== 'prepared' && <AmendmentForm key={`amendment-${c.version}`} caseId={c.id} onDone={after} />}
      </section>

      {(steps.some((s) => s.startsWith('lodge_')) || steps.some((s) => /^(dismiss|remedy|withdraw)_(rejection_)?objection$/.test(s))) && (
        <section aria-labelledby="widerspruch" className="fw-casework-section">
          <h2 id="widerspruch" className="kern-heading-medium">
            Widerspruch
          </h2>
          {steps.some((s) => s.startsWith('lodge_')) && <ObjectionForm key={`objection-${c.version}`} caseId={c.id} onDone={after} />}
          {steps.some((s) => /^(dismiss|remedy|withdraw)_(rejection_)?objection$/.test(s)) && <ObjectionOutcomeForm key={`outcome-${c.version}`} caseId={c.id} steps={steps} onDone={after} />}
        </section>
      )}

      <section aria-labelledby="vermerke" className="fw-casework-section">
        <h2 id="vermerke" className="kern-heading-medium">
          Interne Vermerke
        </h2>
        <p className="kern-body kern-body--small">Nur für die Bewilligungsstelle sichtbar; Antragstellende sehen sie nie.</p>
        {notes.length === 0 ? (
          <p className="kern-body">Noch keine internen Vermerke.</p>
        ) : (
          <ul className="fw-timeline">
            {notes.map((n, i) => (
              <li key={i}>
                <time dateTime={String(n.occurredAt)} className="kern-body--small">
                  {formatDateTime(String(n.occurredAt))} · {stateLabel(n.toState)}
                </time>
                <p className="kern-body">{n.internalNote}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

/** The workflow steps the API offers this user now (formal check, completeness …), with reason and internal note. */
function StepsForm({ caseDto, steps, onDone }: { caseDto: Schemas['CaseDto']; steps: Schemas['AvailableTransitionDto'][]; onDone: (m: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, watch, formState } = useForm<{ step: string; stepReason: string; stepNote: string }>({ defaultValues: { step: '', stepReason: '', stepNote: '' } });
  const chosen = steps.find((s) => s.name === watch('step'));
  if (!steps.length) return null;
  const submit = handleSubmit(
    async ({ step, stepReason, stepNote }) => {
      setSummary([]);
      const { error } = await api.POST('/api/v1/cases/{id}/transitions', {
        params: { path: { id: caseDto.id } },
        body: { transition: step, expectedVersion: caseDto.version, ...(stepReason.trim() ? { reason: stepReason.trim() } : {}), ...(stepNote.trim() ? { internalNote: stepNote.trim() } : {}) },
      });
      if (error) setSummary(problemsToFields(error, { transition: 'step', reason: 'stepReason', internalNote: 'stepNote' }, (f, message) => setError(f as 'step', { type: 'server', message })));
      else onDone(`Erledigt: ${stepLabel(step)}.`);
    },
    (invalid) => setSummary(summaryOf(invalid, ['step', 'stepReason', 'stepNote'])),
  );
  return (
    <section aria-labelledby="schritte" className="fw-casework-section">
      <h2 id="schritte" className="kern-heading-medium">
        Prüfung und nächste Schritte
      </h2>
      <form onSubmit={submit} noValidate className="fw-form">
        <ErrorSummary items={summary} />
        <fieldset className={`kern-fieldset${formState.errors.step ? ' kern-fieldset--error' : ''}`} aria-describedby={formState.errors.step ? 'step-fehler' : undefined}>
          <legend className="kern-label">Schritt</legend>
          <div className="kern-fieldset__body">
            {steps.map((s, i) => (
              <div key={s.name} className="kern-form-check">
                <input
                  id={i === 0 ? 'step' : `step-${s.name}`}
                  type="radio"
                  value={s.name}
                  className="kern-form-check__radio"
                  {...register('step', { required: 'Bitte wählen Sie einen Schritt.' })}
                />
                <label className="kern-label" htmlFor={i === 0 ? 'step' : `step-${s.name}`}>
                  {stepLabel(s.name)}
                  {s.reasonRequired ? ' (mit Begründung)' : ''}
                </label>
              </div>
            ))}
          </div>
          {formState.errors.step?.message && (
            <p className="kern-error" id="step-fehler">
              <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
              <span>{formState.errors.step.message}</span>
            </p>
          )}
        </fieldset>
        <TextField id="stepReason" label={`Begründung für die Antragstellenden${chosen?.reasonRequired ? '' : ' (optional)'}`} hint="Wird den Antragstellenden mitgeteilt." error={formState.errors.stepReason}>
          <textarea
            rows={3}
            {...fieldProps('stepReason', formState.errors.stepReason, true)}
            {...register('stepReason', { validate: (v) => !chosen?.reasonRequired || v.trim().length >= 5 || 'Bitte begründen Sie diesen Schritt (mindestens 5 Zeichen).' })}
          />
        </TextField>
        <TextField id="stepNote" label="Interner Vermerk (optional)" hint="Nur für die Bewilligungsstelle sichtbar." error={formState.errors.stepNote}>
          <textarea rows={3} {...fieldProps('stepNote', formState.errors.stepNote, true)} {...register('stepNote', { maxLength: { value: 4000, message: 'Der Vermerk darf höchstens 4.000 Zeichen lang sein.' } })} />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
          <span className="kern-label">Schritt ausführen</span>
        </button>
      </form>
    </section>
  );
}

function RequestList({ requests }: { requests: Schemas['InformationRequestViewDto'][] | undefined }) {
  if (!requests) return <Loading />;
  if (!requests.length) return <p className="kern-body">Bisher wurde nichts nachgefordert.</p>;
  return (
    <ul className="fw-timeline">
      {requests.map((r) => (
        <li key={r.id}>
          <p className="kern-body--small">
            Nachgefordert am {formatDateTime(String(r.requestedAt))}, Frist {formatDay(r.dueOn)}
            {r.answeredAt ? `, beantwortet am ${formatDateTime(String(r.answeredAt))}` : r.overdue ? ', Frist überschritten' : ', offen'}
          </p>
          <p className="kern-body">{r.message}</p>
          {r.answer && <p className="kern-body">Antwort: {r.answer}</p>}
        </li>
      ))}
    </ul>
  );
}

/** Nachforderung: what is missing, and the deadline in working days of the authority's calendar (empty: the guideline's default). */
function InformationRequestForm({ caseId, onDone }: { caseId: string; onDone: (m: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ irMessage: string; irDays: string }>({ defaultValues: { irMessage: '', irDays: '' } });
  const submit = handleSubmit(
    async ({ irMessage, irDays }) => {
      setSummary([]);
      const { data, error } = await api.POST('/api/v1/cases/{id}/information-requests', {
        params: { path: { id: caseId } },
        body: { message: irMessage.trim(), ...(irDays.trim() ? { workingDays: Number(irDays) } : {}) },
      });
      if (error) setSummary(problemsToFields(error, { message: 'irMessage', workingDays: 'irDays' }, (f, message) => setError(f as 'irMessage', { type: 'server', message })));
      else onDone(`Die Nachforderung ist versandt. Frist: ${formatDay(data.dueOn)}.`);
    },
    (invalid) => setSummary(summaryOf(invalid, ['irMessage', 'irDays'])),
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-labelledby="nachfordern">
      <h3 id="nachfordern" className="kern-heading-small">
        Unterlagen nachfordern
      </h3>
      <ErrorSummary items={summary} />
      <TextField id="irMessage" label="Was fehlt?" hint="Diese Nachricht erhalten die Antragstellenden per E-Mail." error={formState.errors.irMessage}>
        <textarea
          rows={4}
          {...fieldProps('irMessage', formState.errors.irMessage, true)}
          {...register('irMessage', {
            validate: (v) => v.trim().length >= 10 || 'Bitte beschreiben Sie, was fehlt (mindestens 10 Zeichen).',
            maxLength: { value: 10000, message: 'Die Nachricht darf höchstens 10.000 Zeichen lang sein.' },
          })}
        />
      </TextField>
      <TextField id="irDays" label="Frist in Arbeitstagen (optional)" hint="1 bis 120 Arbeitstage; ohne Angabe gilt die Frist der Förderrichtlinie." error={formState.errors.irDays}>
        <input
          inputMode="numeric"
          {...fieldProps('irDays', formState.errors.irDays, true)}
          {...register('irDays', { validate: (v) => !v.trim() || (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 120) || 'Bitte geben Sie eine ganze Zahl von 1 bis 120 ein.' })}
        />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Nachforderung senden</span>
      </button>
    </form>
  );
}

function DecisionList({ decisions, call }: { decisions: Schemas['DecisionViewDto'][] | undefined; call: Schemas['CallDetailDto'] | undefined }) {
  if (!decisions) return <Loading />;
  if (!decisions.length) return <p className="kern-body">Noch keine Entscheidung vorbereitet.</p>;
  return (
    <ul className="fw-timeline">
      {decisions.map((d) => (
        <li key={d.id}>
          <p className="kern-body kern-body--bold">
            {decisionKind(d)}, {DECISION_STATUS[d.status] ?? d.status}
          </p>
          {d.preparedByName && <p className="kern-body--small">Vorbereitet von {d.preparedByName}</p>}
          {d.returnComment && <p className="kern-body">Anmerkung der Schlusszeichnung: {d.returnComment}</p>}
          {d.reasons?.length ? <p className="kern-body">Gründe: {d.reasons.join(' ')}</p> : null}
          {(d.reductions as { category: string; reason: string }[] | null)?.map((r) => (
            <p key={r.category} className="kern-body--small">
              Kürzung bei {categoryLabel(call, r.category)}: {r.reason}
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}

function ObjectionForm({ caseId, onDone }: { caseId: string; onDone: (m: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ objReason: string }>({ defaultValues: { objReason: '' } });
  const submit = handleSubmit(
    async ({ objReason }) => {
      setSummary([]);
      const { error } = await api.POST('/api/v1/cases/{id}/objections', { params: { path: { id: caseId } }, body: { reason: objReason.trim() } });
      if (error) setSummary(problemsToFields(error, { reason: 'objReason' }, (f, message) => setError(f as 'objReason', { type: 'server', message })));
      else onDone('Der Widerspruch ist erfasst. Der Vorgang ruht bis zur Entscheidung über den Widerspruch.');
    },
    (invalid) => setSummary(summaryOf(invalid, ['objReason'])),
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-labelledby="widerspruch-erfassen">
      <h3 id="widerspruch-erfassen" className="kern-heading-small">
        Widerspruch erfassen
      </h3>
      <ErrorSummary items={summary} />
      <TextField id="objReason" label="Eingang und Inhalt des Widerspruchs" hint="Zum Beispiel: Widerspruch vom 30.11.2026 gegen die Kürzung der Personalausgaben." error={formState.errors.objReason}>
        <textarea rows={3} {...fieldProps('objReason', formState.errors.objReason, true)} {...register('objReason', { validate: (v) => v.trim().length >= 5 || 'Bitte beschreiben Sie den Widerspruch (mindestens 5 Zeichen).' })} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Widerspruch erfassen</span>
      </button>
    </form>
  );
}

const OUTCOMES = [
  { value: 'upheld', verb: 'remedy', label: 'Abhilfe: neu entscheiden' },
  { value: 'dismissed', verb: 'dismiss', label: 'Widerspruch zurückweisen' },
  { value: 'withdrawn', verb: 'withdraw', label: 'Widerspruch wurde zurückgenommen' },
] as const;

function ObjectionOutcomeForm({ caseId, steps, onDone }: { caseId: string; steps: string[]; onDone: (m: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const offered = OUTCOMES.filter((o) => steps.some((s) => s.startsWith(`${o.verb}_`)));
  const { register, handleSubmit, setError, formState } = useForm<{ outcome: string; outReason: string }>({ defaultValues: { outcome: '', outReason: '' } });
  const submit = handleSubmit(
    async ({ outcome, outReason }) => {
      setSummary([]);
      const { error } = await api.POST('/api/v1/cases/{id}/objections/resolve', {
        params: { path: { id: caseId } },
        body: { outcome: outcome as 'upheld', ...(outReason.trim() ? { reason: outReason.trim() } : {}) },
      });
      if (error) setSummary(problemsToFields(error, { outcome: 'outcome', reason: 'outReason' }, (f, message) => setError(f as 'outcome', { type: 'server', message })));
      else onDone('Über den Widerspruch ist entschieden.');
    },
    (invalid) => setSummary(summaryOf(invalid, ['outcome', 'outReason'])),
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-labelledby="widerspruch-entscheiden">
      <h3 id="widerspruch-entscheiden" className="kern-heading-small">
        Über den Widerspruch entscheiden
      </h3>
      <ErrorSummary items={summary} />
      <fieldset className="kern-fieldset" aria-describedby={formState.errors.outcome ? 'outcome-fehler' : undefined}>
        <legend className="kern-label">Ergebnis</legend>
        <div className="kern-fieldset__body">
          {offered.map((o, i) => (
            <div key={o.value} className="kern-form-check">
              <input id={i === 0 ? 'outcome' : `outcome-${o.value}`} type="radio" value={o.value} className="kern-form-check__radio" {...register('outcome', { required: 'Bitte wählen Sie ein Ergebnis.' })} />
              <label className="kern-label" htmlFor={i === 0 ? 'outcome' : `outcome-${o.value}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
        {formState.errors.outcome?.message && (
          <p className="kern-error" id="outcome-fehler">
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span>{formState.errors.outcome.message}</span>
          </p>
        )}
      </fieldset>
      <TextField id="outReason" label="Begründung" error={formState.errors.outReason}>
        <textarea rows={3} {...fieldProps('outReason', formState.errors.outReason)} {...register('outReason', { validate: (v) => !v.trim() || v.trim().length >= 5 || 'Die Begründung braucht mindestens 5 Zeichen.' })} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Entscheidung erfassen</span>
      </button>
    </form>
  );
}

// dates are typed as people write them (TT.MM.JJJJ) and sent as the API takes them (YYYY-MM-DD)
const DAY = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const isoDay = (text: string) => text.trim().replace(DAY, '$3-$2-$1');
const dayOrEmpty = (text: string) => {
  if (!text.trim()) return true;
  const m = DAY.exec(text.trim());
  const day = m && new Date(`${m[3]}-${m[2]}-${m[1]}T12:00:00Z`);
  return (!!day && !isNaN(day.getTime()) && day.getUTCDate() === Number(m![1])) || 'Bitte geben Sie ein Datum in der Form TT.MM.JJJJ ein, zum Beispiel 31.12.2028.';
};

/** Änderungsbescheid: a new funding period with its reason (the plan stays as approved; changing cost lines is done through the API). */
function AmendmentForm({ caseId, onDone }: { caseId: string; onDone: (m: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ amReason: string; amStart: string; amEnd: string }>({ defaultValues: { amReason: '', amStart: '', amEnd: '' } });
  const submit = handleSubmit(
    async ({ amReason, amStart, amEnd }) => {
      setSummary([]);
      const { error } = await api.POST('/api/v1/cases/{id}/amendments', {
        params: { path: { id: caseId } },
        body: { reason: amReason.trim(), ...(amStart.trim() ? { fundingStart: isoDay(amStart) } : {}), ...(amEnd.trim() ? { fundingEnd: isoDay(amEnd) } : {}) },
      });
      if (error) setSummary(problemsToFields(error, { reason: 'amReason', fundingStart: 'amStart', fundingEnd: 'amEnd' }, (f, message) => setError(f as 'amReason', { type: 'server', message })));
      else onDone('Der Änderungsbescheid ist vorbereitet und wartet auf die Schlusszeichnung.');
    },
    (invalid) => setSummary(summaryOf(invalid, ['amReason', 'amStart', 'amEnd'])),
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-labelledby="aenderung">
      <h3 id="aenderung" className="kern-heading-small">
        Änderungsbescheid vorbereiten
      </h3>
      <ErrorSummary items={summary} />
      <TextField id="amReason" label="Grund der Änderung" hint="Zum Beispiel: Verlängerung wegen Lieferverzug des Fahrzeugs." error={formState.errors.amReason}>
        <textarea rows={3} {...fieldProps('amReason', formState.errors.amReason, true)} {...register('amReason', { validate: (v) => v.trim().length >= 5 || 'Bitte nennen Sie den Grund (mindestens 5 Zeichen).' })} />
      </TextField>
      <TextField id="amStart" label="Neuer Beginn des Bewilligungszeitraums (optional)" hint="TT.MM.JJJJ, zum Beispiel 01.04.2027" error={formState.errors.amStart}>
        <input inputMode="numeric" {...fieldProps('amStart', formState.errors.amStart, true)} {...register('amStart', { validate: dayOrEmpty })} />
      </TextField>
      <TextField id="amEnd" label="Neues Ende des Bewilligungszeitraums (optional)" hint="TT.MM.JJJJ, zum Beispiel 31.12.2028" error={formState.errors.amEnd}>
        <input inputMode="numeric" {...fieldProps('amEnd', formState.errors.amEnd, true)} {...register('amEnd', { validate: dayOrEmpty })} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Änderung vorbereiten</span>
      </button>
    </form>
  );
}
