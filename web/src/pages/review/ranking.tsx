import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, download, Schemas } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, germanMessage, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents } from '../../format';
import { formatScore } from './scoring-form';
import { Badge, fileNumberOf } from './shared';

type Entry = Schemas['RankingEntryDto'];

// The ranking's states in the caseworker's words (the guideline's labels are not part of the ranking's answer).
const STATE: Record<string, string> = {
  concept_in_review: 'In Jurybewertung',
  concept_ranked: 'Bewertet',
  invited: 'Zur Antragstellung aufgefordert',
  concept_rejected: 'Nicht ausgewählt',
};
const OPEN_STATES = ['concept_in_review', 'concept_ranked'];

/** German for the checks that block a jury outcome (422 CHECKS_FAILED names them). */
const CHECKS: Record<string, string> = {
  call_deadline_passed: 'Die Einreichungsfrist des Aufrufs ist noch nicht abgelaufen.',
  reviews_complete: 'Es fehlen noch Bewertungen.',
  no_unresolved_disagreement: 'Die Gutachten weichen stark voneinander ab; die Abweichung ist noch nicht geklärt.',
  minimum_score_reached: 'Die Mindestpunktzahl ist nicht erreicht.',
  no_knock_out: 'Ein Ausschlusskriterium ist nicht erfüllt.',
  ranked_within_budget: 'Die Projektskizze liegt unter der Förderlinie.',
};

function outcomeError(error: ApiError): string {
  const failed = error.details?.problems?.map((p) => CHECKS[(p as { check?: string }).check ?? p.code] ?? germanMessage(p)) ?? [];
  if (error.code === 'CHECKS_FAILED' && failed.length) return `Die Entscheidung ist noch nicht möglich: ${[...new Set(failed)].join(' ')}`;
  if (error.code === 'CHECKS_FAILED') return 'Die Entscheidung ist noch nicht möglich: Nicht alle Voraussetzungen sind erfüllt.';
  return germanMessage(error);
}

