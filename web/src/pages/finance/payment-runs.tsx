import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDay } from '../../format';
import { newKey, RUN_STATUS, runMessage, spacedIban } from './payment-runs-common';

type RunPayment = Schemas['RunPaymentDto'];

/** Finance: the payment runs (Zahlungsläufe) and the form that builds a new one from ordered payments. */
export function PaymentRunsPage() {
  const { user } = useSession();
  if (!user?.roles.some((r) => r === 'finance' || r === 'auditor')) return <NotFound />;
  const finance = user.roles.includes('finance');
  return (
    <Page title="Zahlungsläufe">
      {finance && <BuildRun />}
      <RunList />
    </Page>
  );
}

function RunList() {
  const runs = useQuery({ queryKey: ['payment-runs'], queryFn: () => dataOf(api.GET('/api/v1/payment-runs')) });
  return (
    <section aria-labelledby="laeufe-titel" className="fw-stack">
      <h2 id="laeufe-titel" className="kern-heading-medium">
        Bisherige Zahlungsläufe
      </h2>
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <Alert kind="danger" title="Die Zahlungsläufe konnten nicht geladen werden." />
      ) : runs.data.length === 0 ? (
        <p className="kern-body">Es gibt noch keinen Zahlungslauf.</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small">
            <caption className="fw-visually-hidden">Zahlungsläufe, der neueste zuerst</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Nummer</th>
                <th scope="col" className="kern-table__header">Förderrichtlinie</th>
                <th scope="col" className="kern-table__header">Ausführungstag</th>
                <th scope="col" className="kern-table__header">Stand</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Zahlungen</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Summe</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {runs.data.map((r) => (
                <tr key={r.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/zahlungslaeufe/${r.id}`}>
                      {r.number}
                    </Link>
                  </th>
                  <td className="kern-table__cell">{r.guidelineCode}</td>
                  <td className="kern-table__cell">{formatDay(r.executionDate)}</td>
                  <td className="kern-table__cell">{RUN_STATUS[r.status] ?? r.status}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{r.transactionCount}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.controlSumCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const FIELDS = ['richtlinie', 'ausfuehrungstag', 'angeordnet-bis'] as const;
type Form = { richtlinie: string; ausfuehrungstag: string; 'angeordnet-bis': string };
const API_FIELDS: Record<string, (typeof FIELDS)[number]> = { guidelineCode: 'richtlinie', executionDate: 'ausfuehrungstag', orderedBefore: 'angeordnet-bis' };

function BuildRun() {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [key, setKey] = useState(newKey);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const guidelines = useQuery({ queryKey: ['guidelines'], queryFn: () => dataOf(api.GET('/api/v1/guidelines')) });
  const { register, handleSubmit, setError, watch, setValue, formState } = useForm<Form>({ defaultValues: { richtlinie: '', ausfuehrungstag: '', 'angeordnet-bis': '' } });
  const guideline = watch('richtlinie');
  const orderedBefore = watch('angeordnet-bis');
  useEffect(() => {
    if (!guideline && guidelines.data?.length) setValue('richtlinie', guidelines.data[0].code);
  }, [guideline, guidelines.data, setValue]);
  const candidates = useQuery({
    queryKey: ['payment-runs', 'candidates', guideline, orderedBefore],
    enabled: !!guideline,
    queryFn: () => dataOf(api.GET('/api/v1/payment-runs/candidates', { params: { query: { guidelineCode: guideline, ...(orderedBefore ? { orderedBefore } : {}) } } })),
  });
  const payments = candidates.data?.payments ?? [];
  const chosen = useMemo(() => payments.filter((p) => p.problems.length === 0 && !excluded.has(p.id)), [payments, excluded]);
  const sum = chosen.reduce((s, p) => s + p.amountCents, 0);

  const onSubmit = handleSubmit(
    async (v) => {
      setSummary([]);
      if (chosen.length === 0) {
        setSummary([{ message: 'Bitte wählen Sie mindestens eine Zahlung aus.' }]);
        return;
      }
      const { data, error } = await api.POST('/api/v1/payment-runs', {
        params: { header: { 'Idempotency-Key': key } },
        body: { guidelineCode: v.richtlinie, executionDate: v.ausfuehrungstag, ...(v['angeordnet-bis'] ? { orderedBefore: v['angeordnet-bis'] } : {}), paymentIds: chosen.map((p) => p.id) },
      });
      if (error || !data) {
        const problems = error?.details?.problems ?? [];
        const items = (problems.length ? problems : [error ?? { code: 'UNKNOWN' }]).map((p) => {
          const field = 'field' in p && typeof p.field === 'string' ? API_FIELDS[p.field] : undefined;
          const message = runMessage(p as { code: string; field?: string });
          if (field) setError(field, { type: 'server', message });
          return { field, message };
        });
        setSummary(items);
        setKey(newKey()); // a corrected form is a new action
        return;
      }
      setKey(newKey());
      await queries.invalidateQueries({ queryKey: ['payment-runs'] });
      navigate(`/zahlungslaeufe/${data.id}`);
    },
    (invalid) => setSummary(summaryOf(invalid, FIELDS)),
  );

  return (
    <section aria-labelledby="neu-titel" className="fw-stack">
      <h2 id="neu-titel" className="kern-heading-medium">
        Neuen Zahlungslauf zusammenstellen
      </h2>
      <form onSubmit={onSubmit} noValidate className="fw-form fw-form--wide" aria-labelledby="neu-titel">
        <ErrorSummary items={summary} />
        <TextField id="richtlinie" label="Förderrichtlinie" hint="Ein Zahlungslauf zahlt von einem Konto: dem der Förderrichtlinie." error={formState.errors.richtlinie}>
          <div className="kern-form-input__select-wrapper">
          <select {...fieldProps('richtlinie', formState.errors.richtlinie, true)} className="kern-form-input__select" {...register('richtlinie', { required: 'Bitte wählen Sie eine Förderrichtlinie.' })}>
            {(guidelines.data ?? []).map((g) => (
              <option key={g.code} value={g.code}>
                {g.title}
              </option>
            ))}
          </select>
          </div>
        </TextField>
        <TextField id="ausfuehrungstag" label="Gewünschter Ausführungstag" hint="Ein TARGET2-Geschäftstag, nicht in der Vergangenheit." error={formState.errors.ausfuehrungstag}>
          <input type="date" {...fieldProps('ausfuehrungstag', formState.errors.ausfuehrungstag, true)} {...register('ausfuehrungstag', { required: 'Bitte geben Sie den Ausführungstag an.' })} />
        </TextField>
        <TextField id="angeordnet-bis" label="Nur Zahlungen, angeordnet bis einschließlich (optional)" error={formState.errors['angeordnet-bis']}>
          <input type="date" {...fieldProps('angeordnet-bis', formState.errors['angeordnet-bis'])} {...register('angeordnet-bis')} />
        </TextField>
        <Candidates payments={payments} loading={candidates.isPending && !!guideline} excluded={excluded} setExcluded={setExcluded} />
        {payments.length > 0 && (
          <>
            <p className="kern-body kern-body--bold" aria-live="polite" id="auswahl-summe">
              {chosen.length === 1 ? '1 Zahlung' : `${chosen.length} Zahlungen`} ausgewählt, Summe {formatCents(sum)}
            </p>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
              <span className="kern-label">Zahlungslauf bilden</span>
            </button>
          </>
        )}
      </form>
    </section>
  );
}

function Candidates({ payments, loading, excluded, setExcluded }: { payments: RunPayment[]; loading: boolean; excluded: Set<string>; setExcluded: (s: Set<string>) => void }) {
  if (loading) return <Loading />;
  if (payments.length === 0) return <p className="kern-body">Zurzeit wartet keine angeordnete Zahlung dieser Förderrichtlinie auf einen Zahlungslauf.</p>;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(excluded);
    if (on) next.delete(id);
    else next.add(id);
    setExcluded(next);
  };
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-body kern-body--bold fw-caption">Angeordnete Zahlungen</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Aufnehmen</th>
            <th scope="col" className="kern-table__header">Aktenzeichen / Nr.</th>
            <th scope="col" className="kern-table__header">Empfänger und Konto</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Betrag</th>
            <th scope="col" className="kern-table__header">Hinweis</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {payments.map((p) => {
            const id = `zahlung-${p.id}`;
            const blocked = p.problems.length > 0;
            return (
              <tr key={p.id} className="kern-table__row">
                <td className="kern-table__cell">
                  <div className="kern-form-check">
                    <input
                      id={id}
                      type="checkbox"
                      className="kern-form-check__checkbox"
                      disabled={blocked}
                      checked={!blocked && !excluded.has(p.id)}
                      onChange={(e) => toggle(p.id, e.target.checked)}
                    />
                    <label className="kern-label" htmlFor={id}>
                      <span className="fw-visually-hidden">
                        {p.fileNumber}, Mittelabruf {p.number}
                      </span>
                    </label>
                  </div>
                </td>
                <td className="kern-table__cell">
                  {p.fileNumber} / {p.number}
                </td>
                <td className="kern-table__cell">
                  {p.payee?.holder ?? p.organisation}
                  <br />
                  {p.payee ? spacedIban(p.payee.iban) : 'keine bestätigte Bankverbindung'}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatCents(p.amountCents)}</td>
                <td className="kern-table__cell">{blocked ? p.problems.map((x) => runMessage(x)).join(' ') : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
