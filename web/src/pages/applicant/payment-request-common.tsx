import { ReactNode } from 'react';
import { download, Schemas } from '../../api/client';
import { germanMessage } from '../../components/forms';
import { formatCents, formatDay } from '../../format';

// Pieces the payment request pages of applicant, caseworker and finance share. The server computes every figure.

export type PaymentRequest = Schemas['PaymentRequestViewDto'];
export type PaymentProblem = { code: string; field?: string; message?: string };

export const STATUS_LABEL: Record<string, string> = {
  draft: 'Entwurf',
  submitted: 'Eingereicht, in Prüfung',
  certified: 'Sachlich und rechnerisch richtig, Anordnung ausstehend',
  ordered: 'Auszahlung angeordnet',
  paid: 'Ausgezahlt',
  returned: 'Von der Bank zurückgegeben',
};

/** German text of a problem the API names (its messages are English, for developers). */
export function paymentProblemText(p: PaymentProblem, r?: PaymentRequest | null, details?: { openCents?: number; retentionCents?: number }): string {
  const plan = r?.plan;
  switch (p.code) {
    case 'DUE_OUTSIDE_WINDOW':
      return `Diese Zahlung ist zu spät fällig: Mittel dürfen nur für Zahlungen angefordert werden, die innerhalb von ${plan?.requestWindowMonths ?? 2} Monaten fällig werden${r?.preview ? ` (bis ${formatDay(r.preview.dueByDate)})` : ''}.`;
    case 'OUTSIDE_FUNDING_PERIOD':
      return `Das Rechnungsdatum liegt außerhalb des Bewilligungszeitraums${plan?.fundingStart && plan.fundingEnd ? ` (${formatDay(plan.fundingStart)} bis ${formatDay(plan.fundingEnd)})` : ''}.`;
    case 'CATEGORY_NOT_IN_PLAN':
      return 'Für diese Ausgabenart sieht der verbindliche Finanzierungsplan keine Zuwendung vor.';
    case 'CATEGORY_EXCEEDED':
      return 'Mit dieser Ausgabe würde die für die Ausgabenart bewilligte Zuwendung überschritten.';
    case 'GRANT_EXCEEDED': {
      const open = details?.openCents ?? r?.preview?.openBeforeCents;
      const retention = details?.retentionCents ?? r?.plan?.retentionCents;
      return `Der Mittelabruf übersteigt die noch offene Zuwendung${open !== undefined ? ` von ${formatCents(open)}` : ''}${retention !== undefined ? `; ${formatCents(retention)} werden bis zur Prüfung des Verwendungsnachweises einbehalten` : ''}.`;
    }
    case 'LINES_MISSING':
      return 'Bitte tragen Sie mindestens eine Ausgabe ein.';
    case 'RECEIPT_NOT_FOUND':
      return 'Der Beleg gehört nicht zu diesem Mittelabruf. Bitte laden Sie ihn erneut hoch.';
    case 'STALE_VERSION':
      return 'Der Mittelabruf wurde inzwischen geändert. Bitte laden Sie die Seite neu.';
    case 'PAYMENT_REQUEST_NOT_DRAFT':
      return 'Der Mittelabruf ist bereits eingereicht und kann nicht mehr geändert werden.';
    case 'NOTICE_NOT_FINAL':
      return 'Mittel können erst abgerufen werden, wenn der Zuwendungsbescheid bestandskräftig ist.';
    case 'OBJECTION_OPEN':
      return 'Solange über einen Widerspruch nicht entschieden ist, können keine Mittel abgerufen werden.';
    case 'FOUR_EYES_VIOLATION':
      return 'Sie haben diesen Mittelabruf geprüft. Die Auszahlung muss eine andere Person anordnen (Vier-Augen-Prinzip).';
    case 'PAYEE_ACCOUNT_MISSING':
      return 'Für die Organisation ist kein bestätigtes Auszahlungskonto hinterlegt; die Auszahlung kann nicht angeordnet werden.';
    case 'REDUCTION_INVALID':
      return 'Der anerkannte Betrag muss kleiner als der Rechnungsbetrag sein.';
    case 'PAYMENT_REQUEST_NOT_SUBMITTED':
    case 'PAYMENT_REQUEST_NOT_CERTIFIED':
      return 'Der Mittelabruf wurde inzwischen bearbeitet. Bitte laden Sie die Seite neu.';
    case 'ATTACHMENT_CONTENT_NOT_ALLOWED':
      return 'Der Beleg muss eine PDF-, PNG- oder JPEG-Datei sein.';
    case 'ATTACHMENT_TOO_LARGE':
      return 'Der Beleg ist zu groß.';
    default:
      return germanMessage({ code: p.code, field: p.field });
  }
}

