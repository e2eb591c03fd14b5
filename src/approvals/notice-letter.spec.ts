import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseGuideline } from '../guidelines/guideline-loader';
import { fillPlaceholders } from '../platform/texts';
import { NoticeInput, renderNoticePdf, withoutHeaderLines } from './notice-letter';

const guidelineFile = join(__dirname, '../../config/guidelines/frl-lifd.yaml');
const guideline = parseGuideline(guidelineFile, readFileSync(guidelineFile, 'utf8'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'notice-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function pdfText(pdf: Buffer): string {
  const file = join(dir, `n${++counter}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function approval(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    kind: 'approval',
    texts: guideline.texts,
    authority: guideline.authority,
    fileNumber: 'LIfD-2026-1-000123',
    issuedAt: new Date('2026-11-22T09:30:00Z'),
    appliedAt: new Date('2026-09-15T08:00:00Z'),
    callTitle: '1. Förderaufruf 2026',
    addressee: { name: 'Große Kreisstadt Döbeln', contactName: 'Frau Anke Richter', street: 'Obermarkt', buildingNumber: '1', postalCode: '04720', city: 'Döbeln' },
    projectTitle: 'Makerspace Döbeln – Digitalwerkstatt für alle',
    signatory: 'Jürgen Weiß, Abteilungsleiter Förderung',
    verificationCode: 'FW-3F9A-7C21-BE04',
    verificationUrl: 'https://foerderwerk.example/pruefen',
    amountCents: 9876543,
    eligibleCostsCents: 12345679,
    fundingTypeLabel: guideline.fundingType.label,
    rates: [
      { label: 'Ausstattung', rateBp: 8000 },
      { label: 'Personal', rateBp: 6000 },
    ],
    fundingStart: '2027-01-01',
    fundingEnd: '2028-12-31',
    financingPlan: {
      costs: [
        { label: 'Ausstattung und Investitionen (Hard- und Software, Maschinen, Geräte)', amountCents: 8345679 },
        { label: 'Herrichtung und Umbau von Räumen', amountCents: 1500000 },
        { label: 'Personalausgaben', amountCents: 2500000 },
      ],
      totalCostsCents: 12345679,
      grantCents: 9876543,
      ownContributionCents: 1969136,
      thirdParty: [{ label: 'Sparkassenstiftung Mittelsachsen', amountCents: 500000 }],
    },
    requestWindowMonths: guideline.payments.requestWindowMonths,
    retentionBp: guideline.payments.retentionBp,
    interimReportDue: guideline.reporting.interimReportDue,
    finalReportDue: '2029-06-30',
    receiptRetentionYears: guideline.reporting.receiptRetentionYears,
    paymentDates: 'Der erste Mittelabruf ist frühestens ab dem 01.01.2027 möglich.',
    reportingDates: 'Der erste Zwischennachweis ist bis zum 30.04.2028 vorzulegen.',
    ...overrides,
  };
}

describe('fillPlaceholders', () => {
  it('replaces known placeholders and keeps unknown ones', () => {
    expect(fillPlaceholders('Az. {fileNumber}, {unknown} {fileNumber}', { fileNumber: 'X-1' })).toBe('Az. X-1, {unknown} X-1');
  });
});

describe('renderNoticePdf', () => {
  it('renders an approval with the binding financing plan and all sections', async () => {
    const text = pdfText(await renderNoticePdf(approval()));
    expect(text).toContain('Sächsische Aufbaubank – Förderbank –');
    expect(text).toContain('Große Kreisstadt Döbeln');
    expect(text).toMatch(/Große Kreisstadt Döbeln[^\n]*\n\s*Frau Anke Richter[^\n]*\n\s*Obermarkt 1[^\n]*\n\s*04720 Döbeln/);
    // file number and date are printed once, in the information block
    expect(text.match(/LIfD-2026-1-000123/g)!.length).toBe(1 + (text.match(/Aktenzeichen LIfD-2026-1-000123/g)?.length ?? 0));
    expect(text).toContain('Zuwendungsbescheid');
    expect(text).toContain('LIfD-2026-1-000123');
    expect(text).toContain('22.11.2026');
    expect(text).toContain('15.09.2026');
    expect(text).toMatch(/vom 01\.01\.2027 bis 31\.12\.2028/);
    expect(text).toContain('98.765,43 €');
    expect(text).toContain('123.456,79 €');
    expect(text).toContain('Ausstattung 80 %, Personal 60 %');
    expect(text).toMatch(/^\s*I\. Entscheidung/m);
    expect(text).toMatch(/^\s*II\. Nebenbestimmungen/m);
    expect(text).toMatch(/^\s*III\. Rechtsbehelfsbelehrung/m);
    // financing plan rows
    expect(text).toMatch(/Herrichtung und Umbau von Räumen\s+15\.000,00 €/);
    expect(text).toMatch(/Personalausgaben\s+25\.000,00 €/);
    expect(text).toMatch(/Gesamtausgaben\s+123\.456,79 €/);
    expect(text).toMatch(/Zuwendung\s+98\.765,43 €/);
    expect(text).toMatch(/Eigenanteil\s+19\.691,36 €/);
    expect(text).toMatch(/Drittmittel: Sparkassenstiftung Mittelsachsen\s+5\.000,00 €/);
    expect(text).toMatch(/Summe\s+123\.456,79 €/);
    // conditions with dates and numbers from the guideline
    expect(text).toContain('innerhalb von 2 Monaten');
    expect(text).toContain('10 % der Zuwendung');
    expect(text).toContain('bis zum 30.04. des Folgejahres');
    expect(text).toContain('bis zum 30.06.2029');
    expect(text).toContain('Der erste Zwischennachweis ist bis zum 30.04.2028 vorzulegen.');
    expect(text).toContain('Jürgen Weiß, Abteilungsleiter Förderung');
    expect(text).not.toMatch(/\{[A-Za-z]+\}/);
    expect(text).not.toContain('Kürzungen');
    // footer on every page
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain(`Prüfcode: FW-3F9A-7C21-BE04 · Seite ${i + 1} von ${pages.length}`);
      expect(page).toContain('Echtheit prüfen: https://foerderwerk.example/pruefen');
    });
  });

  it('renders a partial approval with the reductions and their reasons', async () => {
    const text = pdfText(
      await renderNoticePdf(
        approval({
          reductions: [
            { label: 'Fahrzeug', reducedByCents: 2500000, reason: 'Fahrzeuge sind nur bei mobilen Innovationsräumen zuwendungsfähig.' },
            { label: 'Bewirtung', reducedByCents: 123456, reason: 'Bewirtungskosten sind nicht zuwendungsfähig.' },
          ],
        }),
      ),
    );
    expect(text).toContain('Kürzungen gegenüber dem Antrag');
    expect(text).toMatch(/Fahrzeug\s+25\.000,00 €\s+Fahrzeuge sind nur bei mobilen/);
    expect(text).toMatch(/Bewirtung\s+1\.234,56 €\s+Bewirtungskosten sind nicht zuwendungsfähig\./);
    expect(text).toMatch(/Summe der Kürzungen\s+26\.234,56 €/);
    expect(text).toContain('98.765,43 €');
  });

  it('renders a rejection with numbered reasons', async () => {
    const text = pdfText(
      await renderNoticePdf({
        kind: 'rejection',
        texts: guideline.texts,
        authority: guideline.authority,
        fileNumber: 'LIfD-2026-1-000124',
        issuedAt: new Date('2026-11-23T11:00:00+01:00'),
        appliedAt: new Date('2026-09-20T12:00:00+02:00'),
        callTitle: '1. Förderaufruf 2026',
        addressee: { name: 'Verein Digitales Erzgebirge e. V.', street: 'Annaberger Straße', buildingNumber: '5', postalCode: '09456', city: 'Annaberg-Buchholz' },
        projectTitle: 'Digitalwerkstatt Erzgebirge',
        signatory: 'Jürgen Weiß',
        verificationCode: 'FW-0000-1111-2222',
        verificationUrl: 'https://foerderwerk.example/pruefen',
        reasons: [
          'Die Konzeptbewertung hat die Mindestpunktzahl nicht erreicht.',
          'Die Haushaltsmittel des Förderaufrufs sind ausgeschöpft.',
        ],
      }),
    );
    expect(text).toContain('Ablehnungsbescheid');
    expect(text).toContain('LIfD-2026-1-000124');
    expect(text).toContain('23.11.2026');
    expect(text).toContain('20.09.2026');
    expect(text).toMatch(/^\s*Begründung/m);
    expect(text).toMatch(/^\s*Rechtsbehelfsbelehrung/m);
    expect(text).toMatch(/1\.\s+Die Konzeptbewertung hat die Mindestpunktzahl nicht erreicht\./);
    expect(text).toMatch(/2\.\s+Die Haushaltsmittel des Förderaufrufs sind ausgeschöpft\./);
    expect(text).toContain('Prüfcode: FW-0000-1111-2222');
    expect(text).not.toContain('Finanzierungsplan');
    expect(text).not.toContain('Zuwendungsbescheid');
  });

  it('renders an amendment under the title Änderungsbescheid with the guideline\'s amendmentIntro', async () => {
    const text = pdfText(await renderNoticePdf(approval({ kind: 'amendment', issuedAt: new Date('2027-03-01T10:00:00+01:00'), amountCents: 9000000 })));
    expect(text).toMatch(/^\s*Änderungsbescheid\s*$/m);
    expect(text).not.toMatch(/^\s*Zuwendungsbescheid\s*$/m);
    if (guideline.texts.amendmentIntro) expect(text).toMatch(/wird\s+wie\s+folgt\s+geändert/);
    expect(text).toContain('01.03.2027');
    expect(text).toContain('90.000,00 €');
    expect(text).toMatch(/Zuwendung\s+98\.765,43 €/);
    expect(text).toMatch(/^\s*III\. Rechtsbehelfsbelehrung/m);
  });

  it('falls back to noticeIntro with Änderungsbescheid when there is no amendmentIntro', async () => {
    const { amendmentIntro: _unused, ...texts } = guideline.texts;
    const text = pdfText(await renderNoticePdf(approval({ kind: 'amendment', texts })));
    expect(text).toContain('Änderungsbescheid');
    expect(text).not.toContain('Zuwendungsbescheid');
    expect(text).toContain('ergeht folgender Bescheid');
  });

  it('is deterministic: the same input gives identical bytes, other input another hash', async () => {
    const a = await renderNoticePdf(approval());
    const b = await renderNoticePdf(approval());
    expect(sha256(a)).toBe(sha256(b));
    expect(a.equals(b)).toBe(true);
    const c = await renderNoticePdf(approval({ amountCents: 9876542 }));
    expect(sha256(c)).not.toBe(sha256(a));
  });

  it('prints a rejection closing once', async () => {
    const text = pdfText(await renderNoticePdf({ ...approval(), kind: 'rejection', reasons: ['Die Mittel sind ausgeschöpft.'] }));
    expect(text.match(/Mit freundlichen Grüßen/g)).toHaveLength(1);
  });

  it('skips the title, file number and date lines at the top of an intro (printed by the letter itself)', () => {
    expect(withoutHeaderLines('Zuwendungsbescheid\nAktenzeichen: {fileNumber}\nDatum: {date}\n\nSehr geehrte Damen und Herren,\n\nText', 'Zuwendungsbescheid')).toBe(
      'Sehr geehrte Damen und Herren,\n\nText',
    );
    expect(withoutHeaderLines('Ablehnungsbescheid\nGeschäftszeichen: {fileNumber}\nMagdeburg, {date}\n\nSehr geehrte', 'Ablehnungsbescheid')).toBe('Sehr geehrte');
    expect(withoutHeaderLines('Sehr geehrte Damen und Herren,\nDatum: {date}', 'Zuwendungsbescheid')).toBe('Sehr geehrte Damen und Herren,\nDatum: {date}');
  });

  it('refuses to print a raw placeholder', async () => {
    await expect(renderNoticePdf(approval({ requestWindowMonths: undefined }))).rejects.toThrow(/requestWindowMonths/);
  });
});
