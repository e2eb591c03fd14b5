import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { Alert, Loading, Page } from '../../components/layout';
import { Badge, fileNumberOf } from './shared';

type Assignment = Schemas['MyAssignmentDto'];

export const myAssignmentsQuery = { queryKey: ['reviews', 'assignments'], queryFn: () => dataOf(api.GET('/api/v1/reviews/assignments')) };

/** Where the reviewer stands with one concept, in their words. */
export function assignmentStatus(a: Assignment): { text: string; kind: 'info' | 'success' | 'warning' | 'danger' } {
  if (a.status === 'conflict') return { text: 'Befangenheit erklärt', kind: 'danger' };
  if (!a.declaredAt) return { text: 'Befangenheit noch nicht erklärt', kind: 'warning' };
  if (a.reviewStatus === 'submitted') return { text: 'Bewertung abgeschickt', kind: 'success' };
  if (a.reviewStatus === 'draft') return { text: 'Bewertung im Entwurf', kind: 'info' };
  return { text: 'Bewertung offen', kind: 'info' };
}

/** The reviewer's assigned concepts (GET /reviews/assignments), each leading to its declaration, concept and scores. */
export function AssignmentsPage() {
  const assignments = useQuery(myAssignmentsQuery);
  return (
    <Page title="Meine Gutachten">
      <p className="kern-body">
        Bevor Sie eine Projektskizze sehen, erklären Sie, ob Sie befangen sind. Ihre Bewertung bleibt versiegelt: Die Bewertungen der anderen sehen Sie erst, wenn Sie Ihre eigene abgeschickt
        haben.
      </p>
      {assignments.isPending ? (
        <Loading />
      ) : assignments.isError ? (
        <Alert kind="danger" title="Ihre Gutachten konnten nicht geladen werden." />
      ) : assignments.data.length === 0 ? (
        <p className="kern-body">Ihnen ist zurzeit keine Projektskizze zur Bewertung zugewiesen.</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-title">Zugewiesene Projektskizzen</caption>
            <thead>
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Aktenzeichen
                </th>
                <th scope="col" className="kern-table__header">
                  Vorhaben
                </th>
                <th scope="col" className="kern-table__header">
                  Kommune
                </th>
                <th scope="col" className="kern-table__header">
                  Stand
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {assignments.data.map((a) => {
                const status = assignmentStatus(a);
                return (
                  <tr key={a.assignmentId} className="kern-table__row">
                    <td className="kern-table__cell">{fileNumberOf(a.fileNumber)}</td>
                    <td className="kern-table__cell">
                      <Link className="kern-link" to={`/gutachten/${a.assignmentId}`}>
                        {a.title}
                      </Link>
                    </td>
                    <td className="kern-table__cell">{a.organisationName}</td>
                    <td className="kern-table__cell">
                      <Badge kind={status.kind}>{status.text}</Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
