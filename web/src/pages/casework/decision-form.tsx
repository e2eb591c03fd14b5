import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, Schemas } from '../../api/client';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { formatCents } from '../../format';
import { categoryLabel, parseEuro, problemsToFields, sumByCategory } from './common';

type Values = Record<string, string>;

/**
 * Prepares a decision for the approver (POST /cases/:id/decisions): approval in full, in part with reduced eligible
 * costs per cost category (each with a reason), or rejection with reasons. The grant is computed by the API.
 */
export function DecisionForm({
  caseId,
  application,
  call,
  allowApproval,
  allowRejection,
  onDone,
}: {
  caseId: string;
  application: Schemas['ProposalViewDto'];
  call: Schemas['CallDetailDto'] | undefined;
  allowApproval: boolean;
  allowRejection: boolean;
  onDone: (m: string) => void;
}) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const requested = [...sumByCategory(application.costs)];
  const { register, handleSubmit, setError, watch, formState } = useForm<Values>({ defaultValues: { kind: '', rejReasons: '' } });
  const kind = watch('kind');
  const errors = formState.errors;
  const fieldOrder = ['kind', ...requested.flatMap(([c]) => [`amount_${c}`, `reason_${c}`]), 'rejReasons'];

  const submit = handleSubmit(
    async (v) => {
      setSummary([]);
      const reductions = requested
        .filter(([c]) => (v[`amount_${c}`] ?? '').trim())
        .map(([category]) => ({ category, eligibleCents: parseEuro(v[`amount_${category}`])!, reason: v[`reason_${category}`].trim() }));
      if (v.kind === 'partial' && !reductions.length) {
        const first = `amount_${requested[0]?.[0]}`;
        setError(first, { type: 'required', message: 'Bitte kürzen Sie mindestens eine Ausgabenkategorie.' });
        setSummary([{ field: first, message: 'Bitte kürzen Sie mindestens eine Ausgabenkategorie.' }]);
        return;
      }
      const reasons = v.rejReasons
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean);
      const body = v.kind === 'rejection' ? { kind: 'rejection' as const, reasons } : v.kind === 'partial' ? { kind: 'partial' as const, reductions } : { kind: 'approval' as const };
      const { data, error } = await api.POST('/api/v1/cases/{id}/decisions', { params: { path: { id: caseId } }, body });
      if (error) {
        // the API names reductions by their index in what was sent; the form names them by category
        const fields: Record<string, string> = { kind: 'kind', reasons: 'rejReasons', reductions: `amount_${requested[0]?.[0]}` };
        reductions.forEach((r, i) => {
          fields[`reductions.${i}.eligibleCents`] = `amount_${r.category}`;
          fields[`reductions.${i}.category`] = `amount_${r.category}`;
          fields[`reductions.${i}.reason`] = `reason_${r.category}`;
        });
        reasons.forEach((_, i) => (fields[`reasons.${i}`] = 'rejReasons'));
        setSummary(problemsToFields(error, fields, (f, message) => setError(f, { type: 'server', message })));
      } else
        onDone(
          data.kind === 'rejection'
            ? 'Die Ablehnung ist vorbereitet und wartet auf die Schlusszeichnung.'
            : `Die Bewilligung über ${formatCents(data.grantCents)} ist vorbereitet und wartet auf die Schlusszeichnung.`,
        );
    },
    (invalid) => setSummary(summaryOf(invalid, fieldOrder)),
  );

  const options = [
    ...(allowApproval
      ? [
          { value: 'approval', label: 'Bewilligung in voller Höhe' },
          { value: 'partial', label: 'Teilbewilligung mit Kürzungen' },
        ]
      : []),
    ...(allowRejection ? [{ value: 'rejection', label: 'Ablehnung' }] : []),
  ];

  return (
    <form onSubmit={submit} noValidate className="fw-form fw-form--wide" aria-labelledby="entscheidung-vorbereiten">
      <h3 id="entscheidung-vorbereiten" className="kern-heading-small">
        Entscheidung vorbereiten
      </h3>
      <p className="kern-body">Die vorbereitete Entscheidung zeichnet eine andere Person schluss (Vier-Augen-Prinzip).</p>
      <ErrorSummary items={summary} />
      <fieldset className={`kern-fieldset${errors.kind ? ' kern-fieldset--error' : ''}`} aria-describedby={errors.kind ? 'kind-fehler' : undefined}>
        <legend className="kern-label">Art der Entscheidung</legend>
        <div className="kern-fieldset__body">
          {options.map((o, i) => (
            <div key={o.value} className="kern-form-check">
              <input id={i === 0 ? 'kind' : `kind-${o.value}`} type="radio" value={o.value} className="kern-form-check__radio" {...register('kind', { required: 'Bitte wählen Sie die Art der Entscheidung.' })} />
              <label className="kern-label" htmlFor={i === 0 ? 'kind' : `kind-${o.value}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
        {errors.kind?.message && (
          <p className="kern-error" id="kind-fehler">
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span>{String(errors.kind.message)}</span>
          </p>
        )}
      </fieldset>

      {kind === 'partial' && (
        <fieldset className="kern-fieldset">
          <legend className="kern-label">Kürzungen je Ausgabenkategorie</legend>
          <p className="kern-hint">Tragen Sie nur bei gekürzten Kategorien die anerkannten Ausgaben und den Grund ein.</p>
          {requested.map(([category, cents]) => {
            const amount = `amount_${category}`;
            const reason = `reason_${category}`;
            const label = categoryLabel(call, category);
            return (
              <div key={category} className="fw-reduction">
                <TextField id={amount} label={`${label}: anerkannte Ausgaben in Euro`} hint={`Beantragt: ${formatCents(cents)}`} error={errors[amount]}>
                  <input
                    inputMode="decimal"
                    {...fieldProps(amount, errors[amount], true)}
                    {...register(amount, {
                      validate: (v) => {
                        if (!v.trim()) return true;
                        const c = parseEuro(v);
                        if (c === undefined) return `${label}: Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 40.000,00.`;
                        return c < cents || `${label}: Die anerkannten Ausgaben müssen unter den beantragten ${formatCents(cents)} liegen.`;
                      },
                    })}
                  />
                </TextField>
                <TextField id={reason} label={`${label}: Grund der Kürzung`} error={errors[reason]}>
                  <textarea
                    rows={2}
                    {...fieldProps(reason, errors[reason])}
                    {...register(reason, {
                      validate: (v, all) => !all[amount]?.trim() || v.trim().length >= 5 || `${label}: Bitte begründen Sie die Kürzung (mindestens 5 Zeichen).`,
                    })}
                  />
                </TextField>
              </div>
            );
          })}
        </fieldset>
      )}

      {kind === 'rejection' && (
        <TextField id="rejReasons" label="Gründe der Ablehnung" hint="Ein Grund je Zeile; sie stehen im Ablehnungsbescheid." error={errors.rejReasons}>
          <textarea
            rows={4}
            {...fieldProps('rejReasons', errors.rejReasons, true)}
            {...register('rejReasons', {
              validate: (v) => {
                const lines = v.split('\n').map((l) => l.trim()).filter(Boolean);
                if (!lines.length) return 'Bitte nennen Sie mindestens einen Grund.';
                return lines.every((l) => l.length >= 5) || 'Jeder Grund braucht mindestens 5 Zeichen.';
              },
            })}
          />
        </TextField>
      )}

      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Zur Schlusszeichnung vorlegen</span>
      </button>
    </form>
  );
}
