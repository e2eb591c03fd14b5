import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, download, Schemas } from '../../api/client';
import { ApiFailure, dataOf, isNotFound } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, SummaryItem } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDateTime, formatDay } from '../../format';
import { Totals } from '../applicant/proof-of-use';
import { euroInput, fieldId } from '../applicant/texts';
import { caseworkMessage, Done, isAgency, parseEuro } from './common';

type Proof = Schemas['ProofOfUseDto'];
type Line = Proof['lines'][number];

const CHECK_MESSAGES: Record<string, string> = {
  RECEIPT_NOT_EXAMINED: 'Die Ausgabe ist in der Stichprobe: Bitte prüfen Sie den Beleg und bestätigen Sie das.',
  REASON_REQUIRED: 'Bitte begründen Sie die Kürzung (mindestens 10 Zeichen).',
  REDUCTION_NOT_LOWER: 'Der anerkannte Betrag muss unter dem angegebenen Betrag liegen.',
  FIELD_REQUIRED: 'Bitte geben Sie den anerkannten Betrag an.',
  SAMPLE_NOT_DRAWN: 'Die Stichprobe ist noch nicht gezogen.',
  PROOF_OF_USE_NOT_SUBMITTED: 'Der Verwendungsnachweis ist nicht eingereicht.',
  MESSAGE_REQUIRED: 'Bitte schreiben Sie, was nachzureichen ist (mindestens 10 Zeichen).',
};
const checkMessage = (p: { code: string; field?: string; message?: string }) => CHECK_MESSAGES[p.code] ?? caseworkMessage(p);

/**
 * The caseworker's check of a submitted proof of use (Verwendungsnachweis prüfen): the sample of receipts is drawn at
 * the first visit (recorded; shown), every line can be accepted or reduced with a reason, the proof can be returned.
 */
