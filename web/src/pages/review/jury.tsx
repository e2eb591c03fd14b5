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
            <ul className="kern-list fw-call-list">
              {(calls[i].data ?? []).map((c) => (
                <li key={c.callCode}>
                  <span className="kern-body">
                    {c.title} ({STATUS[c.status] ?? c.status}, Einreichung bis {formatDay(c.deadline)}, Budget {formatCents(c.totalBudgetCents)}):{' '}
                  </span>
                  <Link className="kern-link" to={`/jury/${g.code}/${c.callCode}/zuweisung`} aria-label={`Gutachten zuweisen: ${c.title}`}>
                    Gutachten zuweisen
                  </Link>
                  {' · '}
                  <Link className="kern-link" to={`/jury/${g.code}/${c.callCode}/rangliste`} aria-label={`Rangliste: ${c.title}`}>
                    Rangliste und Jury-Entscheidung
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </Page>
  );
}
