import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PayableFigures, PaymentRequest, paymentProblemText, problemsOf } from './payment-request-common';

afterEach(cleanup);
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

const REQUEST = {
  id: 'r1',
  caseId: 'c1',
  fileNumber: 'LIfD-2026-1-000900',
  title: 'Makerspace',
  number: 1,
  status: 'draft',
  version: 2,
  requestedCents: null,
  payableCents: null,
  calculation: null,
  plan: {
    grantCents: 10476543,
    retentionCents: 1047654,
    fundingStart: '2027-04-01',
    fundingEnd: '2028-12-31',
    requestWindowMonths: 2,
    categories: [{ category: 'equipment', label: 'Ausstattung', rateBp: 8000, grantCents: 9876543 }],
  },
  preview: {
    perCategory: [{ category: 'equipment', rateBp: 8000, acceptedCents: 2623456, payableCents: 2098764, planGrantCents: 9876543, earlierCents: 0 }],
    payableCents: 2098764,
    grantCents: 10476543,
    retentionCents: 1047654,
    earlierCents: 0,
    openBeforeCents: 9428889,
    dueByDate: '2027-07-03',
  },
  problems: [],
  lines: [],
  receipts: [],
  createdAt: '2027-05-03T08:00:00Z',
  submittedAt: null,
  certifiedAt: null,
  orderedAt: null,
} as unknown as PaymentRequest;

describe('payment request texts', () => {
  it('words the API’s problems in German with the figures of the request', () => {
    expect(paymentProblemText({ code: 'DUE_OUTSIDE_WINDOW', field: 'lines[1].dueDate' }, REQUEST)).toBe(
      'Diese Zahlung ist zu spät fällig: Mittel dürfen nur für Zahlungen angefordert werden, die innerhalb von 2 Monaten fällig werden (bis 03.07.2027).',
    );
    expect(paymentProblemText({ code: 'OUTSIDE_FUNDING_PERIOD', field: 'lines[0].invoiceDate' }, REQUEST)).toBe(
      'Das Rechnungsdatum liegt außerhalb des Bewilligungszeitraums (01.04.2027 bis 31.12.2028).',
    );
    expect(nbsp(paymentProblemText({ code: 'GRANT_EXCEEDED', field: 'lines' }, REQUEST, { openCents: 4548889, retentionCents: 1047654 }))).toBe(
      'Der Mittelabruf übersteigt die noch offene Zuwendung von 45.488,89 €; 10.476,54 € werden bis zur Prüfung des Verwendungsnachweises einbehalten.',
    );
    expect(paymentProblemText({ code: 'FOUR_EYES_VIOLATION' })).toContain('Vier-Augen-Prinzip');
  });

  it('reads the problems of a 4xx answer, or its code alone', () => {
    expect(problemsOf({ code: 'PAYMENT_REQUEST_INVALID', details: { problems: [{ code: 'GRANT_EXCEEDED', field: 'lines' }] } })).toEqual([{ code: 'GRANT_EXCEEDED', field: 'lines' }]);
    expect(problemsOf({ code: 'OBJECTION_OPEN' })).toEqual([{ code: 'OBJECTION_OPEN' }]);
  });

  it('shows the preview: per category, payable, retention and what is open', () => {
    render(<PayableFigures request={REQUEST} title="Berechnung" />);
    const figures = nbsp(screen.getByTestId('auszahlung').textContent!);
    expect(figures).toContain('26.234,56 € × 80 % = 20.987,64 €');
    expect(figures).toContain('Einbehalt bis zum Verwendungsnachweis10.476,54 €');
    expect(figures).toContain('Noch offen vor diesem Abruf94.288,89 €');
  });
});