export function ProofCheckPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const queries = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const caseworker = !!user?.roles.includes('caseworker');
  const key = ['cases', id, 'proof-of-use'];
  const proof = useQuery({ queryKey: key, enabled: isAgency(user), retry: false, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/proof-of-use', { params: { path: { id } } })) });
  const draw = useMutation({
    mutationFn: () => dataOf(api.POST('/api/v1/cases/{id}/proof-of-use/sample', { params: { path: { id } } })),
    onSuccess: (next) => queries.setQueryData(key, next),
  });
  const asked = useRef(false);
  // the first check view draws the sample (the server records it once and answers the recorded one after)
  useEffect(() => {
    if (caseworker && proof.data?.status === 'submitted' && proof.data.sample === null && !asked.current) {
      asked.current = true;
      draw.mutate();
    }
  }, [caseworker, proof.data, draw]);

  if (!isAgency(user)) return <NotFound />;
  if (proof.isPending) return <Loading />;
  if (proof.isError) return isNotFound(proof.error) ? <NotFound /> : <Alert kind="danger" title="Der Verwendungsnachweis konnte nicht geladen werden." />;
  const p = proof.data;
  const label = (code: string) => p.categories.find((c) => c.code === code)?.label ?? code;
  const sampled = new Set(p.sample?.lineIds ?? []);
  const update = (next: Proof, message: string) => {
    queries.setQueryData(key, next);
    setDone(message);
  };

  return (
    <Page title="Verwendungsnachweis prüfen">
      <p className="kern-body">
        <Link className="kern-link" to={`/faelle/${id}/bearbeitung`}>
          Zurück zur Bearbeitung des Vorgangs
        </Link>
      </p>
      <Done message={done} />
      {p.status !== 'submitted' ? (
        <p className="kern-body">{p.status === 'draft' ? 'Der Verwendungsnachweis ist in Bearbeitung beim Zuwendungsempfänger.' : 'Zu diesem Vorgang liegt noch kein Verwendungsnachweis vor.'}</p>
      ) : (
        <>
          <p className="kern-body">
            Eingereicht am {p.submittedAt ? formatDay(p.submittedAt) : '–'}; Bewilligungszeitraum {p.fundingStart ? formatDay(p.fundingStart) : '–'} bis {p.fundingEnd ? formatDay(p.fundingEnd) : '–'}.
          </p>
          <h2 className="kern-heading-medium">Stichprobe</h2>
          {draw.isError && <Alert kind="danger" title="Die Stichprobe konnte nicht gezogen werden." />}
          {p.sample ? (
            <p className="kern-body" data-testid="stichprobe">
              {p.sample.lineIds.length} von {p.lines.length} Belegen ({(p.sample.shareBp / 100).toLocaleString('de-DE')} %) werden vertieft geprüft, gezogen am {formatDateTime(p.sample.drawnAt)}. Die Auswahl hängt
              nur vom Vorgang ab und wird nicht neu gezogen. Ausgaben außerhalb der Stichprobe gelten wie angegeben, wenn Sie sie nicht kürzen.
            </p>
          ) : (
            <p className="kern-body">Die Stichprobe wird beim ersten Öffnen durch die Sachbearbeitung gezogen.</p>
          )}
          {p.checkProblems && p.checkProblems.length > 0 ? (
            <Alert kind="warning" title={`Noch offen: ${p.checkProblems.length} Ausgabe(n) der Stichprobe`} />
          ) : (
            p.sample && <Alert kind="success" title="Alle Ausgaben der Stichprobe sind entschieden." />
          )}

          <h2 className="kern-heading-medium">Ausgaben</h2>
          {p.lines.map((l, i) => (
            <LineCheck key={l.id} caseId={id} line={l} index={i} inSample={sampled.has(l.id)} label={label(l.category)} editable={caseworker && !!p.sample} onDecided={(next) => update(next, `Ausgabe ${i + 1} ist entschieden.`)} />
          ))}

          <Totals proof={p} accepted />
          {p.thirdPartyFunds.length + p.income.length > 0 && (
            <>
              <h2 className="kern-heading-medium">Drittmittel und Einnahmen</h2>
              <ul className="kern-list">
                {p.thirdPartyFunds.map((a, i) => (
                  <li key={`d${i}`}>
                    Drittmittel: {a.label}, {formatCents(a.amountCents)}
                  </li>
                ))}
                {p.income.map((a, i) => (
                  <li key={`e${i}`}>
                    Einnahme: {a.label}, {formatCents(a.amountCents)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2 className="kern-heading-medium">Sachbericht</h2>
          <dl className="kern-description-list">
            {p.reportForm.map((f) => (
              <div className="kern-description-list-item" key={f.key}>
                <dt className="kern-description-list-item__key">{f.label}</dt>
                <dd className="kern-description-list-item__value">{p.fields[f.key] === undefined ? '–' : String(p.fields[f.key])}</dd>
              </div>
            ))}
          </dl>
          {caseworker && <ReturnForm caseId={id} onReturned={async () => { await queries.invalidateQueries({ queryKey: ['cases', id] }); setDone('Der Verwendungsnachweis ist zur Nachbesserung zurückgegeben.'); }} />}
        </>
      )}
    </Page>
  );
}

const DECISION_LABEL = { accepted: 'anerkannt', reduced: 'gekürzt' } as const;

function LineCheck({ caseId, line, index, inSample, label, editable, onDecided }: { caseId: string; line: Line; index: number; inSample: boolean; label: string; editable: boolean; onDecided: (p: Proof) => void }) {
  const n = index + 1;
  const base = `pruefung-${index}`;
  const [decision, setDecision] = useState<'accept' | 'reduce'>(line.decision === 'reduced' ? 'reduce' : 'accept');
  const [amount, setAmount] = useState(line.decision === 'reduced' && line.acceptedCents != null ? euroInput(line.acceptedCents) : '');
  const [reason, setReason] = useState(line.reductionReason ?? '');
  const [examined, setExamined] = useState(!!line.receiptExamined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const ids = { amount: fieldId(`${base}.acceptedCents`), reason: fieldId(`${base}.reason`), examined: fieldId(`${base}.receiptExamined`) };

  const send = async () => {
    const acceptedCents = decision === 'reduce' ? parseEuro(amount) : undefined;
    if (decision === 'reduce' && acceptedCents === undefined) {
      setErrors({ amount: 'Bitte geben Sie den anerkannten Betrag in Euro an, zum Beispiel 1.234,56.' });
      setSummary([{ field: ids.amount, message: 'Bitte geben Sie den anerkannten Betrag in Euro an, zum Beispiel 1.234,56.' }]);
      return;
    }
    setBusy(true);
    try {
      const next = await dataOf(
        api.PUT('/api/v1/cases/{id}/proof-of-use/check', {
          params: { path: { id: caseId } },
          body: { decisions: [{ lineId: line.id, decision, receiptExamined: examined, ...(decision === 'reduce' ? { acceptedCents, reason } : {}) }] },
        }),
      );
      setErrors({});
      setSummary([]);
      onDecided(next);
    } catch (e) {
      const problems: { code: string; field?: string }[] = (e instanceof ApiFailure ? e.error?.details?.problems : undefined) ?? [{ code: e instanceof ApiFailure ? (e.error?.code ?? 'UNKNOWN') : 'UNKNOWN' }];
      const where: Record<string, keyof typeof ids> = { 'decisions[0].acceptedCents': 'amount', 'decisions[0].reason': 'reason', 'decisions[0].receiptExamined': 'examined' };
      const next: Record<string, string> = {};
      setSummary(
        problems.map((p) => {
          const f = p.field ? where[p.field] : undefined;
          if (f) next[f] = checkMessage(p);
          return { field: f ? ids[f] : undefined, message: checkMessage(p) };
        }),
      );
      setErrors(next);
    }
    setBusy(false);
  };

  return (
    <section className={`kern-card fw-card fw-line-check${inSample ? ' fw-line-check--sample' : ''}`} aria-labelledby={`${base}-titel`} data-testid={`ausgabe-${n}`}>
      <div className="kern-card__container">
        <h3 className="kern-title" id={`${base}-titel`}>
          Ausgabe {n}: {line.invoiceNumber || 'ohne Rechnungsnummer'}
          {inSample && (
            <>
              {' '}
              <span className="kern-badge kern-badge--info">Stichprobe</span>
            </>
          )}
        </h3>
        <p className="kern-body">
          {label}; {line.supplier}; {line.description}. Rechnung vom {line.invoiceDate ? formatDay(line.invoiceDate) : '–'}, bezahlt am {line.paidDate ? formatDay(line.paidDate) : '–'}; Betrag{' '}
          <strong>{line.amountCents === null ? '–' : formatCents(line.amountCents)}</strong>
          {line.fromPaymentRequest ? ' (aus Mittelabruf)' : ''}.
        </p>
        <p className="kern-body">
          {line.receiptSha256 ? (
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void download(`/api/v1/cases/${caseId}/proof-of-use/lines/${line.id}/receipt`, line.receiptFilename ?? 'beleg')}>
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">Beleg {n} öffnen ({line.receiptFilename ?? 'Datei'})</span>
            </button>
          ) : (
            'Kein Beleg hochgeladen.'
          )}
        </p>
        <p className="kern-body" data-testid={`entscheidung-${n}`}>
          Stand:{' '}
          {line.decision
            ? `${DECISION_LABEL[line.decision]} mit ${formatCents(line.acceptedCents ?? 0)}${line.reductionReason ? ` (${line.reductionReason})` : ''}${line.receiptExamined ? ', Beleg geprüft' : ''}`
            : inSample
              ? 'noch nicht entschieden'
              : 'gilt wie angegeben'}
        </p>
        {editable && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <div className="fw-form">
              <ErrorSummary items={summary} />
              <fieldset className="kern-fieldset">
                <legend className="kern-label">Entscheidung zu Ausgabe {n}</legend>
                <div className="kern-fieldset__body">
                  <div className="kern-form-check">
                    <input className="kern-form-check__radio" type="radio" id={`${base}-anerkennen`} name={`${base}-entscheidung`} checked={decision === 'accept'} onChange={() => setDecision('accept')} />
                    <label className="kern-label" htmlFor={`${base}-anerkennen`}>
                      Wie angegeben anerkennen
                    </label>
                  </div>
                  <div className="kern-form-check">
                    <input className="kern-form-check__radio" type="radio" id={`${base}-kuerzen`} name={`${base}-entscheidung`} checked={decision === 'reduce'} onChange={() => setDecision('reduce')} />
                    <label className="kern-label" htmlFor={`${base}-kuerzen`}>
                      Kürzen
                    </label>
                  </div>
                </div>
              </fieldset>
              {decision === 'reduce' && (
                <>
                  <div className={`kern-form-input${errors.amount ? ' kern-form-input--error' : ''}`}>
                    <label className="kern-label" htmlFor={ids.amount}>
                      Anerkannter Betrag in Euro (Ausgabe {n})
                    </label>
                    <input id={ids.amount} className="kern-form-input__input" type="text" inputMode="decimal" value={amount} aria-invalid={errors.amount ? true : undefined} aria-describedby={errors.amount ? `${ids.amount}-fehler` : undefined} onChange={(e) => setAmount(e.target.value)} />
                    {errors.amount && <ErrorText id={`${ids.amount}-fehler`} text={errors.amount} />}
                  </div>
                  <div className={`kern-form-input${errors.reason ? ' kern-form-input--error' : ''}`}>
                    <label className="kern-label" htmlFor={ids.reason}>
                      Begründung der Kürzung (Ausgabe {n})
                    </label>
                    <textarea id={ids.reason} className="kern-form-input__input" rows={3} maxLength={2000} value={reason} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? `${ids.reason}-fehler` : undefined} onChange={(e) => setReason(e.target.value)} />
                    {errors.reason && <ErrorText id={`${ids.reason}-fehler`} text={errors.reason} />}
                  </div>
                </>
              )}
              <div className={`kern-form-check${errors.examined ? ' kern-form-input--error' : ''}`}>
                <input className="kern-form-check__checkbox" type="checkbox" id={ids.examined} checked={examined} aria-invalid={errors.examined ? true : undefined} aria-describedby={errors.examined ? `${ids.examined}-fehler` : undefined} onChange={(e) => setExamined(e.target.checked)} />
                <label className="kern-label" htmlFor={ids.examined}>
                  Beleg {n} geprüft{inSample ? ' (Pflicht in der Stichprobe)' : ''}
                </label>
                {errors.examined && <ErrorText id={`${ids.examined}-fehler`} text={errors.examined} />}
              </div>
              <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                <span className="kern-label">Entscheidung zu Ausgabe {n} speichern</span>
              </button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}

function ReturnForm({ caseId, onReturned }: { caseId: string; onReturned: () => Promise<void> }) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string>();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const id = 'rueckgabe-nachricht';
  const send = async () => {
    if (message.trim().length < 10) {
      const text = CHECK_MESSAGES.MESSAGE_REQUIRED;
      setError(text);
      setSummary([{ field: id, message: text }]);
      return;
    }
    setBusy(true);
    try {
      await dataOf(api.POST('/api/v1/cases/{id}/transitions', { params: { path: { id: caseId } }, body: { transition: 'return_proof_of_use', reason: message } }));
      setError(undefined);
      setSummary([]);
      await onReturned();
    } catch (e) {
      const text = e instanceof ApiFailure ? checkMessage(e.error?.details?.problems?.[0] ?? { code: e.error?.code ?? 'UNKNOWN' }) : 'Das hat nicht geklappt.';
      setError(text);
      setSummary([{ field: id, message: text }]);
    }
    setBusy(false);
  };
  return (
    <section className="kern-card fw-card" aria-labelledby="rueckgabe-titel">
      <div className="kern-card__container">
        <h2 className="kern-title" id="rueckgabe-titel">
          Zur Nachbesserung zurückgeben
        </h2>
        <p className="kern-body">Der Zuwendungsempfänger erhält Ihre Nachricht per E-Mail mit einer Frist und kann den Verwendungsnachweis wieder bearbeiten.</p>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <div className="fw-form">
            <ErrorSummary items={summary} />
            <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
              <label className="kern-label" htmlFor={id}>
                Was ist nachzureichen oder zu erläutern?
              </label>
              <textarea id={id} className="kern-form-input__input" rows={4} maxLength={4000} value={message} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-fehler` : undefined} onChange={(e) => setMessage(e.target.value)} />
              {error && <ErrorText id={`${id}-fehler`} text={error} />}
            </div>
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
              <span className="kern-label">Zurückgeben</span>
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}

function ErrorText({ id, text }: { id: string; text: string }) {
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}
