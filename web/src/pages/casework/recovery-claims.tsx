import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, Page } from '../../components/layout';
import { formatCents, formatDay } from '../../format';
import { parseEuro } from '../admin/common';
import { Done, messagesOf } from './common';

type Claim = Schemas['OpenRecoveryClaimDto'];

const GROUNDS: Record<string, string> = { settlement: 'Schlussabrechnung', revocation: 'Widerruf' };

const REFUSALS_DE: Record<string, string> = {
  REPAYMENT_OUT_OF_ORDER: 'Zahlungseingänge werden in der Reihenfolge ihrer Wertstellung gebucht; dieser liegt vor dem zuletzt gebuchten.',
  DATE_IN_FUTURE: 'Ein Zahlungseingang kann erst gebucht werden, wenn er eingegangen ist.',
  DATE_INVALID: 'Dieses Datum gibt es nicht.',
  BASE_RATE_MISSING: 'Für die Zinsen bis zu diesem Tag fehlt ein Basiszinssatz. Er muss zuerst in der Verwaltung erfasst werden.',
  RECOVERY_CLAIM_SETTLED: 'Diese Forderung ist schon vollständig beglichen.',
};

/**
 * "Rückforderungen": every open recovery claim with interest to today, the oldest due first. Finance books incoming
 * repayments; each is set against costs, then interest, then principal (§ 367 BGB). The other agency roles read.
 */
export function RecoveryClaimsPage() {
  const { user } = useSession();
  const [done, setDone] = useState<string | null>(null);
  const queries = useQueryClient();
  const claims = useQuery({ queryKey: ['recovery-claims'], queryFn: () => dataOf(api.GET('/api/v1/recovery-claims')) });
  const books = !!user?.roles.includes('finance');
  const after = async (message: string) => {
    setDone(message);
    await queries.invalidateQueries({ queryKey: ['recovery-claims'] });
  };
  return (
    <Page title="Rückforderungen">
      <Done message={done} />
      <p className="kern-body">
        Offene Erstattungsforderungen mit Zinsen nach § 49a Abs. 3 VwVfG bis heute. Ein Zahlungseingang wird zuerst auf die Kosten, dann auf die Zinsen und
        zuletzt auf die Hauptforderung angerechnet (§ 367 BGB); der zurückgezahlte Betrag fließt in das Budget des Förderaufrufs zurück.
      </p>
      {claims.isPending ? (
        <Loading />
      ) : claims.isError ? (
        <Alert kind="danger" title="Die Rückforderungen konnten nicht geladen werden." />
      ) : claims.data.length === 0 ? (
        <p className="kern-body">Zurzeit ist keine Rückforderung offen.</p>
      ) : (
        claims.data.map((c) => <ClaimCard key={c.id} claim={c} books={books} onDone={after} />)
      )}
    </Page>
  );
}

