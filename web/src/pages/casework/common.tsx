import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, ApiError, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { germanMessage, SummaryItem } from '../../components/forms';
import { formatCents } from '../../format';
import { Alert } from '../../components/layout';

export { isAgency } from './roles';

/** The workflow states of the guidelines as caseworkers name them (the list endpoint answers codes only). */
export const STATE_LABELS: Record<string, string> = {
  concept_draft: 'Projektskizze in Bearbeitung',
  concept_submitted: 'Projektskizze eingereicht (formale Prüfung)',
  concept_in_review: 'Projektskizze in Jurybewertung',
  concept_ranked: 'Projektskizze bewertet',
  invited: 'Zur Antragstellung aufgefordert',
  concept_rejected: 'Projektskizze nicht ausgewählt',
  application_draft: 'Antrag in Bearbeitung',
  application_submitted: 'Antrag eingereicht (Vollständigkeitsprüfung)',
  information_requested: 'Unterlagen nachgefordert',
  application_complete: 'Antrag vollständig',
  decision_prepared: 'Bewilligung vorbereitet',
  rejection_prepared: 'Ablehnung vorbereitet',
  notice_issued: 'Zuwendungsbescheid versandt',
  objection: 'Widerspruch gegen Zuwendungsbescheid',
  notice_final: 'Zuwendungsbescheid bestandskräftig',
  rejected: 'Antrag abgelehnt',
  rejection_objection: 'Widerspruch gegen Ablehnung',
  in_payment: 'Durchführung und Mittelabruf',
  proof_of_use_submitted: 'Verwendungsnachweis eingereicht',
  settlement_prepared: 'Schlussabrechnung vorbereitet',
  settled: 'Schlussabrechnung festgestellt',
  recovery_pending: 'Widerruf und Rückforderung',
  withdrawn: 'Zurückgezogen',
  closed: 'Abgeschlossen',
};
export const stateLabel = (state: string) => STATE_LABELS[state] ?? state;

export const DECISION_KIND: Record<string, string> = { approval: 'Bewilligung', partial: 'Teilbewilligung', rejection: 'Ablehnung', amendment: 'Änderungsbescheid' };
/** An approval with reductions is a partial approval (the API stores both as kind "approval"). */
export function decisionKind(d: { kind: string; reductions?: unknown[] | null }): string {
  if (d.kind === 'approval' && d.reductions?.length) return DECISION_KIND.partial;
  return DECISION_KIND[d.kind] ?? d.kind;
}
export const DECISION_STATUS: Record<string, string> = { prepared: 'wartet auf Schlusszeichnung', returned: 'zurückgegeben', approved: 'schlussgezeichnet' };

// German texts for the refusals a caseworker or approver meets here; the rest falls back to the general text.
const MESSAGES_DE: Record<string, string> = {
  FOUR_EYES_VIOLATION: 'Sie haben diese Entscheidung selbst vorbereitet. Nach dem Vier-Augen-Prinzip muss eine andere Person sie schlusszeichnen.',
  BUDGET_EXCEEDED: 'Die verfügbaren Haushaltsmittel des Förderaufrufs reichen für diese Zuwendung nicht aus.',
  DECISION_NOT_PREPARED: 'Diese Entscheidung wartet nicht mehr auf die Schlusszeichnung. Bitte laden Sie die Seite neu.',
  DECISION_ALREADY_PREPARED: 'Für diesen Vorgang wartet bereits eine vorbereitete Entscheidung auf die Schlusszeichnung.',
  TRANSITION_NOT_ALLOWED_IN_STATE: 'Dieser Schritt ist im aktuellen Stand des Vorgangs nicht möglich. Bitte laden Sie die Seite neu.',
  STALE_VERSION: 'Der Vorgang wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie ihn erneut.',
  CONCURRENT_MODIFICATION: 'Der Vorgang wurde gerade gleichzeitig geändert. Bitte versuchen Sie es erneut.',
  REDUCTIONS_REQUIRED: 'Eine Teilbewilligung nennt mindestens eine gekürzte Ausgabenkategorie.',
  REDUCTION_INVALID: 'Die anerkannten Ausgaben müssen unter den beantragten Ausgaben der Kategorie liegen.',
  CATEGORY_NOT_IN_PLAN: 'Diese Kategorie enthält der Finanzierungsplan nicht.',
  GRANT_BELOW_MINIMUM: 'Die Zuwendung läge unter dem Mindestbetrag der Förderrichtlinie.',
  REASONS_REQUIRED: 'Eine Ablehnung braucht mindestens einen Grund.',
  REASON_REQUIRED: 'Bitte geben Sie eine Begründung an.',
  NOT_AMENDABLE: 'Geändert werden kann nur eine Bewilligung mit bestandskräftigem Bescheid.',
  FUNDING_PERIOD_INVALID: 'Der Bewilligungszeitraum muss nach seinem Beginn enden.',
  CHECKS_FAILED: 'Die Voraussetzungen für diesen Schritt sind nicht erfüllt.',
  APPLICATION_MISSING: 'Zu diesem Vorgang liegt kein förmlicher Antrag vor.',
};

