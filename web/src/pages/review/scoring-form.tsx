import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ApiError, Schemas } from '../../api/client';
import { ErrorSummary, fieldProps, SummaryItem, TextField } from '../../components/forms';

export type Jury = Pick<Schemas['JuryViewDto'], 'scale' | 'commentRequiredAtOrBelow' | 'criteria'>;
/** A review's scores as the API keeps them: per criterion code. */
export type ApiScores = Record<string, { score: number; comment?: string }>;
/** What the form holds: per criterion the chosen step ('' = none yet) and the comment. */
export interface ScoreValues {
  scores: Record<string, { score: string; comment: string }>;
}

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
export const formatScore = (n: number) => number.format(n);
/** "bei 1 Punkt", "bei 2,5 Punkten" (dative, after bei/unter). */
const points = (n: number) => `${formatScore(n)} ${n === 1 ? 'Punkt' : 'Punkten'}`;

/** The guideline's scale in the half steps the API accepts (0, 0.5, … max). */
export function scaleSteps(scale: Jury['scale']): number[] {
  const steps: number[] = [];
  for (let s = scale.min; s <= scale.max; s += 0.5) steps.push(s);
  return steps;
}

export function commentRequired(jury: Jury, score: string): boolean {
  return score !== '' && Number(score) <= jury.commentRequiredAtOrBelow;
}

export function toFormValues(jury: Jury, scores: ApiScores): ScoreValues {
  return {
    scores: Object.fromEntries(jury.criteria.map((c) => [c.code, { score: scores[c.code] ? String(scores[c.code].score) : '', comment: scores[c.code]?.comment ?? '' }])),
  };
}

/**
 * The API's shape of a save: every criterion sent, so the saved draft is exactly the form (a criterion without a
 * score is sent as null, which removes it); empty comments are left out.
 */
export function toApiScores(jury: Jury, values: ScoreValues): Record<string, { score: number; comment?: string } | null> {
  return Object.fromEntries(
    jury.criteria.map((c) => {
      const v = values.scores[c.code] ?? { score: '', comment: '' };
      if (v.score === '') return [c.code, null];
      const comment = v.comment.trim();
      return [c.code, comment ? { score: Number(v.score), comment } : { score: Number(v.score) }];
    }),
  );
}

/** The problems submitting would have, worded for the reviewer, at the fields they concern (the API checks the same). */
export function submitProblems(jury: Jury, values: ScoreValues): { field: string; message: string }[] {
  return jury.criteria.flatMap((c) => {
    const v = values.scores[c.code] ?? { score: '', comment: '' };
    if (v.score === '') return [{ field: `scores.${c.code}.score`, message: `Bitte bewerten Sie „${c.label}“.` }];
    if (commentRequired(jury, v.score) && !v.comment.trim()) {
      return [{ field: `scores.${c.code}.comment`, message: `Bitte begründen Sie die Bewertung von „${c.label}“ (Pflicht bei ${points(jury.commentRequiredAtOrBelow)} oder weniger).` }];
    }
    return [];
  });
}

/** German wording of the API's score problems (their field names the criterion: scores.<code> or scores.<code>.comment). */
function problemMessage(jury: Jury, p: { code: string; field?: string }): SummaryItem {
  const code = p.field?.split('.')[1];
  const label = jury.criteria.find((c) => c.code === code)?.label;
  if (!label) return { message: `Das hat nicht geklappt. Bitte versuchen Sie es erneut (Fehlercode ${p.code}).` };
  if (p.code === 'COMMENT_REQUIRED') return { field: `scores.${code}.comment`, message: `Bitte begründen Sie die Bewertung von „${label}“.` };
  if (p.code === 'SCORE_REQUIRED') return { field: `scores.${code}.score`, message: `Bitte bewerten Sie „${label}“.` };
  return { field: `scores.${code}.score`, message: `Die Bewertung von „${label}“ liegt nicht auf der Skala.` };
}

interface Props {
  jury: Jury;
  scores: ApiScores;
  /** Saves the draft; answers the API's error, if any. */
  onSave: (scores: ReturnType<typeof toApiScores>) => Promise<ApiError | undefined>;
  /** Saves, then submits; answers the API's error, if any. */
  onSubmit: (scores: ReturnType<typeof toApiScores>) => Promise<ApiError | undefined>;
}

