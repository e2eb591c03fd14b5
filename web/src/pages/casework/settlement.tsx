import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { ApiFailure, dataOf, isNotFound } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, SummaryItem } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDateTime, formatDay } from '../../format';
import { Item } from '../applicant/payment-request-common';
import { euroInput } from '../applicant/texts';
import { caseworkMessage, Done, isAgency, parseEuro } from './common';

type View = Schemas['SettlementViewDto'];
type Computation = Schemas['SettlementComputationDto'];

const OUTCOME: Record<string, string> = {
  final_payment: 'Schlusszahlung an den Zuwendungsempfänger',
  recovery: 'Überzahlung: Widerruf und Rückforderung',
  balanced: 'Ausgeglichen: keine weitere Zahlung',
};
const STATUS: Record<string, string> = { prepared: 'vorbereitet, wartet auf Schlusszeichnung', returned: 'zurückgegeben', approved: 'schlussgezeichnet', drafted: 'entworfen, wartet auf Zeichnung', signed: 'gezeichnet' };
const MESSAGES: Record<string, string> = {
  FOUR_EYES_VIOLATION: 'Wer die Schlussabrechnung oder den Widerruf vorbereitet hat, kann sie nicht selbst zeichnen (Vier-Augen-Prinzip).',
  CHECKS_FAILED: 'Der Schritt ist noch nicht möglich: Die Prüfung des Verwendungsnachweises ist nicht abgeschlossen.',
  RECOVERY_ABOVE_PAID: 'Es kann höchstens zurückgefordert werden, was ausgezahlt wurde.',
  NOTHING_TO_RECOVER: 'Es wurde nichts über die festgesetzte Zuwendung hinaus gezahlt.',
  DUE_DATE_PAST: 'Das Fälligkeitsdatum muss nach dem heutigen Tag liegen.',
  INTEREST_FROM_IN_FUTURE: 'Der Zinsbeginn darf nicht in der Zukunft liegen.',
  INTEREST_FROM_REQUIRED: 'Bitte geben Sie den Zinsbeginn an.',
  REASONS_REQUIRED: 'Bitte begründen Sie den Widerruf.',
  REVOCATION_NOT_POSSIBLE: 'In diesem Stand des Vorgangs ist kein Widerruf möglich.',
};
/** Where a problem of the API is entered on this page. */
const FIELDS: Record<string, string> = { amountCents: 'widerruf-betrag', interestFrom: 'widerruf-zinsen', dueOn: 'widerruf-faellig', reasons: 'widerruf-gruende', reason: 'rueckgabe-grund' };
const message = (p: { code: string; field?: string; message?: string }) => MESSAGES[p.code] ?? caseworkMessage(p);
const problemsOfError = (e: unknown): { code: string; field?: string; message?: string }[] =>
  (e instanceof ApiFailure ? (e.error?.details?.problems ?? [{ code: e.error?.code ?? 'UNKNOWN' }]) : [{ code: 'UNKNOWN' }]) as { code: string; field?: string }[];

/**
 * Schlussabrechnung of a case: the computation (accepted costs × rates, capped by the approved grant), what was paid
 * and what follows; the caseworker prepares, an approver signs off or sends back; the revocation with recovery is
 * drafted and signed the same way. Applicants see the result once signed.
 */
