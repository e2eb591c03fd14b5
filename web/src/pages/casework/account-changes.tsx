import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, Page } from '../../components/layout';
import { formatDateTime } from '../../format';
import { groupedIban } from '../applicant/bank-account';
import { Done, messagesOf, problemsToFields } from './common';

type Change = Schemas['PendingAccountChangeDto'];

const REFUSALS_DE: Record<string, string> = {
  FOUR_EYES_VIOLATION: 'Diese Änderung haben Sie selbst beantragt. Nach dem Vier-Augen-Prinzip entscheidet eine andere Person darüber.',
  ACCOUNT_CHANGE_NOT_PENDING: 'Die Änderung ist nicht mehr offen: Sie wurde inzwischen entschieden oder durch eine neuere ersetzt. Die Liste ist neu geladen.',
};

/**
 * "Kontoänderungen": changes of payee accounts waiting for confirmation, the oldest first, each beside the account
 * in force. Caseworkers confirm or reject (with a comment mailed to the organisation); the other agency roles read.
 */
export function AccountChangesPage() {
  const { user } = useSession();
  const [done, setDone] = useState<string | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  const queries = useQueryClient();
  const changes = useQuery({ queryKey: ['payee-account-changes'], queryFn: () => dataOf(api.GET('/api/v1/payee-account-changes')) });
  const decides = !!user?.roles.includes('caseworker');
  const after = async (message: string, decided = true) => {
    setDone(decided ? message : null);
    setGone(decided ? null : message);
    await queries.invalidateQueries({ queryKey: ['payee-account-changes'] });
  };
  return (
    <Page title="Kontoänderungen">
      <Done message={done} />
      {gone && <Alert kind="warning" title={gone} />}
      <p className="kern-body">
        Organisationen mit bestandskräftigem Zuwendungsbescheid können ihre Bankverbindung nur mit Bestätigung ändern. Bitte prüfen Sie jede Änderung über einen
        Ihnen bekannten Kontakt der Organisation (zum Beispiel einen Rückruf unter der bekannten Telefonnummer), bevor Sie sie bestätigen.
      </p>
      {changes.isPending ? (
        <Loading />
      ) : changes.isError ? (
        <Alert kind="danger" title="Die Kontoänderungen konnten nicht geladen werden." />
      ) : changes.data.length === 0 ? (
        <p className="kern-body">Zurzeit wartet keine Kontoänderung auf Bestätigung.</p>
      ) : (
        changes.data.map((c) => <ChangeCard key={c.change.id} item={c} decides={decides} onDone={after} />)
      )}
    </Page>
  );
}

function ChangeCard({ item, decides, onDone }: { item: Change; decides: boolean; onDone: (message: string, decided?: boolean) => void }) {
  const headingId = `aenderung-${item.change.id}`;
  return (
    <section aria-labelledby={headingId} className="kern-card kern-card--hug fw-queue-card">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 id={headingId} className="kern-heading-medium">
            {item.organisationName}
          </h2>
        </div>
        <div className="kern-card__body">
          <p className="kern-body">
            Beantragt von {item.requestedBy} am {formatDateTime(item.change.createdAt)}.
          </p>
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--small">
              <caption className="kern-sr-only">Bisherige und neue Bankverbindung von {item.organisationName}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <td className="kern-table__header" />
                  <th scope="col" className="kern-table__header">Bisher</th>
                  <th scope="col" className="kern-table__header">Neu</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                <tr className="kern-table__row">
                  <th scope="row" className="kern-table__cell">Kontoinhaber</th>
                  <td className="kern-table__cell">{item.current?.holder ?? 'keine Bankverbindung'}</td>
                  <td className="kern-table__cell">{item.change.holder}</td>
                </tr>
                <tr className="kern-table__row">
                  <th scope="row" className="kern-table__cell">IBAN</th>
                  <td className="kern-table__cell">{item.current ? groupedIban(item.current.iban) : '–'}</td>
                  <td className="kern-table__cell">{groupedIban(item.change.iban)}</td>
                </tr>
                <tr className="kern-table__row">
                  <th scope="row" className="kern-table__cell">BIC</th>
                  <td className="kern-table__cell">{item.current?.bic ?? '–'}</td>
                  <td className="kern-table__cell">{item.change.bic ?? '–'}</td>
                </tr>
              </tbody>
            </table>
          </div>
          {decides && <Decide item={item} onDone={onDone} />}
        </div>
      </div>
    </section>
  );
}

