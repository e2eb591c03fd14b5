import { useQueries, useQuery } from '@tanstack/react-query';
import { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDay } from '../../format';
import { isAgency, STATE_LABELS, stateLabel } from './common';

type Sort = 'createdAt' | 'updatedAt' | 'fileNumber' | 'title' | 'state';
type Stage = 'concept' | 'application' | 'decision' | 'payment' | 'reporting' | 'closed';
const STAGES: Record<Stage, string> = { concept: 'Projektskizze', application: 'Antrag', decision: 'Entscheidung', payment: 'Auszahlung', reporting: 'Verwendungsnachweis', closed: 'Abgeschlossen' };
const PAGE_SIZES = [10, 20, 50, 100];
// the filters the URL may carry; the query string is the one source, so a filtered list can be bookmarked
const FILTERS = ['q', 'state', 'stage', 'call', 'district', 'overdue'] as const;

/**
 * What the list says of its size and where the pager can go. Beyond 10,000 cases the API stops counting
 * (`totalIsLowerBound`): "mehr als", and the next page is always there (the count reaches past the page shown).
 */
export function listPaging(data: { total: number; totalIsLowerBound: boolean; pageSize: number }, shown: number) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const more = data.totalIsLowerBound;
  const count = data.total.toLocaleString('de-DE');
  const status =
    data.total === 0
      ? 'Keine Vorgänge gefunden.'
      : more
        ? `Mehr als ${count} Vorgänge gefunden, Seite ${shown} von mehr als ${pages}.`
        : `${count} ${data.total === 1 ? 'Vorgang' : 'Vorgänge'} gefunden, Seite ${shown} von ${pages}.`;
  return { status, pages: more ? `mehr als ${pages}` : String(pages), hasNext: shown < pages || more };
}

/** The caseworker's queues: every case, filtered, searched, sorted and paged by the API (GET /cases). */
export function CaseListPage() {
  const { user } = useSession();
  if (!isAgency(user)) return <NotFound />;
  return <CaseList />;
}