function ClaimCard({ claim, books, onDone }: { claim: Claim; books: boolean; onDone: (message: string) => void }) {
  const headingId = `forderung-${claim.id}`;
  const row = (label: string, value: string) => (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby={headingId} className="kern-card kern-card--hug fw-queue-card">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 id={headingId} className="kern-heading-medium">
            {claim.organisationName}: {claim.fileNumber ?? claim.caseTitle}, Forderung {claim.number}
          </h2>
        </div>
        <div className="kern-card__body">
          <p className="kern-body">
            <Link className="kern-link" to={`/faelle/${claim.caseId}/bearbeitung`}>
              {claim.caseTitle}
            </Link>{' '}
            – {GROUNDS[claim.grounds] ?? claim.grounds}, fällig am {formatDay(claim.dueOn)}, verzinst ab {formatDay(claim.interestFrom)} mit{' '}
            {(claim.interestAboveBp / 100).toLocaleString('de-DE')} Prozentpunkten über dem Basiszinssatz.
          </p>
          <dl className="kern-description-list">
            {row('Hauptforderung', formatCents(claim.principalCents))}
            {row('Hauptforderung offen', formatCents(claim.principalOpenCents))}
            {claim.costsCents > 0 && row('Kosten offen', formatCents(claim.costsOpenCents))}
            {row(`Zinsen offen bis ${formatDay(claim.asOf)}`, claim.interestOpenCents == null ? 'nicht bestimmbar' : formatCents(claim.interestOpenCents))}
            {row('Insgesamt offen', claim.totalOpenCents == null ? 'nicht bestimmbar' : formatCents(claim.totalOpenCents))}
          </dl>
          {claim.missingBaseRateFrom && (
            <Alert kind="warning" title={`Der Basiszinssatz ab ${formatDay(claim.missingBaseRateFrom)} ist noch nicht erfasst.`}>
              <p className="kern-body">Die Zinsen werden nicht geschätzt. Bitte lassen Sie den Satz aus der Bekanntgabe der Bundesbank in der Verwaltung erfassen.</p>
            </Alert>
          )}
          {claim.repayments.length > 0 && (
            <div className="kern-table-responsive">
              <table className="kern-table kern-table--small">
                <caption className="kern-title kern-title--small">Gebuchte Zahlungseingänge</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">Wertstellung</th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">Betrag</th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">auf Kosten</th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">auf Zinsen</th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">auf Hauptforderung</th>
                    <th scope="col" className="kern-table__header">Referenz</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {claim.repayments.map((r) => (
                    <tr key={r.id} className="kern-table__row">
                      <td className="kern-table__cell">{formatDay(r.receivedOn)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.amountCents)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.toCostsCents)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.toInterestCents)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.toPrincipalCents)}</td>
                      <td className="kern-table__cell">{r.reference ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {books && <BookRepayment claim={claim} onDone={onDone} />}
        </div>
      </div>
    </section>
  );
}

interface Form {
  receivedOn: string;
  amount: string;
  reference: string;
}

function BookRepayment({ claim, onDone }: { claim: Claim; onDone: (message: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  // one key per form: a double click books once; a new key after each booking
  const [key, setKey] = useState(() => crypto.randomUUID());
  const ids = { receivedOn: `wertstellung-${claim.id}`, amount: `betrag-${claim.id}`, reference: `referenz-${claim.id}` };
  const { register, handleSubmit, setError, reset, formState } = useForm<Form>({ defaultValues: { receivedOn: '', amount: '', reference: '' } });
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(
    async (form) => {
      const amountCents = parseEuro(form.amount);
      if (!(amountCents > 0)) {
        const message = 'Bitte geben Sie den eingegangenen Betrag in Euro an, z. B. 1.234,56.';
        setError('amount', { type: 'format', message });
        return setSummary([{ field: ids.amount, message }]);
      }
      const { data, error } = await api.POST('/api/v1/recovery-claims/{id}/repayments', {
        params: { path: { id: claim.id } },
        body: { receivedOn: form.receivedOn, amountCents, ...(form.reference.trim() ? { reference: form.reference.trim() } : {}) },
        headers: { 'Idempotency-Key': key },
      });
      if (error) {
        const message = REFUSALS_DE[error.code] ?? messagesOf(error).join(' ');
        const field = error.code === 'DATE_IN_FUTURE' || error.code === 'REPAYMENT_OUT_OF_ORDER' || error.code === 'DATE_INVALID' || error.code === 'BASE_RATE_MISSING' ? 'receivedOn' : undefined;
        if (field) setError(field, { type: 'server', message });
        return setSummary([{ field: field ? ids[field] : undefined, message }]);
      }
      setSummary([]);
      setKey(crypto.randomUUID());
      reset();
      const last = data!.repayments.at(-1)!;
      onDone(
        `${formatCents(last.amountCents)} sind gebucht: ${formatCents(last.toCostsCents)} auf Kosten, ${formatCents(last.toInterestCents)} auf Zinsen, ${formatCents(last.toPrincipalCents)} auf die Hauptforderung.` +
          (data!.status === 'settled' ? ' Die Forderung ist damit vollständig beglichen.' : ''),
      );
    },
    (invalid) => setSummary(summaryOf(invalid, ['receivedOn', 'amount']).map((s) => ({ ...s, field: s.field ? ids[s.field as keyof typeof ids] : undefined }))),
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-label={`Zahlungseingang zu Forderung ${claim.number} buchen`}>
      <h3 className="kern-title kern-title--small">Zahlungseingang buchen</h3>
      <ErrorSummary items={summary} />
      <TextField id={ids.receivedOn} label="Wertstellung" error={errors.receivedOn}>
        <input {...fieldProps(ids.receivedOn, errors.receivedOn)} type="date" {...register('receivedOn', { required: 'Bitte geben Sie den Tag der Wertstellung an.' })} />
      </TextField>
      <TextField id={ids.amount} label="Betrag in Euro" error={errors.amount}>
        <input {...fieldProps(ids.amount, errors.amount)} type="text" inputMode="decimal" autoComplete="off" {...register('amount', { required: 'Bitte geben Sie den Betrag an.' })} />
      </TextField>
      <TextField id={ids.reference} label="Referenz (optional)" error={errors.reference} hint="Zum Beispiel Kontoauszug und Buchungsnummer.">
        <input {...fieldProps(ids.reference, errors.reference, true)} type="text" autoComplete="off" {...register('reference')} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
        <span className="kern-label">Zahlungseingang buchen</span>
      </button>
    </form>
  );
}