/** The call's ranking with the funding line at the budget, the CSV export, and the jury's outcome as the API records it. */
export function RankingPage() {
  const { code = '', call = '' } = useParams();
  const key = ['jury', code, call, 'ranking'];
  const ranking = useQuery({
    queryKey: key,
    queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls/{call}/ranking', { params: { path: { code, call } } })),
    retry: false,
  });
  const results = useQuery({
    queryKey: ['jury', code, call, 'results'],
    queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls/{call}/review-results', { params: { path: { code, call } } })),
    retry: false,
  });
  const [csvFailed, setCsvFailed] = useState(false);
  // other agency roles may look; only caseworkers record (the API says so too)
  const caseworker = useSession().user?.roles.includes('caseworker') ?? false;
  if (ranking.isPending) return <Loading />;
  if (ranking.isError) return isNotFound(ranking.error) ? <NotFound /> : <Alert kind="danger" title="Die Rangliste konnte nicht geladen werden." />;
  const { entries, budgetCents } = ranking.data;
  const lineAfter = entries.reduce((last, e, i) => (e.aboveFundingLine ? i : last), -1);
  const open = (results.data?.concepts ?? []).filter((c) => c.disagreement && !c.disagreementResolved);
  return (
    <Page title={`Rangliste: Aufruf ${call}`}>
      <p className="kern-body">
        <Link className="kern-link" to="/jury">
          Zurück zur Jury-Übersicht
        </Link>
        {' · '}
        <Link className="kern-link" to={`/jury/${code}/${call}/zuweisung`}>
          Gutachten zuweisen
        </Link>
      </p>
      <p className="kern-body">
        Budget des Aufrufs: <strong>{formatCents(budgetCents)}</strong>. Die Förderlinie liegt dort, wo die beantragten Zuwendungen der Rangfolge nach das Budget ausschöpfen. Projektskizzen ohne
        vollständige Bewertung stehen ohne Rang darunter.
      </p>
      {csvFailed && <Alert kind="danger" title="Die Rangliste konnte nicht heruntergeladen werden. Bitte versuchen Sie es erneut." />}
      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => download(`/api/v1/guidelines/${code}/calls/${call}/ranking.csv`, `rangliste-${call}.csv`).catch(() => setCsvFailed(true))}>
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">Rangliste als CSV herunterladen</span>
      </button>
      {entries.length === 0 ? (
        <p className="kern-body">In diesem Aufruf ist keine Projektskizze bei der Jury.</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table fw-ranking">
            <caption className="kern-title">Rangliste mit Förderlinie</caption>
            <thead>
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Rang
                </th>
                <th scope="col" className="kern-table__header">
                  Projektskizze
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Punkte
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Beantragte Zuwendung
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Summe bis hier
                </th>
                <th scope="col" className="kern-table__header">
                  Stand
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {entries.map((e, i) => (
                <Fragment key={e.caseId}>
                  <tr className={`kern-table__row${e.aboveFundingLine ? ' fw-ranking__funded' : ''}`}>
                    <td className="kern-table__cell kern-table__cell--numeric">{e.rank ?? '–'}</td>
                    <td className="kern-table__cell">
                      {fileNumberOf(e.fileNumber)}: {e.title}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">{e.score === null ? 'noch offen' : formatScore(e.score)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatCents(e.requestedGrantCents)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{e.cumulativeGrantCents === null ? '–' : formatCents(e.cumulativeGrantCents)}</td>
                    <td className="kern-table__cell">
                      <Notes entry={e} disagreement={open.some((c) => c.caseId === e.caseId)} />
                    </td>
                  </tr>
                  {i === lineAfter && (
                    <tr className="kern-table__row fw-ranking__line">
                      <td className="kern-table__cell" colSpan={6}>
                        Förderlinie: Budget {formatCents(budgetCents)} – darüber förderfähig, darunter nicht
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {lineAfter === -1 && entries.length > 0 && <p className="kern-body">Noch keine Projektskizze liegt über der Förderlinie.</p>}
      {caseworker && open.length > 0 && <Disagreements concepts={open} onDone={() => Promise.all([results.refetch(), ranking.refetch()])} />}
      {caseworker && <Outcome code={code} call={call} entries={entries.filter((e) => OPEN_STATES.includes(e.state))} onDone={() => ranking.refetch()} />}
    </Page>
  );
}

function Notes({ entry: e, disagreement }: { entry: Entry; disagreement: boolean }) {
  return (
    <span className="fw-badges">
      <Badge kind={e.state === 'invited' ? 'success' : 'info'}>{STATE[e.state] ?? e.state}</Badge>
      {e.aboveFundingLine && <Badge kind="success">über der Förderlinie</Badge>}
      {e.knockedOut && <Badge kind="danger">Ausschlusskriterium nicht erfüllt</Badge>}
      {e.belowMinimum && <Badge kind="warning">unter der Mindestpunktzahl</Badge>}
      {e.tie && <Badge kind="info">Punktgleichheit, nach Regel entschieden</Badge>}
      {disagreement && <Badge kind="warning">Gutachten weichen stark ab</Badge>}
    </span>
  );
}

/**
 * Reviews far apart block the ranking step (no_unresolved_disagreement) until the caseworker records how the jury
 * looked at them (POST /cases/:id/review-resolution).
 */
function Disagreements({ concepts, onDone }: { concepts: Schemas['ConceptResultDto'][]; onDone: () => Promise<unknown> }) {
  return (
    <section className="fw-stack" aria-labelledby="abweichungen">
      <h2 className="kern-heading-medium" id="abweichungen">
        Abweichende Gutachten klären
      </h2>
      <p className="kern-body">Liegen die Gutachten einer Projektskizze weit auseinander, halten Sie fest, wie die Jury die Abweichung geklärt hat. Erst dann kann sie entscheiden.</p>
      {concepts.map((c) => (
        <Resolution key={c.caseId} concept={c} onDone={onDone} />
      ))}
    </section>
  );
}

function Resolution({ concept: c, onDone }: { concept: Schemas['ConceptResultDto']; onDone: () => Promise<unknown> }) {
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const id = `klaerung-${c.caseId}`;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (note.trim().length < 5) return setProblems([{ field: id, message: `Bitte beschreiben Sie die Klärung zu ${fileNumberOf(c.fileNumber)} (mindestens 5 Zeichen).` }]);
    const { error } = await api.POST('/api/v1/cases/{id}/review-resolution', { params: { path: { id: c.caseId } }, body: { note: note.trim() } });
    if (error) return setProblems([{ field: id, message: germanMessage(error as ApiError) }]);
    setProblems([]);
    await onDone();
  };
  const error = problems[0] ? { type: 'client', message: problems[0].message } : undefined;
  return (
    <form className="fw-form fw-form--wide" noValidate onSubmit={submit}>
      <ErrorSummary items={problems} />
      <h3 className="kern-heading-small">
        {fileNumberOf(c.fileNumber)}: {c.title}
      </h3>
      <p className="kern-body">
        Gesamtpunkte der Gutachten: {c.reviews.map((r) => formatScore(r.total)).join(' und ')} (Abstand {formatScore(c.spread)})
      </p>
      <TextField id={id} label="Ergebnis der Klärung" error={error}>
        <textarea {...fieldProps(id, error)} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--secondary">
        <span className="kern-label">Klärung festhalten</span>
      </button>
    </form>
  );
}

interface Choice {
  outcome: '' | 'invite' | 'reject';
  reason: string;
}

/** The jury's decision: concept by concept (invite or reject with a reason), or the whole ranking at once. */
function Outcome({ code, call, entries, onDone }: { code: string; call: string; entries: Entry[]; onDone: () => void }) {
  const queries = useQueryClient();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [allReason, setAllReason] = useState('');
  const [busy, setBusy] = useState(false);
  // the last open concept decided: the confirmation stays, above the note that nothing is left
  if (!entries.length)
    return (
      <>
        {recorded && <Alert kind="success" title={recorded} />}
        <p className="kern-body">Für keine Projektskizze steht die Entscheidung der Jury noch aus.</p>
      </>
    );
  const choice = (id: string): Choice => choices[id] ?? { outcome: '', reason: '' };
  const set = (id: string, change: Partial<Choice>) => setChoices((c) => ({ ...c, [id]: { ...choice(id), ...change } }));

  const send = async (body: Schemas['JuryOutcomeDto'], field?: string) => {
    setBusy(true);
    setRecorded(null);
    const { data, error } = await api.POST('/api/v1/guidelines/{code}/calls/{call}/jury-outcome', { params: { path: { code, call } }, body }).finally(() => setBusy(false));
    if (error || !data) {
      const err = error as ApiError;
      const caseId = (err.details as unknown as { caseId?: string } | undefined)?.caseId;
      setProblems([{ field: caseId ? `entscheidung-${caseId}` : field, message: outcomeError(err) }]);
      return;
    }
    setProblems([]);
    setChoices({});
    setAllReason('');
    const invited = data.results.filter((r) => r.outcome === 'invite').length;
    setRecorded(`Die Entscheidung der Jury ist erfasst: ${invited} zur Antragstellung aufgefordert, ${data.results.length - invited} abgelehnt. Die Kommunen werden per E-Mail benachrichtigt.`);
    await queries.invalidateQueries({ queryKey: ['jury', code, call] });
    onDone();
  };

  const byOne = (e: React.FormEvent) => {
    e.preventDefault();
    const chosen = entries.filter((x) => choice(x.caseId).outcome);
    const missing: SummaryItem[] = chosen
      .filter((x) => choice(x.caseId).outcome === 'reject' && choice(x.caseId).reason.trim().length < 5)
      .map((x) => ({ field: `grund-${x.caseId}`, message: `Bitte begründen Sie die Ablehnung von ${fileNumberOf(x.fileNumber)} (mindestens 5 Zeichen).` }));
    if (!chosen.length) missing.unshift({ field: `entscheidung-${entries[0].caseId}`, message: 'Bitte wählen Sie mindestens für eine Projektskizze eine Entscheidung.' });
    if (missing.length) return setProblems(missing);
    void send({ decisions: chosen.map((x) => ({ caseId: x.caseId, outcome: choice(x.caseId).outcome as 'invite' | 'reject', reason: choice(x.caseId).reason.trim() || undefined })) });
  };
  const whole = (e: React.FormEvent) => {
    e.preventDefault();
    if (allReason.trim().length < 5) return setProblems([{ field: 'grund-alle', message: 'Bitte geben Sie die Begründung für die Ablehnungen an (mindestens 5 Zeichen).' }]);
    void send({ rejectAllOthersWithReason: allReason.trim() }, 'grund-alle');
  };
  const errorOf = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? { type: 'client', message: p.message } : undefined;
  };

  return (
    <section className="fw-stack" aria-labelledby="jury-entscheidung">
      <h2 className="kern-heading-medium" id="jury-entscheidung">
        Entscheidung der Jury erfassen
      </h2>
      <ErrorSummary items={problems} />
      {recorded && <Alert kind="success" title={recorded} />}
      <form className="fw-form fw-form--wide" noValidate onSubmit={byOne}>
        <h3 className="kern-heading-small">Einzeln entscheiden</h3>
        {entries.map((x) => {
          const c = choice(x.caseId);
          const error = errorOf(`entscheidung-${x.caseId}`);
          return (
            <fieldset key={x.caseId} className={`kern-fieldset fw-fieldset${error ? ' kern-fieldset--error' : ''}`} id={`entscheidung-${x.caseId}`} tabIndex={-1}>
              <legend className="kern-label">
                {fileNumberOf(x.fileNumber)}: {x.title}
              </legend>
              {error && (
                <p className="kern-error">
                  <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                  <span>{error.message}</span>
                </p>
              )}
              <div className="kern-fieldset__body kern-fieldset__body--horizontal">
                {(
                  [
                    ['', 'Noch offen'],
                    ['invite', 'Zur Antragstellung auffordern'],
                    ['reject', 'Ablehnen'],
                  ] as const
                ).map(([value, label]) => (
                  <div className="kern-form-check" key={value || 'offen'}>
                    <input
                      className="kern-form-check__radio"
                      type="radio"
                      id={`entscheidung-${x.caseId}-${value || 'offen'}`}
                      name={`entscheidung-${x.caseId}`}
                      checked={c.outcome === value}
                      onChange={() => set(x.caseId, { outcome: value })}
                    />
                    <label className="kern-label" htmlFor={`entscheidung-${x.caseId}-${value || 'offen'}`}>
                      {label}
                    </label>
                  </div>
                ))}
              </div>
              {c.outcome === 'reject' && (
                <TextField id={`grund-${x.caseId}`} label="Begründung der Ablehnung" error={errorOf(`grund-${x.caseId}`)}>
                  <textarea {...fieldProps(`grund-${x.caseId}`, errorOf(`grund-${x.caseId}`))} rows={2} maxLength={4000} value={c.reason} onChange={(e) => set(x.caseId, { reason: e.target.value })} />
                </TextField>
              )}
            </fieldset>
          );
        })}
        <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
          <span className="kern-label">Entscheidungen erfassen</span>
        </button>
      </form>
      <form className="fw-form fw-form--wide" noValidate onSubmit={whole}>
        <h3 className="kern-heading-small">Gesamte Rangliste übernehmen</h3>
        <p className="kern-body">Alle Projektskizzen über der Förderlinie werden zur Antragstellung aufgefordert, alle anderen mit der folgenden Begründung abgelehnt.</p>
        <TextField id="grund-alle" label="Begründung für die Ablehnungen" error={errorOf('grund-alle')}>
          <textarea {...fieldProps('grund-alle', errorOf('grund-alle'))} rows={2} maxLength={4000} value={allReason} onChange={(e) => setAllReason(e.target.value)} />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
          <span className="kern-label">Rangliste übernehmen</span>
        </button>
      </form>
    </section>
  );
}
