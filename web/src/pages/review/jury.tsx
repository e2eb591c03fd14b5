import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { dataOf } from '../../api/query';
import { Alert, Loading, Page } from '../../components/layout';
import { formatCents, formatDay } from '../../format';

const STATUS: Record<string, string> = { upcoming: 'noch nicht geöffnet', open: 'Einreichung läuft', closed: 'Einreichung beendet' };

/** The calls of every guideline, each leading to its jury: reviewer assignment and ranking. */
export function JuryPage() {
  const guidelines = useQuery({ queryKey: ['guidelines'], queryFn: () => dataOf(api.GET('/api/v1/guidelines')) });
  const calls = useQueries({
    queries: (guidelines.data ?? []).map((g) => ({
      queryKey: ['guidelines', g.code, 'calls'],
      queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls', { params: { path: { code: g.code } } })),
    })),
  });
  return (
    <Page title="Jury">
      <p className="kern-body">Weisen Sie den Projektskizzen eines Förderaufrufs Gutachterinnen und Gutachter zu, und erfassen Sie nach der Bewertung die Entscheidung der Jury.</p>
      {guidelines.isPending || calls.some((c) => c.isPending) ? (
        <Loading />
      ) : guidelines.isError || calls.some((c) => c.isError) ? (
        <Alert kind="danger" title="Die Förderaufrufe konnten nicht geladen werden." />
      ) : (
        guidelines.data.map((g, i) => (
          <section key={g.code} aria-labelledby={`richtlinie-${g.code}`}>
            <h2 className="kern-heading-medium" id={`richtlinie-${g.code}`}>
              {g.title}
            </h2>
            <div className="kern-table-responsive">
              <table className="kern-table">
                <caption className="kern-sr-only">Förderaufrufe: {g.title}</caption>
                <thead>
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      Förderaufruf
                    </th>
                    <th scope="col" className="kern-table__header">
                      Einreichung bis
                    </th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">
                      Budget
                    </th>
                    <th scope="col" className="kern-table__header">
                      Jury
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {(calls[i].data ?? []).map((c) => (
                    <tr key={c.callCode} className="kern-table__row">
                      <td className="kern-table__cell">
                        {c.title} ({STATUS[c.status] ?? c.status})
                      </td>
                      <td className="kern-table__cell">{formatDay(c.deadline)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatCents(c.totalBudgetCents)}</td>
                      <td className="kern-table__cell">
                        <ul className="fw-link-list">
                          <li>
                            <Link className="kern-link" to={`/jury/${g.code}/${c.callCode}/zuweisung`} aria-label={`Gutachten zuweisen: ${c.title}`}>
                              Gutachten zuweisen
                            </Link>
                          </li>
                          <li>
                            <Link className="kern-link" to={`/jury/${g.code}/${c.callCode}/rangliste`} aria-label={`Rangliste und Jury-Entscheidung: ${c.title}`}>
                              Rangliste und Jury-Entscheidung
                            </Link>
                          </li>
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </Page>
  );
}
