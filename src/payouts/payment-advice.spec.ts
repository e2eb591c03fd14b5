import { loadGuidelines } from '../guidelines/guideline-loader';
import * as path from 'node:path';
import { maskIban, paymentAdviceLetter, PaymentAdviceInput } from './payment-advice';

const lifd = loadGuidelines(path.join(__dirname, '../../config/guidelines')).find((g) => g.definition.code === 'frl-lifd')!.definition;

function input(): PaymentAdviceInput {
  return {
    texts: lifd.texts,
    authority: lifd.authority,
    addressee: { name: 'Gemeinde Großröhrsdorf', street: 'Rathausstraße', buildingNumber: '1a', postalCode: '01900', city: 'Großröhrsdorf', country: 'DE' },
    fileNumber: 'LIfD-2026-1-000001',
    projectTitle: 'Werkstatt Großröhrsdorf',
    issuedAt: new Date('2027-03-02T15:00:00Z'),
    paymentNumber: 2,
    amountCents: 1_234_567,
    paidOn: '2027-03-02',
    payee: { holder: 'Gemeinde Großröhrsdorf', iban: 'DE89370400440532013000' },
    endToEndId: 'LIfD-2026-1-000001-2',
    remittance: 'Zuwendung FRL LIfD Az. LIfD-2026-1-000001 Mittelabruf Nr. 2',
    paidToDateCents: 2_000_000,
    requestWindowMonths: 2,
    receiptRetentionYears: 5,
  };
}

describe('payment advice (Auszahlungsmitteilung)', () => {
  it('masks the IBAN but for country, check digits and the last four', () => {
    expect(maskIban('DE89 3704 0044 0532 0130 00')).toBe('DE89 **** **** **** **30 00');
  });

  it('fills the guideline wording and lists the payment', () => {
    const letter = paymentAdviceLetter(input());
    expect(letter.title).toBe('Auszahlungsmitteilung');
    expect(letter.verificationCode).toBeUndefined();
    const intro = letter.blocks[0];
    expect(intro).toEqual({
      type: 'text',
      text: 'Sehr geehrte Damen und Herren,\n\nauf Ihren Mittelabruf Nr. 2 zum Vorhaben „Werkstatt Großröhrsdorf“ haben wir am 02.03.2027 einen Betrag von 12.345,67 € auf Ihr Konto DE89 **** **** **** **30 00 überwiesen.',
    });
    const table = letter.blocks[1];
    if (table.type !== 'table') throw new Error('expected the table');
    expect(table.rows.map((r) => r.cells)).toContainEqual(['Ausgezahlter Betrag', '12.345,67 €']);
    expect(table.rows.map((r) => r.cells)).toContainEqual(['Bisher insgesamt ausgezahlt', '20.000,00 €']);
    expect(JSON.stringify(letter)).not.toMatch(/\{[a-zA-Z]+\}/);
  });

  it('refuses to go out with a text block missing', () => {
    const texts = { ...lifd.texts };
    delete texts.adviceNote;
    expect(() => paymentAdviceLetter({ ...input(), texts })).toThrow('adviceNote');
  });
});
