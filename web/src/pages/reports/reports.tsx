import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, download, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { Alert, Loading, Page } from '../../components/layout';
import { formatCents, formatDateTime } from '../../format';

/**
 * "Auswertungen" (issue 14): the programme owner's start page with its figures and a chart, one page per report with
 * the same filters, tables as the API answers them and CSV/XLSX downloads of exactly what is shown.
 */

type Kind = 'text' | 'int' | 'euro' | 'days';
type Column = { key: string; label: string; kind: Kind };
type Row = Record<string, unknown>;

const FILTERS = ['guideline', 'call', 'fiscalYear', 'district', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

const REPORTS = [
  { path: 'budget', title: 'Budget und Mittelbindung', description: 'Budget, gebunden, ausgezahlt, zurückgefordert und verfügbar je Aufruf und Haushaltsjahr, je Kreis und Kostenart.' },
  { path: 'trichter', title: 'Antragstrichter', description: 'Vom eingereichten Projektskizze bis zur Schlussabrechnung, je Förderaufruf.' },
  { path: 'bearbeitungszeiten', title: 'Bearbeitungszeiten', description: 'Median und 90. Perzentil der Tage zwischen den Hauptschritten.' },
  { path: 'zahlungen', title: 'Zahlungen und Forderungen', description: 'Auszahlungen je Monat, offene Rückforderungen mit Zinsen, überfällige Nachweise.' },
] as const;

const STEP_LABELS: Record<string, string> = {
  submission: 'Einreichung',
  formal_check: 'formale Prüfung',
  jury: 'Jury',
  invitation: 'Aufforderung',
  application: 'Antrag',
  decision: 'Entscheidung',
  notice_final: 'Bestandskraft',
  first_payment: 'erste Auszahlung',
  settlement: 'Schlussabrechnung',
};

const stepLabel = (step: string) =>
  step
    .split('→')
    .map((s) => STEP_LABELS[s] ?? s)
    .join(' → ');

function cell(kind: Kind, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (kind === 'euro') return formatCents(Number(value));
  if (kind === 'days') return Number(value).toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (kind === 'int') return Number(value).toLocaleString('de-DE', { useGrouping: false });
  return String(value);
}

/** A report part as a table; numbers right-aligned, an empty part says so. */
function ReportTable({ caption, columns, rows, id }: { caption: string; columns: Column[]; rows: Row[]; id?: string }) {
  return (
    // focusable and named: a wide table scrolls sideways, and keyboard users must be able to scroll it (WCAG 2.1.1)
    <div className="kern-table-responsive" id={id} tabIndex={0} role="region" aria-label={caption}>
      <table className="kern-table kern-table--small">
        <caption className="kern-title kern-title--small">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`kern-table__header${c.kind === 'text' ? '' : ' kern-table__header--numeric'}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.length === 0 ? (
            <tr className="kern-table__row">
              <td className="kern-table__cell" colSpan={columns.length}>
                Keine Einträge für diese Auswahl.
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={i} className="kern-table__row">
                {columns.map((c) => (
                  <td key={c.key} className={`kern-table__cell${c.kind === 'text' ? '' : ' kern-table__cell--numeric'}`} data-key={c.key}>
                    {cell(c.kind, r[c.key])}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function useFilters(): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const set = (f: Filters) => {
    const next = new URLSearchParams();
    for (const k of FILTERS) if (f[k]) next.set(k, f[k]!);
    setParams(next);
  };
  return [filters, set];
}

const query = (f: Filters) => ({ ...f, fiscalYear: f.fiscalYear ? Number(f.fiscalYear) : undefined });
const queryString = (f: Filters, extra: Record<string, string>) => new URLSearchParams({ ...(f as Record<string, string>), ...extra }).toString();

/** The filters of every report: programme and call, fiscal year, district (five AGS digits), date range. */
function FilterForm({ filters, onSubmit }: { filters: Filters; onSubmit: (f: Filters) => void }) {
  const guidelines = useQuery({ queryKey: ['guidelines'], staleTime: 5 * 60_000, queryFn: () => dataOf(api.GET('/api/v1/guidelines')) });
  const calls = useQueries({
    queries: (guidelines.data ?? []).map((g) => ({
      queryKey: ['calls', g.code],
      staleTime: 5 * 60_000,
      queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls', { params: { path: { code: g.code } } })),
    })),
  });
  const callOptions = calls.flatMap((c) => c.data ?? []);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const v = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const [guideline, call] = (v('programme') ?? '').split('/');
    const district = v('district');
    const year = v('fiscalYear');
    if (district && !/^\d{5}$/.test(district)) return setProblem('Der Kreis besteht aus den ersten fünf Ziffern des Gemeindeschlüssels, zum Beispiel 14522.');
    if (year && !/^\d{4}$/.test(year)) return setProblem('Das Haushaltsjahr ist eine Jahreszahl, zum Beispiel 2027.');
    setProblem(null);
    onSubmit({ guideline: guideline || undefined, call: call || undefined, fiscalYear: year, district, from: v('from'), to: v('to') });
  };
  const programme = filters.guideline ? `${filters.guideline}/${filters.call ?? ''}` : '';
  return (
    <form key={JSON.stringify(filters)} onSubmit={submit} noValidate className="fw-filters" role="search" aria-label="Auswertung filtern">
      {problem && (
        <div style={{ gridColumn: '1 / -1' }}>
          <Alert kind="danger" title="Bitte prüfen Sie die Filter.">
            <p className="kern-body">{problem}</p>
          </Alert>
        </div>
      )}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="programme">
          Richtlinie und Förderaufruf
        </label>
        <div className="kern-form-input__select-wrapper">
          <select id="programme" name="programme" className="kern-form-input__select" defaultValue={programme}>
            <option value="">Alle</option>
            {(guidelines.data ?? []).map((g) => (
              <option key={g.code} value={`${g.code}/`}>
                {g.code}: alle Aufrufe
              </option>
            ))}
            {callOptions.map((c) => (
              <option key={`${c.guidelineCode}/${c.callCode}`} value={`${c.guidelineCode}/${c.callCode}`}>
                {c.title} ({c.callCode})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="fiscalYear">
          Haushaltsjahr
        </label>
        <input id="fiscalYear" name="fiscalYear" inputMode="numeric" className="kern-form-input__input" defaultValue={filters.fiscalYear ?? ''} />
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="district">
          Kreis (fünf Ziffern des AGS)
        </label>
        <input id="district" name="district" inputMode="numeric" className="kern-form-input__input" defaultValue={filters.district ?? ''} />
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="from">
          Von
        </label>
        <input id="from" name="from" type="date" className="kern-form-input__input" defaultValue={filters.from ?? ''} />
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="to">
          Bis
        </label>
        <input id="to" name="to" type="date" className="kern-form-input__input" defaultValue={filters.to ?? ''} />
      </div>
      <div className="fw-filters__actions">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Anzeigen</span>
        </button>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onSubmit({})}>
          <span className="kern-label">Zurücksetzen</span>
        </button>
      </div>
    </form>
  );
}

function Downloads({ report, filters, parts }: { report: string; filters: Filters; parts: { name: string; title: string }[] }) {
  const [failed, setFailed] = useState(false);
  const get = (extra: Record<string, string>, name: string) => download(`/api/v1/reports/${report}?${queryString(filters, extra)}`, name).catch(() => setFailed(true));
  return (
    <section aria-labelledby="downloads" className="fw-filters__actions" style={{ margin: '1rem 0' }}>
      <h2 id="downloads" className="kern-heading-small" style={{ width: '100%' }}>
        Herunterladen
      </h2>
      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void get({ format: 'xlsx' }, `${report}.xlsx`)}>
        <span className="kern-label">Excel (XLSX, alle Teile)</span>
      </button>
      {parts.map((p) => (
        <button key={p.name} type="button" className="kern-btn kern-btn--tertiary" onClick={() => void get({ format: 'csv', part: p.name }, `${report}-${p.name}.csv`)}>
          <span className="kern-label">CSV: {p.title}</span>
        </button>
      ))}
      {failed && <Alert kind="danger" title="Der Download ist fehlgeschlagen. Bitte versuchen Sie es erneut." />}
    </section>
  );
}

function ReportPage<T>({
  title,
  intro,
  report,
  load,
  parts,
  render,
}: {
  title: string;
  intro: string;
  report: 'budget' | 'funnel' | 'processing-times' | 'payments';
  load: (f: Filters) => Promise<T>;
  parts: { name: string; title: string }[];
  render: (data: T) => ReactNode;
}) {
  const [filters, setFilters] = useFilters();
  const data = useQuery({ queryKey: ['report', report, filters], queryFn: () => load(filters) });
  return (
    <Page title={title}>
      <p className="kern-body">{intro}</p>
      <p className="kern-body">
        <Link className="kern-link" to="/auswertungen">
          Zur Übersicht der Auswertungen
        </Link>
      </p>
      <FilterForm filters={filters} onSubmit={setFilters} />
      <Downloads report={report} filters={filters} parts={parts} />
      {data.isPending ? <Loading /> : data.isError ? <Alert kind="danger" title="Die Auswertung konnte nicht geladen werden." /> : render(data.data)}
    </Page>
  );
}

const G = { key: 'guidelineCode', label: 'Richtlinie', kind: 'text' } as const;
const C = { key: 'callCode', label: 'Aufruf', kind: 'text' } as const;
const Y = { key: 'fiscalYear', label: 'Haushaltsjahr', kind: 'int' } as const;
const D = { key: 'district', label: 'Kreis (AGS)', kind: 'text' } as const;
const euro = (key: string, label: string): Column => ({ key, label, kind: 'euro' });
const int = (key: string, label: string): Column => ({ key, label, kind: 'int' });

export function BudgetReportPage() {
  return (
    <ReportPage
      title="Budget und Mittelbindung"
      intro="Je Förderaufruf und Haushaltsjahr genau wie im Haushaltsbuch; je Kreis die offenen Bindungen und Buchungen, die sich dazu aufsummieren; je Kreis und Kostenart die bewilligten förderfähigen Kosten. Zeitraum und Kreis gelten nicht für die Salden je Aufruf."
      report="budget"
      load={(f) => dataOf(api.GET('/api/v1/reports/budget', { params: { query: query(f) } }))}
      parts={[
        { name: 'byCall', title: 'je Aufruf und Jahr' },
        { name: 'byDistrict', title: 'je Kreis' },
        { name: 'byCategory', title: 'je Kreis und Kostenart' },
      ]}
      render={(r: Schemas['BudgetReportDto']) => (
        <>
          <ReportTable
            id="budget-je-aufruf"
            caption="Je Förderaufruf und Haushaltsjahr"
            rows={r.byCall}
            columns={[G, C, Y, euro('budgetCents', 'Budget'), euro('committedCents', 'Gebunden'), euro('paidCents', 'Ausgezahlt'), euro('recoveredCents', 'Zurückgefordert'), euro('availableCents', 'Verfügbar')]}
          />
          <ReportTable caption="Je Kreis" rows={r.byDistrict} columns={[G, C, Y, D, euro('committedCents', 'Gebunden'), euro('paidCents', 'Ausgezahlt'), euro('recoveredCents', 'Zurückgefordert')]} />
          <ReportTable
            caption="Je Kreis und Kostenart (bewilligt)"
            rows={r.byCategory}
            columns={[G, D, { key: 'category', label: 'Kostenart', kind: 'text' }, Y, int('cases', 'Fälle'), euro('approvedCostsCents', 'Förderfähige Kosten')]}
          />
        </>
      )}
    />
  );
}

export function FunnelReportPage() {
  return (
    <ReportPage
      title="Antragstrichter"
      intro="Wie viele Fälle je Förderaufruf jeden Schritt erreicht haben. Zeitraum und Haushaltsjahr wählen die Fälle nach dem Tag, an dem sie angelegt wurden."
      report="funnel"
      load={(f) => dataOf(api.GET('/api/v1/reports/funnel', { params: { query: query(f) } }))}
      parts={[{ name: 'byCall', title: 'je Aufruf' }]}
      render={(r: Schemas['FunnelReportDto']) => (
        <ReportTable
          id="trichter"
          caption="Je Förderaufruf"
          rows={r.byCall}
          columns={[
            G,
            C,
            int('conceptsSubmitted', 'Skizzen eingereicht'),
            int('conceptsAccepted', 'angenommen'),
            int('conceptsRejected', 'Skizzen abgelehnt'),
            int('invited', 'aufgefordert'),
            int('applicationsSubmitted', 'Anträge eingereicht'),
            int('approved', 'bewilligt'),
            int('rejected', 'abgelehnt'),
            int('withdrawn', 'zurückgezogen'),
            int('paid', 'ausgezahlt'),
            int('settled', 'abgerechnet'),
          ]}
        />
      )}
    />
  );
}

export function ProcessingTimesReportPage() {
  const cols = (first: Column[]): Column[] => [...first, { key: 'step', label: 'Schritt', kind: 'text' }, int('cases', 'Fälle'), { key: 'medianDays', label: 'Median (Tage)', kind: 'days' }, { key: 'p90Days', label: '90. Perzentil (Tage)', kind: 'days' }];
  return (
    <ReportPage
      title="Bearbeitungszeiten"
      intro="Tage zwischen zwei aufeinanderfolgenden Hauptschritten, gezählt ab dem ersten Erreichen jedes Schritts. Je Team zählt das Team der Sachbearbeitung, die die formale Prüfung abgeschlossen hat; die Verwaltung ordnet Teams in der Benutzerverwaltung zu."
      report="processing-times"
      load={(f) => dataOf(api.GET('/api/v1/reports/processing-times', { params: { query: query(f) } }))}
      parts={[
        { name: 'byCall', title: 'je Aufruf' },
        { name: 'byTeam', title: 'je Team' },
      ]}
      render={(r: Schemas['ProcessingTimesReportDto']) => (
        <>
          <ReportTable id="zeiten" caption="Je Förderaufruf" rows={r.byCall.map((x) => ({ ...x, step: stepLabel(x.step) }))} columns={cols([G, C])} />
          <ReportTable
            id="zeiten-teams"
            caption="Je Team (formale Prüfung)"
            rows={r.byTeam.map((x) => ({ ...x, team: x.team || 'ohne Teamzuordnung', step: stepLabel(x.step) }))}
            columns={cols([{ key: 'team', label: 'Team', kind: 'text' }])}
          />
        </>
      )}
    />
  );
}

export function PaymentsReportPage() {
  return (
    <ReportPage
      title="Zahlungen und Forderungen"
      intro="Gebuchte Auszahlungen, Rückbuchungen und Rückflüsse je Monat; offene Rückforderungen mit Zinsen bis heute; überfällige Verwendungs- und Zwischennachweise."
      report="payments"
      load={(f) => dataOf(api.GET('/api/v1/reports/payments', { params: { query: query(f) } }))}
      parts={[
        { name: 'byMonth', title: 'je Monat' },
        { name: 'openClaims', title: 'offene Rückforderungen' },
        { name: 'overdueProofs', title: 'überfällige Nachweise' },
      ]}
      render={(r: Schemas['PaymentsReportDto']) => (
        <>
          <ReportTable
            id="zahlungen-je-monat"
            caption="Je Monat"
            rows={r.byMonth}
            columns={[G, C, { key: 'month', label: 'Monat', kind: 'text' }, euro('paidCents', 'Ausgezahlt'), euro('returnedCents', 'Zurückgebucht'), euro('recoveredCents', 'Zurückgefordert'), euro('interestCents', 'Zinsen')]}
          />
          <ReportTable
            caption="Offene Rückforderungen"
            rows={r.openClaims}
            columns={[{ key: 'fileNumber', label: 'Aktenzeichen', kind: 'text' }, C, { key: 'organisationName', label: 'Zuwendungsempfänger', kind: 'text' }, { key: 'dueOn', label: 'Fällig am', kind: 'text' }, euro('principalOpenCents', 'Hauptforderung'), euro('interestOpenCents', 'Zinsen bis heute'), euro('totalOpenCents', 'Gesamt')]}
          />
          <ReportTable
            caption="Überfällige Nachweise"
            rows={r.overdueProofs.map((p) => ({ ...p, kind: p.kind === 'final' ? 'Verwendungsnachweis' : 'Zwischennachweis' }))}
            columns={[{ key: 'fileNumber', label: 'Aktenzeichen', kind: 'text' }, C, { key: 'organisationName', label: 'Zuwendungsempfänger', kind: 'text' }, { key: 'kind', label: 'Art', kind: 'text' }, { key: 'dueOn', label: 'Fällig am', kind: 'text' }]}
          />
        </>
      )}
    />
  );
}

/** Budget used per call as horizontal bars (SVG); the same figures stand in the table beside it. */
function BudgetChart({ calls }: { calls: Schemas['DashboardCallDto'][] }) {
  const rows = calls.filter((c) => c.budgetCents > 0);
  const width = 560;
  const bar = 22;
  const gap = 30;
  const label = 150;
  const height = rows.length * (bar + gap) + 10;
  const scale = (cents: number, budget: number) => ((width - label - 10) * cents) / budget;
  const summary = rows.map((c) => `${c.guidelineCode} ${c.callCode}: ${Math.round((100 * c.committedCents) / c.budgetCents)} % gebunden, ${Math.round((100 * c.paidCents) / c.budgetCents)} % ausgezahlt`).join('; ');
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-labelledby="chart-title chart-desc" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        <title id="chart-title">Budgetausschöpfung je Förderaufruf</title>
        <desc id="chart-desc">{summary || 'Noch kein Budget eingestellt.'}</desc>
        {rows.map((c, i) => {
          const y = i * (bar + gap) + 5;
          return (
            <g key={`${c.guidelineCode}/${c.callCode}`}>
              <text x={0} y={y + bar - 6} fontSize="14" fill="#171a1f">
                {c.guidelineCode} {c.callCode}
              </text>
              <rect x={label} y={y} width={width - label - 10} height={bar} fill="#e6e9ef" stroke="#6b7280" />
              <rect x={label} y={y} width={scale(c.committedCents, c.budgetCents)} height={bar} fill="#5a84c4" />
              <rect x={label} y={y + 6} width={scale(c.paidCents, c.budgetCents)} height={bar - 12} fill="#0b2e5c" />
            </g>
          );
        })}
      </svg>
      <figcaption className="kern-body kern-body--small">
        Helle Fläche: Budget; mittlere Fläche: gebunden; dunkler Balken: ausgezahlt. Die Zahlen stehen in der Tabelle.
      </figcaption>
    </figure>
  );
}

const STATE_LABELS: Record<string, string> = {
  concept_draft: 'Projektskizze in Bearbeitung',
  concept_submitted: 'Projektskizze eingereicht',
  concept_in_review: 'Projektskizze in Jurybewertung',
  concept_ranked: 'Projektskizze bewertet',
  invited: 'Zur Antragstellung aufgefordert',
  concept_rejected: 'Projektskizze nicht ausgewählt',
  application_draft: 'Antrag in Bearbeitung',
  application_submitted: 'Antrag eingereicht',
  information_requested: 'Unterlagen nachgefordert',
  application_complete: 'Antrag vollständig',
  decision_prepared: 'Bewilligung vorbereitet',
  rejection_prepared: 'Ablehnung vorbereitet',
  notice_issued: 'Zuwendungsbescheid versandt',
  objection: 'Widerspruch',
  notice_final: 'Bescheid bestandskräftig',
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

/** The start page of the agency roles: budget used per call (chart and table), cases per state, overdue items, open data. */
export function ReportsStartPage() {
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: () => dataOf(api.GET('/api/v1/reports/dashboard')) });
  return (
    <Page title="Auswertungen">
      <p className="kern-body">Das Förderprogramm auf einen Blick. Die Zahlen kommen unmittelbar aus dem Haushaltsbuch und den Vorgängen.</p>
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <Alert kind="danger" title="Die Kennzahlen konnten nicht geladen werden." />
      ) : (
        <>
          <ReportTable
            id="ueberfaellig"
            caption="Überfällig"
            rows={[
              { what: 'Verwendungs- und Zwischennachweise', n: dashboard.data.overdue.proofs },
              { what: 'Nachforderungen von Unterlagen', n: dashboard.data.overdue.informationRequests },
              { what: 'Rückforderungen', n: dashboard.data.overdue.recoveryClaims },
            ]}
            columns={[{ key: 'what', label: 'Was', kind: 'text' }, int('n', 'Anzahl')]}
          />
          <h2 className="kern-heading-medium">Budget je Förderaufruf</h2>
          <BudgetChart calls={dashboard.data.calls} />
          <ReportTable
            id="dashboard-budget"
            caption="Budget je Förderaufruf (alle Haushaltsjahre)"
            rows={dashboard.data.calls}
            columns={[G, C, euro('budgetCents', 'Budget'), euro('committedCents', 'Gebunden'), euro('paidCents', 'Ausgezahlt'), euro('recoveredCents', 'Zurückgefordert'), euro('availableCents', 'Verfügbar')]}
          />
          <ReportTable
            caption="Fälle je Stand"
            rows={dashboard.data.states.map((s) => ({ ...s, state: STATE_LABELS[s.state] ?? s.state }))}
            columns={[{ key: 'state', label: 'Stand', kind: 'text' }, int('cases', 'Fälle')]}
          />
        </>
      )}
      <h2 className="kern-heading-medium">Berichte</h2>
      <ul className="kern-list">
        {REPORTS.map((r) => (
          <li key={r.path}>
            <Link className="kern-link" to={`/auswertungen/${r.path}`}>
              {r.title}
            </Link>
            : {r.description}
          </li>
        ))}
      </ul>
      <OpenData />
    </Page>
  );
}

/** The published 360Giving package: its SHA-256 for everyone who checks the file; an admin publishes a new one. */
function OpenData() {
  const { user } = useSession();
  const queries = useQueryClient();
  const info = useQuery({ queryKey: ['open-data'], retry: false, queryFn: () => dataOf(api.GET('/api/v1/open-data/360giving')) });
  const [state, setState] = useState<'idle' | 'busy' | 'failed' | 'empty'>('idle');
  const publish = async () => {
    setState('busy');
    const res = await api.POST('/api/v1/open-data/360giving');
    if (res.response.status === 422) return setState('empty');
    if (!res.response.ok) return setState('failed');
    setState('idle');
    await queries.invalidateQueries({ queryKey: ['open-data'] });
  };
  return (
    <section aria-labelledby="open-data">
      <h2 id="open-data" className="kern-heading-medium">
        Offene Daten (360Giving)
      </h2>
      {info.isPending ? (
        <Loading />
      ) : info.isError ? (
        <p className="kern-body">Es ist noch kein Datenpaket veröffentlicht.</p>
      ) : (
        <p className="kern-body">
          Veröffentlicht am {formatDateTime(info.data.createdAt)} mit {info.data.grantCount} Zuwendungen:{' '}
          <a className="kern-link" href={info.data.url}>
            Datenpaket (JSON)
          </a>
          . SHA-256: <code data-figure="sha256">{info.data.sha256}</code>
        </p>
      )}
      {user?.roles.includes('admin') && (
        <button type="button" className="kern-btn kern-btn--secondary" disabled={state === 'busy'} onClick={() => void publish()}>
          <span className="kern-label">Datenpaket neu erzeugen und veröffentlichen</span>
        </button>
      )}
      {state === 'empty' && <Alert kind="warning" title="Es gibt noch keine bewilligte Zuwendung, die veröffentlicht werden kann." />}
      {state === 'failed' && <Alert kind="danger" title="Das Datenpaket konnte nicht erzeugt werden." />}
    </section>
  );
}