/** The API's problems (of a 4xx answer or of a draft's preview) as German texts. */
export function problemsOf(error: unknown): PaymentProblem[] {
  const e = error as { code?: string; details?: { problems?: PaymentProblem[] } } | undefined;
  if (e?.details?.problems?.length) return e.details.problems;
  return e?.code ? [{ code: e.code }] : [{ code: 'UNKNOWN' }];
}

export function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

export const percent = (bp: number) => `${(bp / 100).toLocaleString('de-DE')} %`;

/** Grant, retention and what this request pays, per category: the frozen calculation, or a draft's preview. */
export function PayableFigures({ request, title }: { request: PaymentRequest; title: string }) {
  const c = request.calculation ?? request.preview;
  const label = (code: string) => request.plan?.categories.find((k) => k.category === code)?.label ?? code;
  return (
    <section className="kern-card fw-figures" aria-labelledby="auszahlung-titel">
      <div className="kern-card__container">
        <h2 className="kern-title" id="auszahlung-titel">
          {title}
        </h2>
        {!c ? (
          <p className="kern-body">Zu diesem Vorgang gibt es keine verbindliche Bewilligung.</p>
        ) : (
          <dl className="kern-description-list" data-testid="auszahlung">
            {c.perCategory.map((p) => (
              <Item key={p.category} term={label(p.category)}>
                {formatCents(p.acceptedCents)} × {percent(p.rateBp)} = {formatCents(p.payableCents)}
              </Item>
            ))}
            <Item term="Auszahlungsbetrag dieses Abrufs">
              <strong>{formatCents(c.payableCents)}</strong>
            </Item>
            <Item term="Bewilligte Zuwendung">{formatCents(c.grantCents)}</Item>
            <Item term="Einbehalt bis zum Verwendungsnachweis">{formatCents(c.retentionCents)}</Item>
            <Item term="Bereits abgerufen">{formatCents(c.earlierCents)}</Item>
            <Item term="Noch offen vor diesem Abruf">{formatCents(c.openBeforeCents)}</Item>
            <Item term="Fällig spätestens">{formatDay(c.dueByDate)}</Item>
          </dl>
        )}
      </div>
    </section>
  );
}

/** The expense list as submitted, read only; `extra` adds the caseworker's columns. */
export function LinesTable({
  request,
  extraHead,
  extra,
}: {
  request: PaymentRequest;
  extraHead?: ReactNode;
  extra?: (line: PaymentRequest['lines'][number], index: number) => ReactNode;
}) {
  const label = (code: string) => request.plan?.categories.find((k) => k.category === code)?.label ?? code;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table fw-plan">
        <caption className="kern-title">Belegliste</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Nr.</th>
            <th scope="col" className="kern-table__header">Ausgabenart</th>
            <th scope="col" className="kern-table__header">Rechnung</th>
            <th scope="col" className="kern-table__header">Rechnungsdatum</th>
            <th scope="col" className="kern-table__header">Fällig/bezahlt am</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Betrag</th>
            <th scope="col" className="kern-table__header">Beleg</th>
            {extraHead}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {request.lines.map((l, i) => (
            <tr className="kern-table__row" key={l.id}>
              <td className="kern-table__cell">{l.position}</td>
              <td className="kern-table__cell">{label(l.category)}</td>
              <td className="kern-table__cell">
                {l.invoiceNumber}
                <div className="kern-body--small">{l.supplier}</div>
                {l.description && <div className="kern-body--small">{l.description}</div>}
              </td>
              <td className="kern-table__cell">{formatDay(l.invoiceDate)}</td>
              <td className="kern-table__cell">{formatDay(l.dueDate)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {formatCents(l.amountCents)}
                {l.acceptedCents !== null && !extra && (
                  <div className="kern-body--small">
                    anerkannt {formatCents(l.acceptedCents)}: {l.reductionReason}
                  </div>
                )}
              </td>
              <td className="kern-table__cell">
                {l.receiptSha256 ? (
                  <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void download(`/api/v1/payment-requests/${request.id}/receipts/${l.receiptSha256}`, l.receiptFilename ?? 'beleg')}>
                    <span className="kern-label">
                      {l.receiptFilename ?? 'Beleg'}
                      <span className="fw-visually-hidden"> (Beleg zu Zeile {l.position} herunterladen)</span>
                    </span>
                  </button>
                ) : (
                  '–'
                )}
              </td>
              {extra?.(l, i)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
