import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ApiError, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { ErrorSummary, fieldProps, germanMessage, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, Page } from '../../components/layout';
import { formatDateTime } from '../../format';
import { Done } from '../casework/common';

type Account = Schemas['PayeeAccountDto'];

// The API words its refusals in English; people read these.
const MESSAGES_DE: Record<string, string> = {
  IBAN_INVALID: 'Die IBAN ist nicht gültig. Bitte prüfen Sie Länge und Ziffern.',
  IBAN_NOT_SEPA: 'Die IBAN gehört zu einem Land außerhalb des SEPA-Raums. Auszahlungen gehen nur auf Konten im SEPA-Raum.',
  BIC_INVALID: 'Die BIC ist nicht gültig: 8 oder 11 Zeichen, z. B. COBADEFFXXX.',
};

interface Form {
  holder: string;
  iban: string;
  bic: string;
}
const FIELDS = ['holder', 'iban', 'bic'] as const;

/** `DE89370400440532013000` → `DE89 3704 0044 0532 0130 00`, as printed on bank statements. */
export function groupedIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The applicant's page "Bankverbindung": the account payments to the organisation go to, a change waiting for the
 * agency's confirmation or rejected by it, and the form to change it. Without any account the bank account of the
 * latest application is offered to start from.
 */
export function BankAccountPage() {
  const account = useQuery({ queryKey: ['payee-account'], queryFn: () => dataOf(api.GET('/api/v1/organisation/payee-account')) });
  const [done, setDone] = useState<string | null>(null);
  return (
    <Page title="Bankverbindung">
      <Done message={done} />
      {account.isPending ? (
        <Loading />
      ) : account.isError ? (
        <Alert kind="danger" title="Die Bankverbindung konnte nicht geladen werden." />
      ) : (
        <>
          <p className="kern-body">Auf diese Bankverbindung zahlt die Bewilligungsbehörde die Zuwendungen an Ihre Organisation aus.</p>
          <h2 className="kern-heading-medium">Gültige Bankverbindung</h2>
          {account.data.active ? <AccountDetails account={account.data.active} since /> : <p className="kern-body">Für Ihre Organisation ist noch keine Bankverbindung hinterlegt.</p>}
          {account.data.pending && (
            <Alert kind="warning" title="Änderung wartet auf Bestätigung">
              <p className="kern-body">
                Sie haben am {formatDateTime(account.data.pending.createdAt)} eine neue Bankverbindung angegeben. Sie gilt erst, wenn die Bewilligungsbehörde sie bestätigt hat;
                bis dahin wird auf die bisherige Bankverbindung gezahlt.
              </p>
              <AccountDetails account={account.data.pending} />
            </Alert>
          )}
          {account.data.rejected && (
            <Alert kind="danger" title="Änderung abgelehnt">
              <p className="kern-body">
                Die Bewilligungsbehörde hat die Änderung auf die IBAN {groupedIban(account.data.rejected.iban)} am {formatDateTime(account.data.rejected.decidedAt!)} abgelehnt.
              </p>
              <p className="kern-body">Begründung: {account.data.rejected.comment}</p>
            </Alert>
          )}
          <ChangeForm
            key={`${account.data.active?.id}-${account.data.pending?.id}`}
            data={account.data}
            onDone={(message) => setDone(message)}
          />
        </>
      )}
    </Page>
  );
}