/** One score per criterion on the guideline's scale, with its weight beside it and a comment where the rule asks for one. */
export function ScoringForm({ jury, scores, onSave, onSubmit }: Props) {
  const { register, handleSubmit, watch, setError, clearErrors, formState } = useForm<ScoreValues>({ defaultValues: toFormValues(jury, scores) });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const values = watch();
  const steps = scaleSteps(jury.scale);
  useEffect(() => setSaved(false), [JSON.stringify(values)]); // eslint-disable-line react-hooks/exhaustive-deps

  const showProblems = (items: SummaryItem[]) => {
    for (const item of items) if (item.field) setError(item.field as `scores.${string}.score`, { type: 'server', message: item.message });
    setSummary(items);
  };
  const apiProblems = (error: ApiError) => {
    const problems = error.details?.problems ?? [];
    if (error.code === 'STALE_VERSION') return [{ message: 'Die Bewertung wurde inzwischen an anderer Stelle geändert. Bitte laden Sie die Seite neu.' }];
    if (error.code === 'REVIEW_SUBMITTED') return [{ message: 'Die Bewertung ist bereits abgeschickt.' }];
    return problems.length ? problems.map((p) => problemMessage(jury, p)) : [{ message: `Das hat nicht geklappt. Bitte versuchen Sie es erneut (Fehlercode ${error.code}).` }];
  };
  const run = (submit: boolean) =>
    handleSubmit(async (v) => {
      clearErrors();
      setSummary([]);
      setSaved(false);
      if (submit) {
        const problems = submitProblems(jury, v);
        if (problems.length) return showProblems(problems);
      }
      setBusy(true);
      const error = await (submit ? onSubmit : onSave)(toApiScores(jury, v)).finally(() => setBusy(false));
      if (error) return showProblems(apiProblems(error));
      if (!submit) setSaved(true);
    });

  return (
    <form className="fw-scoring" noValidate onSubmit={run(true)}>
      <ErrorSummary items={summary} />
      <p className="kern-body">
        Bewerten Sie jedes Kriterium auf der Skala von {formatScore(jury.scale.min)} bis {formatScore(jury.scale.max)} Punkten in halben Schritten. Bei{' '}
        {points(jury.commentRequiredAtOrBelow)} oder weniger ist eine Begründung Pflicht.
      </p>
      {jury.criteria.map((c) => {
        const scoreId = `scores.${c.code}.score`;
        const commentId = `scores.${c.code}.comment`;
        const errors = formState.errors.scores?.[c.code];
        const required = commentRequired(jury, values.scores?.[c.code]?.score ?? '');
        return (
          <fieldset key={c.code} className="kern-fieldset fw-criterion">
            <legend className="kern-label kern-title">{c.label}</legend>
            {c.description && (
              <p className="kern-body fw-criterion__description" id={`${c.code}-beschreibung`}>
                {c.description}
              </p>
            )}
            <p className="kern-body kern-body--small fw-criterion__rule" id={`${c.code}-regel`}>
              Gewichtung {formatScore(c.weight)} %
              {c.knockOutBelow !== undefined && `; Ausschlusskriterium: unter ${points(c.knockOutBelow)} ist die Projektskizze nicht förderfähig`}
            </p>
            <div className="fw-criterion__fields">
              <TextField id={scoreId} label={`Punkte für „${c.label}“`} error={errors?.score}>
                <div className="kern-form-input__select-wrapper">
                  <select
                    {...fieldProps(scoreId, errors?.score)}
                    // the criterion's description and rule are read with its score
                    aria-describedby={[c.description ? `${c.code}-beschreibung` : '', `${c.code}-regel`, errors?.score ? `${scoreId}-fehler` : ''].filter(Boolean).join(' ')}
                    className={`kern-form-input__select${errors?.score ? ' kern-form-input__select--error' : ''}`} {...register(`scores.${c.code}.score`)}>
                    <option value="">Bitte wählen</option>
                    {steps.map((s) => (
                      <option key={s} value={String(s)}>
                        {formatScore(s)} {s === 1 ? 'Punkt' : 'Punkte'}
                      </option>
                    ))}
                  </select>
                </div>
              </TextField>
              <TextField id={commentId} label={required ? `Begründung zu „${c.label}“ (Pflicht)` : `Begründung zu „${c.label}“ (freiwillig)`} error={errors?.comment}>
                <textarea {...fieldProps(commentId, errors?.comment)} className={`kern-form-input__input${errors?.comment ? ' kern-form-input__input--error' : ''}`} rows={3} maxLength={4000} {...register(`scores.${c.code}.comment`)} />
              </TextField>
            </div>
          </fieldset>
        );
      })}
      {saved && (
        <p className="kern-body" role="status">
          Entwurf gespeichert.
        </p>
      )}
      <div className="fw-actions">
        <button type="button" className="kern-btn kern-btn--secondary" disabled={busy} onClick={run(false)}>
          <span className="kern-label">Entwurf speichern</span>
        </button>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
          <span className="kern-label">Bewertung abschicken</span>
        </button>
      </div>
    </form>
  );
}
