import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { dataOf } from '../api/query';
import { Alert, Loading, Page } from '../components/layout';
import { formatCents, formatDay } from '../format';
import { StartConcept } from './applicant/start-concept';

// The guideline's parts arrive untyped in the OpenAPI document (they are the guideline's own data).
interface Variant {
  code: string;
  label: string;
  maxGrantCents?: number;
}
interface CostCategory {
  code: string;
  label: string;
  eligible?: boolean;
  maxRateBp?: number;
}
interface AttachmentType {
  code: string;
  label: string;
  stage?: string;
  required?: boolean;
}

const percent = (bp: number) => `${(bp / 100).toLocaleString('de-DE')} %`;

/** Open calls (GET /calls, public) with what applicants need to know before they start. */
export function CallsPage() {
  const calls = useQuery({ queryKey: ['calls'], queryFn: () => dataOf(api.GET('/api/v1/calls')) });
  return (
    <Page title="Offene Förderaufrufe">
      {calls.isPending ? (
        <Loading />
      ) : calls.isError ? (
        <Alert kind="danger" title="Die Förderaufrufe konnten nicht geladen werden." />
      ) : calls.data.length === 0 ? (
        <p className="kern-body">Zurzeit ist kein Förderaufruf offen.</p>
      ) : (
        calls.data.map((call) => (
          <section key={`${call.guidelineCode}/${call.callCode}`} className="kern-card fw-card" aria-labelledby={`aufruf-${call.guidelineCode}-${call.callCode}`}>
            <div className="kern-card__container">
              <div className="kern-card__header">
                <p className="kern-preline">{call.guidelineTitle}</p>
                <h2 className="kern-title kern-title--large" id={`aufruf-${call.guidelineCode}-${call.callCode}`}>
                  {call.title}
                </h2>
              </div>
              <div className="kern-card__body">
                <dl className="kern-description-list">
                  <Item term="Einreichung">
                    vom {formatDay(call.opensOn)} bis {formatDay(call.deadline)}
                  </Item>
                  <Item term="Mindestzuwendung">{formatCents(call.minimumGrantCents)}</Item>
                  <Item term="Vorhaben">
                    <ul className="kern-list">
                      {(call.variants as unknown as Variant[]).map((v) => (
                        <li key={v.code}>
                          {v.label}
                          {v.maxGrantCents !== undefined && `: höchstens ${formatCents(v.maxGrantCents)}`}
                        </li>
                      ))}
                    </ul>
                  </Item>
                  <Item term="Förderfähige Ausgaben">
                    <ul className="kern-list">
                      {(call.costCategories as unknown as CostCategory[])
                        .filter((c) => c.eligible !== false)
                        .map((c) => (
                          <li key={c.code}>
                            {c.label}
                            {c.maxRateBp !== undefined && ` (bis ${percent(c.maxRateBp)})`}
                          </li>
                        ))}
                    </ul>
                  </Item>
                  <ConceptAttachments types={call.attachmentTypes as unknown as AttachmentType[]} />
                </dl>
                <StartConcept guidelineCode={call.guidelineCode} callCode={call.callCode} title={call.title} />
              </div>
            </div>
          </section>
        ))
      )}
    </Page>
  );
}

function ConceptAttachments({ types }: { types: AttachmentType[] }) {
  const forConcept = types.filter((a) => a.stage === 'concept');
  if (!forConcept.length) return null;
  return (
    <Item term="Unterlagen zur Projektskizze">
      <ul className="kern-list">
        {forConcept.map((a) => (
          <li key={a.code}>
            {a.label}
            {a.required ? ' (Pflicht)' : ' (freiwillig)'}
          </li>
        ))}
      </ul>
    </Item>
  );
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}
