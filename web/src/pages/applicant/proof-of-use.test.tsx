import { describe, expect, it } from 'vitest';
import { proofProblemText } from './proof-of-use';
import { fieldId } from './texts';

const PROOF = {
  reportForm: [{ key: 'achievedObjectives', label: 'Erreichte Ziele', type: 'textarea' as const, required: true }],
  fundingStart: '2027-04-01',
  fundingEnd: '2028-12-31',
};

describe('proof of use: the API’s problems in German', () => {
  it('names the report field by its label and the expense by its number and field', () => {
    expect(proofProblemText({ code: 'FIELD_REQUIRED', field: 'fields.achievedObjectives' }, PROOF)).toBe('Bitte füllen Sie „Erreichte Ziele“ aus.');
    expect(proofProblemText({ code: 'FIELD_REQUIRED', field: 'lines[2].supplier' }, PROOF)).toBe('Ausgabe 3, Lieferant oder Empfänger: Bitte ausfüllen.');
    expect(proofProblemText({ code: 'DATE_OUTSIDE_FUNDING_PERIOD', field: 'lines[0].invoiceDate' }, PROOF)).toBe(
      'Ausgabe 1, Rechnungsdatum: Das Datum liegt außerhalb des Bewilligungszeitraums (01.04.2027 bis 31.12.2028).',
    );
    expect(proofProblemText({ code: 'RECEIPT_MISSING', field: 'lines[1].receipt' }, PROOF)).toBe('Ausgabe 2, Beleg: Bitte laden Sie den Beleg hoch.');
    expect(proofProblemText({ code: 'SOMETHING_NEW' }, PROOF)).toBe('Das hat nicht geklappt. Bitte versuchen Sie es erneut (Fehlercode SOMETHING_NEW).');
  });

  it('gives the API’s field paths the ids of the inputs the summary links to', () => {
    expect(fieldId('lines[0].paidDate')).toBe('feld-lines-0-paidDate');
    expect(fieldId('fields.achievedObjectives')).toBe('feld-fields-achievedObjectives');
  });
});