function AccountDetails({ account, since }: { account: Account; since?: boolean }) {
  return (
    <dl className="kern-description-list">
      <Row label="Kontoinhaber">{account.holder}</Row>
      <Row label="IBAN">
        {groupedIban(account.iban)}
      </Row>
      <Row label="BIC">{account.bic ?? '–'}</Row>
      {since && <Row label="Gültig seit">{formatDateTime(account.decidedAt ?? account.createdAt)}</Row>}
    </dl>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function ChangeForm({ data, onDone }: { data: Schemas['OrganisationPayeeAccountDto']; onDone: (message: string) => void }) {
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  // one key per intended change: a double click or a retry after a lost answer changes the account only once
  const [key, setKey] = useState(() => crypto.randomUUID());
  const proposal = data.proposal;
  const { register, handleSubmit, setError, formState } = useForm<Form>({
    defaultValues: { holder: data.active?.holder ?? proposal?.holder ?? '', iban: proposal ? groupedIban(proposal.iban) : '', bic: '' },
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(
    async (form) => {
      setSummary([]);
      const { data: saved, error } = await api.PUT('/api/v1/organisation/payee-account', {
        body: { holder: form.holder.trim(), iban: form.iban.trim(), ...(form.bic.trim() ? { bic: form.bic.trim() } : {}) },
        headers: { 'Idempotency-Key': key },
      });
      if (error) return setSummary(serverProblems(error, (field, message) => setError(field, { type: 'server', message })));
      setKey(crypto.randomUUID());
      await queries.invalidateQueries({ queryKey: ['payee-account'] });
      onDone(
        saved!.pending
          ? 'Ihre neue Bankverbindung ist eingegangen. Sie gilt, sobald die Bewilligungsbehörde sie bestätigt hat.'
          : 'Die neue Bankverbindung ist gespeichert und gilt ab sofort.',
      );
    },
    (invalid) => setSummary(summaryOf(invalid, FIELDS)),
  );

  return (
    <>
      <h2 className="kern-heading-medium">{data.active || data.pending ? 'Bankverbindung ändern' : 'Bankverbindung angeben'}</h2>
      {data.confirmationRequired && (
        <Alert kind="info" title="Änderungen werden geprüft">
          <p className="kern-body">
            Für Ihre Organisation liegt ein bestandskräftiger Zuwendungsbescheid vor. Zu Ihrem Schutz gilt eine neue Bankverbindung erst, wenn die
            Bewilligungsbehörde sie bestätigt hat. Sie und Ihre Kontaktadresse erhalten zu jedem Schritt eine E-Mail.
          </p>
        </Alert>
      )}
      {proposal && !data.active && !data.pending && (
        <p className="kern-body">Wir haben die Bankverbindung aus Ihrem letzten Antrag eingetragen. Bitte prüfen Sie sie, bevor Sie speichern.</p>
      )}
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form" aria-label="Bankverbindung">
        <TextField id="holder" label="Kontoinhaber" hint="Wie bei der Bank geführt, höchstens 70 Zeichen." error={errors.holder}>
          <input
            {...fieldProps('holder', errors.holder, true)}
            type="text"
            autoComplete="organization"
            {...register('holder', {
              validate: (v) => (v.trim().length >= 2 ? true : 'Bitte geben Sie den Kontoinhaber an.'),
              maxLength: { value: 70, message: 'Der Kontoinhaber darf höchstens 70 Zeichen lang sein.' },
            })}
          />
        </TextField>
        <TextField id="iban" label="IBAN" hint="Konto im SEPA-Raum; deutsche IBANs beginnen mit DE und haben 22 Zeichen. Leerzeichen sind erlaubt." error={errors.iban}>
          <input
            {...fieldProps('iban', errors.iban, true)}
            type="text"
            autoComplete="off"
            spellCheck={false}
            {...register('iban', { validate: (v) => (v.trim() ? true : 'Bitte geben Sie die IBAN an.') })}
          />
        </TextField>
        <TextField id="bic" label="BIC (optional)" hint="Innerhalb des SEPA-Raums nicht nötig." error={errors.bic}>
          <input {...fieldProps('bic', errors.bic, true)} type="text" autoComplete="off" spellCheck={false} {...register('bic')} />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">{data.confirmationRequired ? 'Änderung zur Bestätigung einreichen' : 'Bankverbindung speichern'}</span>
        </button>
      </form>
    </>
  );
}

/** The API's problems at the fields they name, in German. */
function serverProblems(error: ApiError, setError: (field: (typeof FIELDS)[number], message: string) => void): SummaryItem[] {
  const problems = error.details?.problems?.length ? error.details.problems : [{ code: error.code, field: (error.details as { field?: string } | undefined)?.field, message: error.message }];
  return problems.map((p) => {
    const field = FIELDS.find((f) => f === p.field);
    const message = MESSAGES_DE[p.code] ?? germanMessage(p);
    if (field) setError(field, message);
    return { field, message };
  });
}
