import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDay } from '../../format';
import { categoryLabel, CostLine, decisionKind, messagesOf, PlanComparison, problemsToFields, useCall, Done } from './common';

type CaseItem = Schemas['CaseListItemDto'];

/**
 * The approver's queue: every decision waiting for sign-off (cases in the prepared states, and amendments from
 * the work list), each with the plan
 * side by side, the grant, the budget left in the call and who prepared it. One's own preparations are shown
 * without the sign-off button (four eyes; the API refuses them anyway).
 */
export function SignOffPage() {
  const { user } = useSession();
  if (!user?.roles.includes('approver')) return <NotFound />;
  return <SignOffQueue />;
}

function SignOffQueue() {
  const [done, setDone] = useState<string | null>(null);
  const queries = useQueryClient();
  const waiting = useQuery({
    queryKey: ['cases', 'sign-off'],
    queryFn: async () => {
      const lists = await Promise.all(
        (['decision_prepared', 'rejection_prepared'] as const).map((state) => dataOf(api.GET('/api/v1/cases', { params: { query: { state, sort: 'updatedAt', order: 'asc', pageSize: 100 } } }))),
      );
      const items = lists.flatMap((l) => l.items);
      // amendments keep the case's state (the notice stays final): the work list names those others prepared
      const tasks = await dataOf(api.GET('/api/v1/me/tasks'));
      const seen = new Set(items.map((i) => i.id));
      for (const task of tasks) {
        if (task.kind !== 'sign_decision' || seen.has(task.caseId) || !task.fileNumber) continue;
        const found = await dataOf(api.GET('/api/v1/cases', { params: { query: { q: task.fileNumber, pageSize: 5 } } }));
        items.push(...found.items.filter((i) => i.id === task.caseId));
        seen.add(task.caseId);
      }
      return items;
    },
  });
  const after = async (message: string) => {
    setDone(message);
    await queries.invalidateQueries({ queryKey: ['cases'] });
  };
  return (
    <Page title="Schlusszeichnung">
      <Done message={done} />
      {waiting.isPending ? (
        <Loading />
      ) : waiting.isError ? (
        <Alert kind="danger" title="Die vorbereiteten Entscheidungen konnten nicht geladen werden." />
      ) : waiting.data.length === 0 ? (
        <p className="kern-body">Zurzeit wartet keine Entscheidung auf Ihre Schlusszeichnung.</p>
      ) : (
        <>
          <p className="kern-body">
            {waiting.data.length === 1 ? 'Eine Entscheidung wartet' : `${waiting.data.length} Entscheidungen warten`} auf die Schlusszeichnung, die älteste zuerst.
          </p>
          {waiting.data.map((c) => (
            <Waiting key={c.id} item={c} onDone={after} />
          ))}
        </>
      )}
      <SettlementsWaiting />
    </Page>
  );
}

