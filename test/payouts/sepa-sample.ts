import type { SepaCreditTransferFile } from '../../src/payouts/sepa/pain001';

/** A small file with the awkward cases: umlauts, '&' and '<' in names, no BIC, an over-long remittance. */
export function sampleFile(): SepaCreditTransferFile {
  return {
    messageId: 'FW-PR-2027-0001',
    createdAt: new Date('2027-03-01T09:15:00.123Z'),
    paymentInfoId: 'FW-PR-2027-0001',
    executionDate: '2027-03-02',
    initiatingParty: 'Sächsische Aufbaubank – Förderbank –',
    debtor: { name: 'Sächsische Aufbaubank – Förderbank –', iban: 'DE34 8600 0000 0086 0015 00', bic: 'MARKDEF1860' },
    transactions: [
      {
        endToEndId: 'LIFD0001-1',
        amountCents: 1_234_567,
        creditor: {
          name: 'Gemeinde Großröhrsdorf & Söhne <GmbH>',
          iban: 'DE89370400440532013000',
          bic: 'COBADEFFXXX',
          address: { street: 'Rathausstraße', buildingNumber: '1a', postalCode: '01900', town: 'Großröhrsdorf', country: 'DE' },
        },
        remittance: 'Zuwendung LIfD-2026-1-000001 Mittelabruf 1',
      },
      {
        endToEndId: 'LIFD0002-1',
        amountCents: 5,
        creditor: { name: 'Café Élan', iban: 'DE02120300000000202051', address: { street: 'Hauptstr.', buildingNumber: '7', postalCode: '04109', town: 'Leipzig', country: 'DE' } },
        remittance: 'x'.repeat(200),
      },
    ],
  };
}