export function SettlementPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const queries = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const key = ['cases', id, 'settlement'];
  const view = useQuery({ queryKey: key, retry: false, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/settlement', { params: { path: { id } } })) });
  if (view.isPending) return <Loading />;
  if (view.isError) return isNotFound(view.error) ? <NotFound /> : <Alert kind="danger" title="Die Schlussabrechnung konnte nicht geladen werden." />;
  const v = view.data;
  const roles = user?.roles ?? [];
  const agency = isAgency(user);

  const act = async (call: () => Promise<View>, success: string) => {
    setBusy(true);
    try {
      queries.setQueryData(key, await call());
      await queries.invalidateQueries({ queryKey: ['cases', id] });
      setFailure([]);
      setDone(success);
    } catch (e) {
      setDone(null);
      setFailure(problemsOfError(e).map((p) => ({ field: p.field ? FIELDS[p.field] : undefined, message: message(p) })));
    }
    setBusy(false);
  };
  const path = { params: { path: { id } } };
  const s = v.settlement;

  return (
    <Page title="Schlussabrechnung">
      <p className="kern-body">
        <Link className="kern-link" to={`/faelle/${id}`}>
          Zurück zum Vorgang
        </Link>
      </p>
      <Done message={done} />
      <ErrorSummary items={failure} />
      {!s && !v.preview && <p className="kern-body">Zu diesem Vorgang gibt es noch keine Schlussabrechnung.</p>}
      {s && (
        <section className="fw-settlement" aria-labelledby="abrechnung-titel">
          <h2 className="kern-heading-medium" id="abrechnung-titel">
            Schlussabrechnung ({STATUS[s.status] ?? s.status})
          </h2>
          <ComputationView c={s} />
          <dl className="kern-description-list">
            {s.settledOn && <Item term="Festgesetzt am">{formatDay(s.settledOn)}</Item>}
            {s.returnedReason && s.status === 'returned' && <Item term="Begründung der Rückgabe">{s.returnedReason}</Item>}
            {s.verificationCode && <Item term="Prüfcode des Schlussbescheids">{s.verificationCode}</Item>}
            {v.receiptsRetainedUntil && <Item term="Belege aufzubewahren bis">{formatDay(v.receiptsRetainedUntil)}</Item>}
          </dl>
          {s.status === 'prepared' && roles.includes('approver') && (
            <SignOff busy={busy} onSign={() => act(() => dataOf(api.POST('/api/v1/cases/{id}/settlement/sign-off', path)), 'Die Schlussabrechnung ist schlussgezeichnet; der Schlussbescheid wird versandt.')} onReturn={(reason) => act(() => dataOf(api.POST('/api/v1/cases/{id}/settlement/return', { ...path, body: { reason } })), 'Die Schlussabrechnung ist an die Sachbearbeitung zurückgegeben.')} />
          )}
        </section>
      )}
      {v.preview && (!s || s.status === 'returned') && (
        <section className="fw-settlement" aria-labelledby="vorschau-titel">
          <h2 className="kern-heading-medium" id="vorschau-titel">
            Berechnung nach der Prüfung des Verwendungsnachweises
          </h2>
          <ComputationView c={v.preview} />
          {roles.includes('caseworker') && (
            <div className="fw-actions">
              <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={() => void act(() => dataOf(api.POST('/api/v1/cases/{id}/settlement', path)), 'Die Schlussabrechnung ist vorbereitet und liegt zur Schlusszeichnung vor.')}>
                <span className="kern-label">Schlussabrechnung vorbereiten</span>
              </button>
            </div>
          )}
        </section>
      )}
      <Revocation
        view={v}
        agency={agency}
        roles={roles}
        busy={busy}
        act={act}
        onInvalid={(items) => {
          setDone(null);
          setFailure(items);
        }}
      />
    </Page>
  );
}

function ComputationView({ c }: { c: Computation }) {
  return (
    <>
      <div className="kern-table-responsive">
        <table className="kern-table">
          <caption className="kern-sr-only">Berechnung der Zuwendung je Kostenart</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Kostenart</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Anerkannte Ausgaben</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Fördersatz</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Zuwendung</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {c.perCategory.map((p) => (
              <tr className="kern-table__row" key={p.category}>
                <td className="kern-table__cell">{p.label}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatCents(p.acceptedCents)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{(p.rateBp / 100).toLocaleString('de-DE')} %</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatCents(p.grantCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="kern-description-list" data-testid="schlussabrechnung">
        <Item term="Bewilligte Zuwendung">{formatCents(c.approvedGrantCents)}</Item>
        <Item term="Festgesetzte Zuwendung">
          {formatCents(c.finalGrantCents)}
          {c.cappedByApproval ? ' (begrenzt auf die bewilligte Zuwendung)' : ''}
          {c.belowMinimum ? ` (unter der Bagatellgrenze von ${formatCents(c.minimumGrantCents)})` : ''}
        </Item>
        <Item term="Ausgezahlt">{formatCents(c.paidCents)}</Item>
        <Item term="Ergebnis">
          {OUTCOME[c.outcome] ?? c.outcome}
          {c.outcomeCents ? `: ${formatCents(c.outcomeCents)}` : ''}
          {c.overpaidOn ? ` (überzahlt seit ${formatDay(c.overpaidOn)})` : ''}
        </Item>
      </dl>
    </>
  );
}

function SignOff({ busy, onSign, onReturn }: { busy: boolean; onSign: () => Promise<void>; onReturn: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  return (
    <div className="fw-settlement">
      <div className="fw-actions">
        <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={() => void onSign()}>
          <span className="kern-label">Schlussabrechnung zeichnen</span>
        </button>
      </div>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return setError('Bitte begründen Sie die Rückgabe.');
          setError(undefined);
          void onReturn(reason);
        }}
      >
        <div className="fw-form">
        <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="rueckgabe-grund">
            Begründung für eine Rückgabe an die Sachbearbeitung
          </label>
          <textarea id="rueckgabe-grund" className="kern-form-input__input" rows={3} maxLength={4000} value={reason} aria-invalid={error ? true : undefined} aria-describedby={error ? 'rueckgabe-grund-fehler' : undefined} onChange={(e) => setReason(e.target.value)} />
          {error && (
            <p className="kern-error" id="rueckgabe-grund-fehler">
              <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
              <span>{error}</span>
            </p>
          )}
        </div>
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
          <span className="kern-label">Zurückgeben</span>
        </button>
        </div>
      </form>
    </div>
  );
}

/** Where the caseworker is offered a revocation: a paid case before settlement, or a settlement that found an overpayment. */
const REVOCABLE_BEFORE_SETTLEMENT = ['notice_final', 'in_payment'];

function Revocation({
  view,
  agency,
  roles,
  busy,
  act,
  onInvalid,
}: {
  view: View;
  agency: boolean;
  roles: readonly string[];
  busy: boolean;
  act: (call: () => Promise<View>, success: string) => Promise<void>;
  onInvalid: (items: SummaryItem[]) => void;
}) {
  const r = view.revocation;
  const suggested = view.settlement?.status === 'approved' && view.settlement.outcome === 'recovery' ? view.settlement : null;
  const [amount, setAmount] = useState(suggested ? euroInput(suggested.outcomeCents) : '');
  const [interestFrom, setInterestFrom] = useState(suggested?.overpaidOn ?? '');
  const [dueOn, setDueOn] = useState('');
  const [reasons, setReasons] = useState('');
  const canDraft = roles.includes('caseworker') && (REVOCABLE_BEFORE_SETTLEMENT.includes(view.state) || (view.state === 'settled' && !!suggested)) && r?.status !== 'signed';
  if (!r && !canDraft) return null;
  const path = { params: { path: { id: view.caseId } } };
  return (
    <section className="fw-settlement" aria-labelledby="widerruf-titel">
      <h2 className="kern-heading-medium" id="widerruf-titel">
        Widerruf und Rückforderung
      </h2>
      {r && (
        <dl className="kern-description-list" data-testid="widerruf">
          <Item term="Stand">{STATUS[r.status] ?? r.status}</Item>
          <Item term="Umfang">{r.scope === 'full' ? 'vollständig' : 'teilweise'}</Item>
          <Item term="Zu erstatten">{formatCents(r.amountCents)}</Item>
          <Item term="Zinsen ab">{formatDay(r.interestFrom)}</Item>
          <Item term="Fällig am">{formatDay(r.dueOn)}</Item>
          <Item term="Begründung">{r.reasons}</Item>
          {r.signedAt && <Item term="Gezeichnet am">{formatDateTime(r.signedAt)}</Item>}
          {r.verificationCode && <Item term="Prüfcode des Bescheids">{r.verificationCode}</Item>}
        </dl>
      )}
      {r?.status === 'signed' && <Claims caseId={view.caseId} />}
      {r?.status === 'signed' && agency && (
        <p className="kern-body">
          <Link className="kern-link" to="/rueckforderungen">
            Zahlungseingänge buchen (Rückforderungen)
          </Link>
        </p>
      )}
      {r?.status === 'drafted' && roles.includes('approver') && (
        <div className="fw-actions">
          <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={() => void act(() => dataOf(api.POST('/api/v1/cases/{id}/revocation/sign-off', path)), 'Der Widerruf ist gezeichnet; der Bescheid wird versandt und die Forderung ist angelegt.')}>
            <span className="kern-label">Widerruf zeichnen</span>
          </button>
        </div>
      )}
      {canDraft && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const cents = amount.trim() ? parseEuro(amount) : undefined;
            const missing = [
              ...(amount.trim() && cents === undefined ? [{ field: 'widerruf-betrag', message: 'Bitte geben Sie den Betrag in Euro an, zum Beispiel 1.234,56.' }] : []),
              ...(!dueOn ? [{ field: 'widerruf-faellig', message: 'Bitte geben Sie das Fälligkeitsdatum an.' }] : []),
              ...(!reasons.trim() ? [{ field: 'widerruf-gruende', message: MESSAGES.REASONS_REQUIRED }] : []),
            ];
            if (missing.length) return onInvalid(missing);
            void act(
              () => dataOf(api.POST('/api/v1/cases/{id}/revocation', { ...path, body: { ...(cents !== undefined ? { amountCents: cents } : {}), ...(interestFrom ? { interestFrom } : {}), dueOn, reasons } })),
              'Der Widerruf ist entworfen und liegt zur Zeichnung vor.',
            );
          }}
        >
          <div className="fw-form">
            <h3 className="kern-heading-small">{r?.status === 'drafted' ? 'Entwurf ersetzen' : 'Widerruf entwerfen'}</h3>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="widerruf-betrag">
                Zu erstattender Betrag in Euro (leer: Überzahlung laut Schlussabrechnung)
              </label>
              <input id="widerruf-betrag" className="kern-form-input__input" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="widerruf-zinsen">
                Zinsen ab (leer: Tag der Überzahlung)
              </label>
              <input id="widerruf-zinsen" type="date" className="kern-form-input__input" value={interestFrom} onChange={(e) => setInterestFrom(e.target.value)} />
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="widerruf-faellig">
                Fällig am
              </label>
              <input id="widerruf-faellig" type="date" className="kern-form-input__input" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="widerruf-gruende">
                Begründung
              </label>
              <textarea id="widerruf-gruende" className="kern-form-input__input" rows={4} maxLength={8000} value={reasons} onChange={(e) => setReasons(e.target.value)} />
            </div>
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
              <span className="kern-label">Widerruf entwerfen</span>
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The case's recovery claims with interest to today (interest that needs an unknown base rate is not stated). */
function Claims({ caseId }: { caseId: string }) {
  const claims = useQuery({ queryKey: ['cases', caseId, 'recovery-claims'], retry: false, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/recovery-claims', { params: { path: { id: caseId } } })) });
  if (!claims.data?.length) return null;
  return (
    <>
      {claims.data.map((c) => (
        <dl className="kern-description-list" key={c.id} data-testid={`forderung-${c.number}`}>
          <Item term={`Forderung ${c.number}`}>{c.status === 'settled' ? 'beglichen' : `offen, fällig am ${formatDay(c.dueOn)}`}</Item>
          <Item term="Hauptforderung offen">{formatCents(c.principalOpenCents)}</Item>
          <Item term={`Zinsen offen bis ${formatDay(c.asOf)}`}>{c.interestOpenCents == null ? 'noch nicht bezifferbar (Basiszinssatz noch nicht bekannt)' : formatCents(c.interestOpenCents)}</Item>
          {c.totalOpenCents != null && <Item term="Insgesamt offen">{formatCents(c.totalOpenCents)}</Item>}
          <Item term="Zahlungseingänge">{c.repayments.length ? c.repayments.map((p) => `${formatDay(p.receivedOn)}: ${formatCents(p.amountCents)}`).join('; ') : 'keine'}</Item>
        </dl>
      ))}
    </>
  );
}

/** On the case page: the settlement's result for everyone, and the way to the settlement page. */
export function SettlementLink({ caseId }: { caseId: string }) {
  const view = useQuery({ queryKey: ['cases', caseId, 'settlement'], retry: false, queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/settlement', { params: { path: { id: caseId } } })) });
  const v = view.data;
  if (!v || (!v.settlement && !v.preview && !v.revocation)) return null;
  const s = v.settlement;
  return (
    <p className="kern-body" data-testid="schlussabrechnung-kurz">
      <Link className="kern-link" to={`/faelle/${caseId}/schlussabrechnung`}>
        Schlussabrechnung{s ? `: festgesetzte Zuwendung ${formatCents(s.finalGrantCents)} (${STATUS[s.status] ?? s.status})` : ' ansehen'}
      </Link>
    </p>
  );
}