function Waiting({ item, onDone }: { item: CaseItem; onDone: (m: string) => void }) {
  const { user } = useSession();
  const path = { params: { path: { id: item.id } } };
  const decisions = useQuery({ queryKey: ['cases', item.id, 'decisions'], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/decisions', path)) });
  const application = useQuery({ queryKey: ['cases', item.id, 'application'], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/application', path)) });
  const ledger = useQuery({
    queryKey: ['ledger', item.guidelineCode, item.callCode],
    queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls/{call}/ledger', { params: { path: { code: item.guidelineCode, call: item.callCode } } })),
  });
  const call = useCall(item.guidelineCode, item.callCode);
  const decision = decisions.data?.find((d) => d.status === 'prepared');
  const headingId = `vorgang-${item.id}`;
  const reductions = (decision?.reductions ?? []) as { category: string; eligibleCents: number; reason: string }[];
  const own = !!decision && decision.preparedBy === user?.id;

  return (
    <section aria-labelledby={headingId} className="kern-card kern-card--hug fw-queue-card">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 id={headingId} className="kern-heading-medium">
            {item.fileNumber} – {item.title}
          </h2>
        </div>
        <div className="kern-card__body">
          {!decision ? (
            decisions.isPending ? <Loading /> : <p className="kern-body">Die vorbereitete Entscheidung ist nicht mehr offen.</p>
          ) : (
            <>
              <dl className="kern-description-list">
                <Row label="Antragsteller">{item.organisationName}</Row>
                <Row label="Entscheidung">{decisionKind(decision)}</Row>
                <Row label="Vorbereitet von">{decision.preparedByName ?? '–'}</Row>
                {decision.kind !== 'rejection' && <Row label="Zuwendung">{formatCents(decision.grantCents)}</Row>}
                {decision.fundingStart && decision.fundingEnd && (
                  <Row label="Bewilligungszeitraum">
                    {formatDay(decision.fundingStart)} bis {formatDay(decision.fundingEnd)}
                  </Row>
                )}
              </dl>
              {reductions.length > 0 && (
                <>
                  <h3 className="kern-heading-small">Kürzungen</h3>
                  <ul className="kern-list">
                    {reductions.map((r) => (
                      <li key={r.category}>
                        {categoryLabel(call.data, r.category)}: anerkannt {formatCents(r.eligibleCents)}. {r.reason}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {decision.reasons?.length ? (
                <>
                  <h3 className="kern-heading-small">Gründe der Ablehnung</h3>
                  <ul className="kern-list">
                    {decision.reasons.map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <div className="fw-stack">
                <PlanComparison
                  caption="Finanzierungsplan: Antrag und Entscheidung"
                  requested={application.data ? { costs: application.data.costs, grantCents: application.data.grantCents, ownContributionCents: application.data.ownContributionCents } : undefined}
                  decided={{ ...decision, costs: decision.costs as CostLine[] | null }}
                  call={call.data}
                />
                <Budget rows={ledger.data} callCode={item.callCode} />
              </div>
              <p className="kern-body">
                <Link className="kern-link" to={`/faelle/${item.id}/bearbeitung`}>
                  Vorgang {item.fileNumber} öffnen
                </Link>
              </p>
              <Actions decision={decision} own={own} label={`${item.fileNumber}`} onDone={onDone} />
            </>
          )}
        </div>
      </div>
    </section>
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

function Budget({ rows, callCode }: { rows: Schemas['LedgerRowDto'][] | undefined; callCode: string }) {
  if (!rows) return <Loading />;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-body kern-body--bold fw-caption">Haushaltsmittel des Förderaufrufs {callCode}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Haushaltsjahr</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Budget</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Gebunden</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Verfügbar</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.fiscalYear} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{r.fiscalYear}</th>
              <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.budgetCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.committedCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatCents(r.availableCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Actions({ decision, own, label, onDone }: { decision: Schemas['DecisionViewDto']; own: boolean; label: string; onDone: (m: string) => void }) {
  const [refusal, setRefusal] = useState<string[]>([]);
  const [signing, setSigning] = useState(false);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const commentId = `kommentar-${decision.id}`;
  const { register, handleSubmit, setError, formState } = useForm<Record<string, string>>({ defaultValues: { [commentId]: '' } });
  const path = { params: { path: { id: decision.id } } };

  const signOff = async () => {
    setRefusal([]);
    setSigning(true);
    const { error } = await api.POST('/api/v1/decisions/{id}/sign-off', path);
    setSigning(false);
    if (error) setRefusal(messagesOf(error));
    else onDone(`Die Entscheidung zu ${label} ist schlussgezeichnet; der Bescheid wird erstellt und versandt.`);
  };
  const sendBack = handleSubmit(
    async (v) => {
      setSummary([]);
      const { error } = await api.POST('/api/v1/decisions/{id}/return', { ...path, body: { comment: v[commentId].trim() } });
      if (error) setSummary(problemsToFields(error, { comment: commentId }, (f, message) => setError(f, { type: 'server', message })));
      else onDone(`Die Entscheidung zu ${label} ist an die Sachbearbeitung zurückgegeben.`);
    },
    (invalid) => setSummary(summaryOf(invalid, [commentId])),
  );

  return (
    <div className="fw-queue-actions">
      {refusal.length > 0 && (
        <Alert kind="danger" title="Die Schlusszeichnung wurde abgelehnt.">
          {refusal.map((m, i) => (
            <p key={i} className="kern-body">
              {m}
            </p>
          ))}
        </Alert>
      )}
      {own ? (
        <Alert kind="info" title="Ihre eigene Vorbereitung">
          <p className="kern-body">Diese Entscheidung haben Sie selbst vorbereitet. Nach dem Vier-Augen-Prinzip zeichnet eine andere Person sie schluss.</p>
        </Alert>
      ) : (
        <button type="button" className="kern-btn kern-btn--primary" disabled={signing} onClick={signOff}>
          <span className="kern-icon kern-icon--check" aria-hidden="true" />
          <span className="kern-label">Schlusszeichnen: {label}</span>
        </button>
      )}
      {!own && (
      <form onSubmit={sendBack} noValidate className="fw-form" aria-label={`Entscheidung zu ${label} zurückgeben`}>
        <ErrorSummary items={summary} />
        <TextField id={commentId} label="Anmerkung für die Sachbearbeitung" hint="Wird als interner Vermerk gespeichert; Antragstellende sehen ihn nie." error={formState.errors[commentId]}>
          <textarea
            rows={3}
            {...fieldProps(commentId, formState.errors[commentId], true)}
            {...register(commentId, { validate: (v) => v.trim().length >= 5 || 'Bitte schreiben Sie, was zu ändern ist (mindestens 5 Zeichen).' })}
          />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={formState.isSubmitting}>
          <span className="kern-label">Zurückgeben: {label}</span>
        </button>
      </form>
      )}
    </div>
  );
}

/** Settlements prepared by a caseworker wait here too; they are signed on the case's settlement page. */
function SettlementsWaiting() {
  const list = useQuery({
    queryKey: ['cases', 'sign-off', 'settlements'],
    queryFn: () => dataOf(api.GET('/api/v1/cases', { params: { query: { state: 'settlement_prepared', sort: 'updatedAt', order: 'asc', pageSize: 100 } } })),
  });
  if (!list.data?.items.length) return null;
  return (
    <section aria-labelledby="schlussabrechnungen-titel">
      <h2 className="kern-heading-medium" id="schlussabrechnungen-titel">
        Schlussabrechnungen
      </h2>
      <ul className="kern-list">
        {list.data.items.map((c) => (
          <li key={c.id}>
            <Link className="kern-link" to={`/faelle/${c.id}/schlussabrechnung`}>
              {c.fileNumber} – {c.title}: Schlussabrechnung zeichnen
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
