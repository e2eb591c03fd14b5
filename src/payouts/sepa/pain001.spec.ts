import { sampleFile } from '../../../test/payouts/sepa-sample';
import { isSepaIdentifier, sepaAmount, sepaField, sepaText, writePain001 } from './pain001';

describe('pain.001.001.09 writer', () => {
  it('formats amounts in cents with two decimals and a dot', () => {
    expect(sepaAmount(0)).toBe('0.00');
    expect(sepaAmount(5)).toBe('0.05');
    expect(sepaAmount(1_234_567)).toBe('12345.67');
    expect(sepaAmount(100_000_000_00)).toBe('100000000.00');
    expect(() => sepaAmount(1.5)).toThrow();
    expect(() => sepaAmount(-1)).toThrow();
  });

  it('writes text in the SEPA character set', () => {
    expect(sepaText('Großröhrsdorf')).toBe('Grossroehrsdorf');
    expect(sepaText('Äpfel & Öl – Übung')).toBe('Aepfel + Oel - Uebung');
    expect(sepaText('Café Élan  <b>')).toBe('Cafe Elan b');
    expect(sepaField('Sächsische Aufbaubank – Förderbank –', 20)).toBe('Saechsische Aufbauba');
    expect(isSepaIdentifier('LIFD0001-1')).toBe(true);
    expect(isSepaIdentifier('/x')).toBe(false);
    expect(isSepaIdentifier('a//b')).toBe(false);
    expect(isSepaIdentifier('a'.repeat(36))).toBe(false);
  });

  it('writes the group header, one payment information and one transaction per payment', () => {
    const out = writePain001(sampleFile());
    expect(out).toContain('<MsgId>FW-PR-2027-0001</MsgId>\n<CreDtTm>2027-03-01T09:15:00Z</CreDtTm>\n<NbOfTxs>2</NbOfTxs>\n<CtrlSum>12345.72</CtrlSum>');
    expect(out.match(/<CtrlSum>12345.72<\/CtrlSum>/g)).toHaveLength(2);
    expect(out.match(/<NbOfTxs>2<\/NbOfTxs>/g)).toHaveLength(2);
    expect(out).toContain('<Dbtr><Nm>Saechsische Aufbaubank - Foerderbank -</Nm></Dbtr>\n<DbtrAcct><Id><IBAN>DE34860000000086001500</IBAN></Id></DbtrAcct>\n<DbtrAgt><FinInstnId><BICFI>MARKDEF1860</BICFI></FinInstnId></DbtrAgt>\n<ChrgBr>SLEV</ChrgBr>');
    expect(out).toContain('<ReqdExctnDt><Dt>2027-03-02</Dt></ReqdExctnDt>');
    expect(out).toContain(
      '<PmtId><EndToEndId>LIFD0001-1</EndToEndId></PmtId>\n<Amt><InstdAmt Ccy="EUR">12345.67</InstdAmt></Amt>\n<CdtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></CdtrAgt>\n<Cdtr>\n<Nm>Gemeinde Grossroehrsdorf + Soehne GmbH</Nm>\n<PstlAdr>\n<StrtNm>Rathausstrasse</StrtNm>\n<BldgNb>1a</BldgNb>\n<PstCd>01900</PstCd>\n<TwnNm>Grossroehrsdorf</TwnNm>\n<Ctry>DE</Ctry>\n</PstlAdr>\n</Cdtr>\n<CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct>\n<RmtInf><Ustrd>Zuwendung LIfD-2026-1-000001 Mittelabruf 1</Ustrd></RmtInf>',
    );
    // no BIC given: no creditor agent; remittance cut to 140
    const second = out.slice(out.lastIndexOf('<CdtTrfTxInf>'));
    expect(second).not.toContain('CdtrAgt');
    expect(second).toContain(`<Ustrd>${'x'.repeat(140)}</Ustrd>`);
    expect(second).toContain('<Amt><InstdAmt Ccy="EUR">0.05</InstdAmt></Amt>');
  });

  it('is deterministic and escapes what XML needs', () => {
    const f = sampleFile();
    f.transactions[0].remittance = "O'Brien";
    expect(writePain001(f)).toBe(writePain001(f));
    expect(writePain001(f)).toContain('<Ustrd>O&apos;Brien</Ustrd>');
  });

  it('refuses files the bank would reject', () => {
    expect(() => writePain001({ ...sampleFile(), transactions: [] })).toThrow('at least one');
    const dup = sampleFile();
    dup.transactions[1].endToEndId = dup.transactions[0].endToEndId;
    expect(() => writePain001(dup)).toThrow('unique');
    const zero = sampleFile();
    zero.transactions[1].amountCents = 0;
    expect(() => writePain001(zero)).toThrow('between');
  });
});