function CaseList() {
  const [params, setParams] = useSearchParams();
  const sort = (params.get('sort') as Sort | null) ?? 'createdAt';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const [guideline, call] = (params.get('call') ?? '').split('/');
  const query = {
    q: params.get('q') || undefined,
    state: params.get('state') || undefined,
    stage: (params.get('stage') as Stage | null) || undefined,
    guideline: guideline || undefined,
    call: call || undefined,
    district: /^\d{5}$/.test(params.get('district') ?? '') ? params.get('district')! : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    sort,
    order,
    page,
    pageSize,
  } as const;
  const cases = useQuery({ queryKey: ['cases', query], queryFn: () => dataOf(api.GET('/api/v1/cases', { params: { query } })), placeholderData: (previous) => previous });

  const change = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  const sortBy = (column: Sort) => change({ sort: column, order: sort === column && order === 'asc' ? 'desc' : 'asc', page: undefined });
  // the status and the pager follow the API's answer, not the URL: while the next page loads, the last one stays
  const shown = cases.data?.page ?? page;
  const paging = cases.data ? listPaging(cases.data, shown) : { status: '', pages: '1', hasNext: false };

  return (
    <Page title="Fallliste">
      <Filters
        params={params}
        districtInvalid={!!params.get('district') && !query.district}
        onSubmit={(values) => change({ ...values, page: undefined })}
        onReset={() => setParams(new URLSearchParams())}
      />
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <Alert kind="danger" title="Die Fallliste konnte nicht geladen werden." />
      ) : (
        <>
          <p className="kern-body" role="status">
            {paging.status}
          </p>
          {cases.data.items.length > 0 && (
            <div className="kern-table-responsive">
              <table className="kern-table">
                <caption className="kern-sr-only">Vorgänge; die Spaltenköpfe mit Schaltfläche sortieren die Liste</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <SortHeader column="fileNumber" label="Aktenzeichen" sort={sort} order={order} onSort={sortBy} />
                    <SortHeader column="title" label="Vorhaben" sort={sort} order={order} onSort={sortBy} />
                    <th scope="col" className="kern-table__header">Antragsteller</th>
                    <SortHeader column="state" label="Stand" sort={sort} order={order} onSort={sortBy} />
                    <th scope="col" className="kern-table__header kern-table__header--numeric">Zuwendung</th>
                    <SortHeader column="createdAt" label="Angelegt am" sort={sort} order={order} onSort={sortBy} />
                    <SortHeader column="updatedAt" label="Geändert am" sort={sort} order={order} onSort={sortBy} />
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {cases.data.items.map((c) => (
                    <tr key={c.id} className="kern-table__row">
                      <td className="kern-table__cell">
                        <Link className="kern-link" to={`/faelle/${c.id}/bearbeitung`}>
                          {c.fileNumber ?? 'Entwurf'}
                        </Link>
                      </td>
                      <td className="kern-table__cell">
                        {c.title}
                        <div className="kern-body--small">Aufruf {c.callCode}</div>
                      </td>
                      <td className="kern-table__cell">
                        {c.organisationName}
                        {c.district && <div className="kern-body--small">Kreis {c.district}</div>}
                      </td>
                      <td className="kern-table__cell">{stateLabel(c.state)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{c.grantCents === null ? '–' : formatCents(c.grantCents)}</td>
                      <td className="kern-table__cell">{formatDay(String(c.createdAt))}</td>
                      <td className="kern-table__cell">{formatDay(String(c.updatedAt))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav aria-label="Seiten der Fallliste" className="fw-pager">
            <button type="button" className="kern-btn kern-btn--secondary" disabled={shown <= 1} onClick={() => change({ page: String(shown - 1) })}>
              <span className="kern-icon kern-icon--chevron-left" aria-hidden="true" />
              <span className="kern-label">Vorherige Seite</span>
            </button>
            <span className="kern-body">
              Seite {shown} von {paging.pages}
            </span>
            <button type="button" className="kern-btn kern-btn--secondary" disabled={!paging.hasNext} onClick={() => change({ page: String(shown + 1) })}>
              <span className="kern-label">Nächste Seite</span>
              <span className="kern-icon kern-icon--chevron-right" aria-hidden="true" />
            </button>
            <div className="kern-form-input fw-pager__size">
              <label className="kern-label" htmlFor="pageSize">
                Vorgänge je Seite
              </label>
              <div className="kern-form-input__select-wrapper">
                <select id="pageSize" className="kern-form-input__select" value={pageSize} onChange={(e) => change({ pageSize: e.target.value, page: undefined })}>
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </nav>
        </>
      )}
    </Page>
  );
}

function SortHeader({ column, label, sort, order, onSort }: { column: Sort; label: string; sort: Sort; order: 'asc' | 'desc'; onSort: (c: Sort) => void }) {
  const active = sort === column;
  return (
    <th scope="col" className="kern-table__header" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="fw-sort" onClick={() => onSort(column)}>
        {label}
        <span className={`kern-icon kern-icon--small kern-icon--${active ? (order === 'asc' ? 'arrow-up' : 'arrow-down') : 'arrow-forward'}`} aria-hidden="true" />
        <span className="kern-sr-only">{active ? (order === 'asc' ? ', aufsteigend sortiert' : ', absteigend sortiert') : ', sortieren'}</span>
      </button>
    </th>
  );
}

/** The filter form: a plain form whose values go into the URL on submit (keyed by the URL so Back restores it). */
function Filters({ params, districtInvalid, onSubmit, onReset }: { params: URLSearchParams; districtInvalid: boolean; onSubmit: (v: Record<string, string | undefined>) => void; onReset: () => void }) {
  const guidelines = useQuery({ queryKey: ['guidelines'], staleTime: 5 * 60_000, queryFn: () => dataOf(api.GET('/api/v1/guidelines')) });
  const calls = useQueries({
    queries: (guidelines.data ?? []).map((g) => ({
      queryKey: ['guidelines', g.code, 'calls'],
      staleTime: 5 * 60_000,
      queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls', { params: { path: { code: g.code } } })),
    })),
  });
  const callOptions = calls.flatMap((c) => c.data ?? []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values: Record<string, string | undefined> = {};
    for (const key of FILTERS) values[key] = String(data.get(key) ?? '').trim() || undefined;
    values.overdue = data.get('overdue') ? 'true' : undefined;
    onSubmit(values);
  };
  return (
    <form key={params.toString()} onSubmit={submit} noValidate className="fw-filters" role="search" aria-label="Vorgänge filtern">
      <div className="kern-form-input fw-filters__search">
        <label className="kern-label" htmlFor="q">
          Suche
        </label>
        <div className="kern-hint" id="q-hinweis">
          Aktenzeichen oder Titel des Vorhabens
        </div>
        <input id="q" name="q" type="search" className="kern-form-input__input" aria-describedby="q-hinweis" defaultValue={params.get('q') ?? ''} />
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="state">
          Stand
        </label>
        <div className="kern-form-input__select-wrapper">
          <select id="state" name="state" className="kern-form-input__select" defaultValue={params.get('state') ?? ''}>
            <option value="">Alle</option>
            {Object.entries(STATE_LABELS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="stage">
          Phase
        </label>
        <div className="kern-form-input__select-wrapper">
          <select id="stage" name="stage" className="kern-form-input__select" defaultValue={params.get('stage') ?? ''}>
            <option value="">Alle</option>
            {Object.entries(STAGES).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="call">
          Förderaufruf
        </label>
        <div className="kern-form-input__select-wrapper">
          <select id="call" name="call" className="kern-form-input__select" defaultValue={params.get('call') ?? ''}>
            <option value="">Alle</option>
            {callOptions.map((c) => (
              <option key={`${c.guidelineCode}/${c.callCode}`} value={`${c.guidelineCode}/${c.callCode}`}>
                {c.title} ({c.callCode})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className={`kern-form-input${districtInvalid ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor="district">
          Landkreis
        </label>
        <div className="kern-hint" id="district-hinweis">
          Kreisschlüssel, fünf Ziffern, zum Beispiel 14522
        </div>
        <input
          id="district"
          name="district"
          inputMode="numeric"
          className={`kern-form-input__input${districtInvalid ? ' kern-form-input__input--error' : ''}`}
          aria-describedby={`district-hinweis${districtInvalid ? ' district-fehler' : ''}`}
          aria-invalid={districtInvalid || undefined}
          defaultValue={params.get('district') ?? ''}
        />
        {districtInvalid && (
          <p className="kern-error" id="district-fehler">
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span>Der Kreisschlüssel hat fünf Ziffern. Dieser Filter wird nicht angewendet.</span>
          </p>
        )}
      </div>
      <div className="kern-form-check fw-filters__check">
        <input id="overdue" name="overdue" type="checkbox" className="kern-form-check__checkbox" defaultChecked={params.get('overdue') === 'true'} />
        <label className="kern-label" htmlFor="overdue">
          Nur mit überfälliger Nachforderung
        </label>
      </div>
      <div className="fw-filters__actions">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-icon kern-icon--search" aria-hidden="true" />
          <span className="kern-label">Filtern</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={onReset}>
          <span className="kern-label">Filter zurücksetzen</span>
        </button>
      </div>
    </form>
  );
}
