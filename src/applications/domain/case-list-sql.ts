/**
 * The case list's statements (issue #11), pure so that the benchmark's bare server sends the very same SQL.
 *
 * One statement answers the count, the page and each case's organisation name: one round trip instead of three.
 * The count is exact up to `countedUpTo` matches and stops there (the caller says "more than").
 */
export type CaseSort = 'createdAt' | 'updatedAt' | 'fileNumber' | 'title' | 'state';

const SORT_COLUMNS: Record<CaseSort, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  fileNumber: 'file_number',
  title: 'lower(title)',
  state: 'state',
};

const COLUMNS = `c.id, c.file_number, c.title, c.state, c.call_code, c.organisation_id, c.created_at, c.updated_at, c.guideline_version_id,
                c.guideline_code, c.variant, c.location_ags, c.grant_cents`;

/** The instant as `toISOString()` writes it (milliseconds, UTC). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What a page answers: the instants as text, so that a page's 100 dates are neither parsed nor formatted again. */
const ANSWER = `p.id, p.file_number, p.title, p.state, p.call_code, p.organisation_id, ${iso('p.created_at')} AS created_at,
                ${iso('p.updated_at')} AS updated_at, p.guideline_version_id, p.guideline_code, p.variant, p.location_ags, p.grant_cents`;

export interface CaseListPage {
  /** `WHERE …` on `cases c`, or empty; its parameters are the caller's. */
  filter: string;
  sort: CaseSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  countedUpTo: number;
}

/** `lower(title)` of alias `c` becomes `lower(c.title)`. */
const sortOn = (alias: string, sort: CaseSort) => SORT_COLUMNS[sort].replace(/^(lower\()?(\w+)/, (_, fn = '', col) => `${fn}${alias}.${col}`);

/** The sort key of every row, then the page: `ORDER BY key dir NULLS LAST, id` read from an index on `cases`. */
function orderBy(alias: string, o: CaseListPage, key = sortOn(alias, o.sort)): string {
  return `ORDER BY ${key} ${o.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${alias}.id`;
}

const window = (o: CaseListPage) => `LIMIT ${o.pageSize} OFFSET ${(o.page - 1) * o.pageSize}`;

/**
 * Broad filters: the count walks an index up to its cap, the page walks the sort's index and stops after the page.
 * Each answer row carries `total`; no match gives one row with `total` and no case.
 */
export function caseListSql(o: CaseListPage): string {
  return `SELECT t.total, ${ANSWER}, o.name AS organisation_name
            FROM (SELECT count(*)::int AS total FROM (SELECT 1 FROM cases c ${o.filter} LIMIT ${o.countedUpTo + 1}) x) t
            LEFT JOIN LATERAL (SELECT ${COLUMNS} FROM cases c ${o.filter} ${orderBy('c', o)} ${window(o)}) p ON true
            LEFT JOIN organisations o ON o.id = p.organisation_id
           ${orderBy('p', o)}`;
}

/**
 * Text search (`q`): a trigram index finds the matches, which lie scattered over the sort order, so walking the
 * sort's index would test thousands of rows. The matches are read once, with their sort key, for both the count and
 * the page. Only right when they are all read: when `total` exceeds `countedUpTo`, ask `caseListSql` instead.
 */
export function caseSearchSql(o: CaseListPage): string {
  return `WITH m AS MATERIALIZED (SELECT c.id, ${sortOn('c', o.sort)} AS k FROM cases c ${o.filter} LIMIT ${o.countedUpTo + 1})
          SELECT t.total, ${ANSWER}, o.name AS organisation_name
            FROM (SELECT count(*)::int AS total FROM m) t
            LEFT JOIN LATERAL (SELECT ${COLUMNS} FROM (SELECT m.id, m.k FROM m ${orderBy('m', o, 'm.k')} ${window(o)}) s JOIN cases c ON c.id = s.id) p ON true
            LEFT JOIN organisations o ON o.id = p.organisation_id
           ${orderBy('p', o)}`;
}

const statementNames = new Map<string, string>();
/** Bounds the prepared statements per connection (pages beyond the first few are rarely asked for twice). */
const MAX_PREPARED = 50;
/** Filters whose index carries the default order (newest first): the page is one range of it, whatever the value. */
const ONE_RANGE = new Set(['WHERE c.state = $1', 'WHERE left(c.location_ags, 5) = $1']);

/**
 * The name under which a list statement is prepared once per connection, or undefined: it is planned afresh.
 * Planning costs about as much as running it, so a statement is prepared when PostgreSQL would plan it the same
 * for every value: without values (the agency's whole list), or by state or district alone in the default order.
 * Any other is planned for its values every time: a plan kept for a common state walks the whole index of another
 * order for a rare one (80-170 ms instead of 1 on 100,000 cases).
 */
export function preparedName(sql: string, o: CaseListPage): string | undefined {
  if (o.filter !== '' && !(ONE_RANGE.has(o.filter) && o.sort === 'createdAt' && o.order === 'desc')) return undefined;
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_PREPARED) statementNames.set(sql, (name = `case_list_${statementNames.size}`));
  return name;
}
