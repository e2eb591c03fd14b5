import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { dataOf } from '../api/query';
import { Alert, Loading, Page } from '../components/layout';
import { formatDay } from '../format';

const KIND: Record<string, string> = {
  draft: 'Entwurf fortsetzen',
  step: 'Bearbeiten',
  information_request: 'Nachforderung beantworten',
  overdue_answer: 'Antwort überfällig',
  declaration: 'Befangenheit erklären',
  review: 'Bewerten',
  sign_decision: 'Bescheid zeichnen',
  certify_payment: 'Mittelabruf prüfen',
  order_payment: 'Zahlung anordnen',
  proof_of_use: 'Verwendungsnachweis einreichen',
  proof_of_use_returned: 'Verwendungsnachweis nachbessern',
  check_proof_of_use: 'Verwendungsnachweis prüfen',
  overdue_proof: 'Nachweis überfällig',
};

/** Tasks with a page of their own go straight there; the rest to the case. */
const PAGE: Record<string, string> = { proof_of_use: 'verwendungsnachweis', proof_of_use_returned: 'verwendungsnachweis', check_proof_of_use: 'verwendungsnachweis/pruefung', overdue_proof: 'bearbeitung' };

/** The start page after login: the API's work list (GET /me/tasks), what is due first on top. */
export function TasksPage() {
  const tasks = useQuery({ queryKey: ['me', 'tasks'], queryFn: () => dataOf(api.GET('/api/v1/me/tasks')) });
  return (
    <Page title="Meine Aufgaben">
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <Alert kind="danger" title="Die Aufgaben konnten nicht geladen werden." />
      ) : tasks.data.length === 0 ? (
        <p className="kern-body">Zurzeit wartet nichts auf Sie.</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Meine Aufgaben, das Dringendste zuerst</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Vorgang</th>
                <th scope="col" className="kern-table__header">Aufgabe</th>
                <th scope="col" className="kern-table__header">Stand</th>
                <th scope="col" className="kern-table__header">Frist</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {tasks.data.map((t, i) => (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">
                    <Link className="kern-link" to={`/faelle/${t.caseId}${PAGE[t.kind] ? `/${PAGE[t.kind]}` : ''}`}>
                      {t.fileNumber ?? 'Entwurf'}
                    </Link>
                    <div className="kern-body--small">{t.title}</div>
                  </td>
                  <td className="kern-table__cell">{KIND[t.kind] ?? t.kind}</td>
                  <td className="kern-table__cell">{t.stateLabel}</td>
                  <td className="kern-table__cell">{t.dueOn ? formatDay(t.dueOn) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