export function caseworkMessage(problem: { code: string; field?: string; message?: string }): string {
  return MESSAGES_DE[problem.code] ?? germanMessage(problem);
}

/** Every message of an API error for people: the problems one by one, or the error itself. */
export function messagesOf(error: ApiError | undefined): string[] {
  if (!error) return ['Das hat nicht geklappt. Bitte versuchen Sie es erneut.'];
  const problems = error.details?.problems ?? [];
  return problems.length ? problems.map(caseworkMessage) : [caseworkMessage(error)];
}

export interface CostLine {
  category: string;
  amountCents: number;
  fiscalYear?: number;
  description?: string;
}

export function sumByCategory(costs: readonly CostLine[] | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of costs ?? []) out.set(l.category, (out.get(l.category) ?? 0) + l.amountCents);
  return out;
}

/** The call with its cost categories' names (cached: many cases share a call). */
export function useCall(guidelineCode: string | undefined, callCode: string | undefined) {
  return useQuery({
    queryKey: ['calls', guidelineCode, callCode],
    enabled: !!guidelineCode && !!callCode,
    staleTime: 5 * 60_000,
    queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls/{call}', { params: { path: { code: guidelineCode!, call: callCode! } } })),
  });
}

export function categoryLabel(call: Schemas['CallDetailDto'] | undefined, code: string): string {
  return call?.costCategories.find((c) => c.code === code)?.label ?? code;
}

/**
 * The financing plan side by side: what the application requested per cost category and what the decision
 * accepts, with the grant and the own contribution of each.
 */
export function PlanComparison({
  caption,
  requested,
  decided,
  call,
}: {
  caption: string;
  requested: { costs: readonly CostLine[]; grantCents: number | null; ownContributionCents: number } | undefined;
  decided: { costs: readonly CostLine[] | null; grantCents: number; ownContributionCents: number; kind: string } | undefined;
  call: Schemas['CallDetailDto'] | undefined;
}) {
  const asked = sumByCategory(requested?.costs);
  const granted = decided && decided.kind !== 'rejection' ? sumByCategory(decided.costs) : undefined;
  const categories = [...new Set([...asked.keys(), ...(granted?.keys() ?? [])])];
  const total = (m: Map<string, number> | undefined) => (m ? [...m.values()].reduce((a, b) => a + b, 0) : undefined);
  const money = (cents: number | null | undefined) => (cents === null || cents === undefined ? '–' : formatCents(cents));
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-body kern-body--bold fw-caption">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Ausgabenkategorie</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Beantragt</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Bewilligt</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {categories.map((c) => (
            <tr key={c} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{categoryLabel(call, c)}</th>
              <td className="kern-table__cell kern-table__cell--numeric">{money(asked.get(c))}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{granted ? money(granted.get(c) ?? 0) : '–'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="kern-table__footer">
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__cell">Zuwendungsfähige Ausgaben gesamt</th>
            <td className="kern-table__cell kern-table__cell--numeric">{money(total(asked))}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{money(total(granted))}</td>
          </tr>
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__cell">Zuwendung</th>
            <td className="kern-table__cell kern-table__cell--numeric">{money(requested?.grantCents)}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{decided ? (decided.kind === 'rejection' ? 'Ablehnung' : money(decided.grantCents)) : '–'}</td>
          </tr>
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__cell">Eigenanteil</th>
            <td className="kern-table__cell kern-table__cell--numeric">{money(requested?.ownContributionCents)}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{granted ? money(decided!.ownContributionCents) : '–'}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** "1.234,56" or "1234,5" or "1234" euro as integer cents; undefined if it is not an amount. */
export function parseEuro(text: string): number | undefined {
  const t = text.trim().replace(/\s|€/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(t)) return undefined;
  const [whole, frac = ''] = t.replace(/\./g, '').split(',');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * Like applyApiError, for pages with several forms: the API's field names are mapped onto this form's field ids
 * (unique on the page), so each problem lands at its field and links to it from the summary.
 */
export function problemsToFields(error: ApiError | undefined, fields: Record<string, string>, setError: (field: string, message: string) => void): SummaryItem[] {
  const problems = error?.details?.problems ?? [];
  if (!problems.length) return messagesOf(error).map((message) => ({ message }));
  return problems.map((p) => {
    const field = p.field !== undefined ? fields[p.field] : undefined;
    const message = caseworkMessage(p);
    if (field) setError(field, message);
    return { field, message };
  });
}

/** What a step achieved, at the top of the page; it takes the focus, as the form that was used may be gone. */
export function Done({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fw-done">
      <Alert kind="success" title={message} />
    </div>
  );
}
