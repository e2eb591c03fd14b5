import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { dataOf } from '../../api/query';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, Page } from '../../components/layout';
import { formatDateTime, formatDay } from '../../format';
import { applyAdminError } from './common';

/** 127 → "1,27 %"; −88 → "−0,88 %". */
const percent = (bp: number) => `${(bp / 100).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;

/** "1,27" or "-0,88" (percent as people type it) as basis points; NaN when it is not a rate with at most two decimals. */
export function parsePercent(text: string): number {
  const clean = text.replace(/\s|%/g, '').replace('−', '-').replace(',', '.');
  if (!/^-?\d{1,2}(\.\d{1,2})?$/.test(clean)) return NaN;
  return Math.round(Number(clean) * 100);
}

interface Form {
  rate: string;
  source: string;
}
const FIELDS = ['rate', 'source'] as const;

/** The base rates (Basiszinssatz, § 247 BGB) recovery interest is counted from, and the form for the next half-year. */
export function BaseRatesPage() {
  const queries = useQueryClient();
  const rates = useQuery({ queryKey: ['base-rates'], queryFn: () => dataOf(api.GET('/api/v1/base-rates')) });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [saved, setSaved] = useState<string>();
  const { register, handleSubmit, setError, reset, formState } = useForm<Form>({ defaultValues: { rate: '', source: '' } });
  const { errors, isSubmitting } = formState;
  const enter = useMutation({
    mutationFn: (body: { validFrom: string; rateBp: number; source: string }) => api.POST('/api/v1/base-rates', { body }),
  });

  if (rates.isPending) return <Loading />;
  if (rates.isError) return <Alert kind="danger" title="Die Basiszinssätze konnten nicht geladen werden." />;
  const next = rates.data.knownUntil;

  const submit = handleSubmit(
    async (form) => {
      setSaved(undefined);
      const rateBp = parsePercent(form.rate);
      if (Number.isNaN(rateBp)) {
        const message = 'Bitte geben Sie den Satz in Prozent mit höchstens zwei Nachkommastellen an, z. B. 1,27.';
        setError('rate', { type: 'format', message });
        return setSummary([{ field: 'rate', message }]);
      }
      const { error } = await enter.mutateAsync({ validFrom: next, rateBp, source: form.source.trim() });
      if (error) return setSummary(applyAdminError(error, FIELDS, setError, { rateBp: 'rate' }));
      setSummary([]);
      reset({ rate: '', source: '' });
      setSaved(`Der Basiszinssatz ab ${formatDay(next)} ist erfasst: ${percent(rateBp)}.`);
      await queries.invalidateQueries({ queryKey: ['base-rates'] });
    },
    (invalid) => setSummary(summaryOf(invalid, FIELDS)),
  );

  return (
    <Page title="Basiszinssatz">
      <p className="kern-body">
        Zinsen auf Rückforderungen (§ 49a Abs. 3 VwVfG) werden aus dem Basiszinssatz nach § 247 BGB berechnet. Er ändert sich zum 1. Januar und 1. Juli und
        wird von der Deutschen Bundesbank bekanntgegeben. Zinsen werden bis einschließlich {formatDay(previousDay(next))} berechnet; für spätere Tage muss zuerst
        der Satz ab {formatDay(next)} erfasst werden. Erfasste Sätze werden nicht geändert.
      </p>
      {saved && <Alert kind="success" title={saved} />}
      <div className="kern-table-responsive">
        <table className="kern-table">
          <caption className="kern-title kern-title--small">Bekannte Basiszinssätze</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Gültig ab</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Satz</th>
              <th scope="col" className="kern-table__header">Quelle</th>
              <th scope="col" className="kern-table__header">Erfasst</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {[...rates.data.rates].reverse().map((r) => (
              <tr key={r.validFrom} className="kern-table__row">
                <td className="kern-table__cell">{formatDay(r.validFrom)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{percent(r.rateBp)}</td>
                <td className="kern-table__cell">{r.source}</td>
                <td className="kern-table__cell">{r.enteredBy ? `von Hand am ${formatDateTime(r.enteredAt)}` : 'aus der Konfiguration'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="kern-title kern-title--medium">Satz ab {formatDay(next)} erfassen</h2>
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <TextField id="rate" label={`Basiszinssatz ab ${formatDay(next)} in Prozent`} error={errors.rate} hint="Wie bekanntgegeben, z. B. 1,27 oder -0,88.">
          <input {...fieldProps('rate', errors.rate, true)} type="text" inputMode="decimal" autoComplete="off" {...register('rate', { required: 'Bitte geben Sie den Basiszinssatz an.' })} />
        </TextField>
        <TextField id="source" label="Quelle" error={errors.source} hint="Die Bekanntgabe der Bundesbank, z. B. mit Datum der Pressenotiz.">
          <input
            {...fieldProps('source', errors.source, true)}
            type="text"
            autoComplete="off"
            {...register('source', { required: 'Bitte geben Sie die Quelle an.', minLength: { value: 10, message: 'Bitte geben Sie die Quelle genauer an (mindestens 10 Zeichen).' } })}
          />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">Basiszinssatz erfassen</span>
        </button>
      </form>
      <p className="kern-body">
        <Link className="kern-link" to="/verwaltung">
          Zurück zur Verwaltung
        </Link>
      </p>
    </Page>
  );
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