function Decide({ item, onDone }: { item: Change; onDone: (message: string, decided?: boolean) => void }) {
  const [refusal, setRefusal] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  // one key per change and action: a double click confirms once
  const [keys] = useState(() => ({ confirm: crypto.randomUUID(), reject: crypto.randomUUID() }));
  const commentId = `begruendung-${item.change.id}`;
  const { register, handleSubmit, setError, formState } = useForm<Record<string, string>>({ defaultValues: { [commentId]: '' } });
  const path = { params: { path: { id: item.organisationId } } };
  const refused = (codes: string[], fallback: string[]) => {
    const known = codes.map((c) => REFUSALS_DE[c]).filter(Boolean);
    setRefusal(known.length ? known : fallback);
  };

  const confirm = async () => {
    setRefusal([]);
    setConfirming(true);
    const { error } = await api.POST('/api/v1/organisations/{id}/payee-account/confirm', { ...path, body: { changeId: item.change.id }, headers: { 'Idempotency-Key': keys.confirm } });
    setConfirming(false);
    if (!error) return onDone(`Die neue Bankverbindung von ${item.organisationName} ist bestätigt und gilt ab sofort.`);
    // a change decided or replaced meanwhile leaves the list: say so above it
    if (error.code === 'ACCOUNT_CHANGE_NOT_PENDING') return onDone(REFUSALS_DE[error.code], false);
    refused([error.code], messagesOf(error));
  };
  const reject = handleSubmit(
    async (v) => {
      setSummary([]);
      const { error } = await api.POST('/api/v1/organisations/{id}/payee-account/reject', {
        ...path,
        body: { changeId: item.change.id, comment: v[commentId].trim() },
        headers: { 'Idempotency-Key': keys.reject },
      });
      if (!error) return onDone(`Die Kontoänderung von ${item.organisationName} ist abgelehnt; die Organisation wird per E-Mail informiert.`);
      if (error.code === 'ACCOUNT_CHANGE_NOT_PENDING') return onDone(REFUSALS_DE[error.code], false);
      if (REFUSALS_DE[error.code]) return refused([error.code], []);
      setSummary(problemsToFields(error, { comment: commentId }, (f, message) => setError(f, { type: 'server', message })));
    },
    (invalid) => setSummary(summaryOf(invalid, [commentId])),
  );

  return (
    <div className="fw-queue-actions">
      {refusal.length > 0 && (
        <Alert kind="danger" title="Die Entscheidung wurde nicht gespeichert.">
          {refusal.map((m, i) => (
            <p key={i} className="kern-body">
              {m}
            </p>
          ))}
        </Alert>
      )}
      <button type="button" className="kern-btn kern-btn--primary" disabled={confirming} onClick={confirm}>
        <span className="kern-icon kern-icon--check" aria-hidden="true" />
        <span className="kern-label">Bestätigen: {item.organisationName}</span>
      </button>
      <form onSubmit={reject} noValidate className="fw-form" aria-label={`Kontoänderung von ${item.organisationName} ablehnen`}>
        <ErrorSummary items={summary} />
        <TextField id={commentId} label="Begründung der Ablehnung" hint="Geht per E-Mail an die Organisation." error={formState.errors[commentId]}>
          <textarea
            rows={3}
            {...fieldProps(commentId, formState.errors[commentId], true)}
            {...register(commentId, { validate: (v) => v.trim().length >= 5 || 'Bitte begründen Sie die Ablehnung (mindestens 5 Zeichen).' })}
          />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={formState.isSubmitting}>
          <span className="kern-label">Ablehnen: {item.organisationName}</span>
        </button>
      </form>
    </div>
  );
}
