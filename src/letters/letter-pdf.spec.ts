import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { addressLines, LetterInput, letterDate, renderLetterPdf, renderLetterPdfPlain } from './letter-pdf';

let dir: string;
beforeAll(() => {
  dir = process.env.LETTER_DUMP_DIR ?? mkdtempSync(join(tmpdir(), 'letter-pdf-'));
});
afterAll(() => {
  if (!process.env.LETTER_DUMP_DIR) rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
function pdfText(pdf: Buffer): string {
  const file = join(dir, `letter${++counter}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const LONG = Array.from({ length: 40 }, (_, i) => `${i + 1}. Eine Bestimmung, die lang genug ist, um mehr als eine Zeile zu füllen, damit der Brief mehrere Seiten bekommt.`).join('\n');

function letter(overrides: Partial<LetterInput> = {}): LetterInput {
  return {
    title: 'Zahlungsmitteilung',
    sender: { name: 'Sächsische Aufbaubank – Förderbank –', department: 'Förderung Digitales', street: 'Pirnaische Straße 9', postalCode: '01069', city: 'Dresden', email: 'lifd@sab.example' },
    addressee: { name: 'Stadt Mittweida', contactName: 'Frau Erika Muster', street: 'Markt', buildingNumber: '32', postalCode: '09648', city: 'Mittweida', country: 'DE' },
    fileNumber: 'LIfD-2026-1-000007',
    issuedAt: new Date('2027-02-15T09:00:00Z'),
    blocks: [
      { type: 'text', text: 'Sehr geehrte Damen und Herren,\n\nwir teilen Ihnen Folgendes mit:' },
      { type: 'text', text: `I. Bestimmungen\n\n${LONG}`, headed: true },
      {
        type: 'table',
        heading: 'Übersicht',
        lines: ['Alle Beträge in Euro.'],
        columns: [
          { width: 0.7, align: 'left' },
          { width: 0.3, align: 'right' },
        ],
        rows: [
          { cells: ['Position', 'Betrag'], kind: 'header' },
          { cells: ['Erste Rate', '1.000,00 €'] },
          { cells: ['Summe', '1.000,00 €'], kind: 'total' },
        ],
      },
      { type: 'text', text: 'Mit freundlichen Grüßen\n\nSächsische Aufbaubank – Förderbank –', keepTogether: true },
    ],
    verificationCode: 'FW-0A1B-2C3D-4E5F-6789',
    verificationUrl: 'https://foerderwerk.example/verify?code=FW-0A1B-2C3D-4E5F-6789',
    ...overrides,
  };
}

describe('addressLines', () => {
  it('prints name, contact, street with number, postcode with city', () => {
    expect(addressLines(letter().addressee)).toEqual(['Stadt Mittweida', 'Frau Erika Muster', 'Markt 32', '09648 Mittweida']);
  });

  it('prints what there is when the address is missing or partial, never crashing', () => {
    expect(addressLines({ name: 'Gemeinde Ohneadresse' })).toEqual(['Gemeinde Ohneadresse']);
    expect(addressLines({ name: 'Gemeinde Teil', street: null, buildingNumber: null, postalCode: '01234', city: null, contactName: '  ' })).toEqual(['Gemeinde Teil', '01234']);
    expect(addressLines({ name: 'Gmina Zgorzelec', street: 'ul. Dolna', buildingNumber: '1', postalCode: '59-900', city: 'Zgorzelec', country: 'PL' })).toEqual([
      'Gmina Zgorzelec',
      'ul. Dolna 1',
      '59-900 Zgorzelec',
      'POLEN',
    ]);
  });
});

describe('letterDate', () => {
  it('is the calendar date in Germany of the instant', () => {
    expect(letterDate(new Date('2026-12-31T23:30:00Z'))).toBe('01.01.2027');
    expect(letterDate(new Date('2027-06-30T21:59:00Z'))).toBe('30.06.2027');
    expect(letterDate(new Date('2027-06-30T22:00:00Z'))).toBe('01.07.2027');
  });
});

describe('renderLetterPdf', () => {
  it('lays out letterhead, addressee, file number, date, title, text and table, and the verification footer on every page', async () => {
    const text = pdfText(await renderLetterPdf(letter()));
    expect(text).toContain('Sächsische Aufbaubank – Förderbank –');
    expect(text).toMatch(/Stadt Mittweida[^\n]*\n\s*Frau Erika Muster[^\n]*\n\s*Markt 32[^\n]*\n\s*09648 Mittweida/);
    expect(text).toMatch(/Aktenzeichen\s*\n\s*LIfD-2026-1-000007/);
    expect(text).toMatch(/Datum\s*\n\s*15\.02\.2027/);
    expect(text).toMatch(/^\s*Zahlungsmitteilung\s*$/m);
    expect(text).toMatch(/Erste Rate\s+1\.000,00 €/);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain(`Prüfcode: FW-0A1B-2C3D-4E5F-6789 · Seite ${i + 1} von ${pages.length}`);
      expect(page).toContain('Echtheit prüfen: https://foerderwerk.example/verify?code=FW-0A1B-2C3D-4E5F-6789');
    });
  });

  it('keeps a long verification URL on one line', async () => {
    const url = 'https://foerderportal.verwaltung.sachsen-anhalt.example/foerderwerk/verify?code=FW-0A1B-2C3D-4E5F-6789';
    const text = pdfText(await renderLetterPdf(letter({ verificationUrl: url })));
    expect(text).toContain(`Echtheit prüfen: ${url}`);
  });

  it('prints the name alone when the addressee has no address on record', async () => {
    const text = pdfText(await renderLetterPdf(letter({ addressee: { name: 'Gemeinde Ohneadresse', street: null, postalCode: null, city: null } })));
    expect(text).toMatch(/Gemeinde Ohneadresse\s*\n/);
    expect(text).not.toContain('null');
    expect(text).not.toContain('undefined');
  });

  it('prints the Berlin date of the stored instant: a sign-off at 23:30 UTC on 31 December is dated 01.01.', async () => {
    const text = pdfText(await renderLetterPdf(letter({ issuedAt: new Date('2026-12-31T23:30:00Z') })));
    expect(text).toMatch(/Datum\s*\n\s*01\.01\.2027/);
    expect(text).not.toContain('31.12.2026');
  });

  it('is deterministic: the same input gives the same bytes, whatever the clock and time zone of the rendering process', async () => {
    const a = await renderLetterPdf(letter());
    const b = await renderLetterPdf(letter());
    expect(a.equals(b)).toBe(true);
    expect(sha256(await renderLetterPdf(letter({ fileNumber: 'LIfD-2026-1-000008' })))).not.toBe(sha256(a));

    // Fresh processes in other time zones and with a clock years ahead: nothing in a letter may read either.
    const hashes = ['America/New_York', 'Asia/Tokyo', 'UTC'].map((tz) => {
      const out = spawnSync(process.execPath, ['-e', RENDER_IN_CHILD], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, TZ: tz, LETTER_INPUT: JSON.stringify(letter()) },
        encoding: 'utf8',
      });
      if (out.status !== 0) throw new Error(out.stderr);
      return JSON.parse(out.stdout) as { hours: number; sha256: string };
    });
    expect(hashes.map((h) => h.hours)).toEqual([19, 9, 0]); // the zones took effect
    expect(hashes.map((h) => h.sha256)).toEqual([sha256(a), sha256(a), sha256(a)]);
  });

  it('gives the bytes plain pdfkit gives, with the fonts shared between letters and their measures remembered', async () => {
    const letters = [
      letter(),
      letter({ addressee: { name: 'Gemeinde Großschirma', street: 'Rathausplatz', buildingNumber: '1', postalCode: '09603', city: 'Großschirma', country: 'AT' } }),
      // a sender too long for the return address line at 7 pt: the size loop measures it several times
      letter({ sender: { ...letter().sender, name: 'Sächsische Aufbaubank – Förderbank – Anstalt des öffentlichen Rechts, Geschäftsbereich Förderung Digitales' } }),
      letter({ title: 'Änderungsbescheid', blocks: [{ type: 'text', text: 'Kurz: € 1.234,56 – „Zitat“ ‚einfach‘ … ß' }] }),
    ];
    // twice round, so the second pass answers from what the first remembered
    for (const input of [...letters, ...letters]) {
      const shared = await renderLetterPdf(input);
      expect(sha256(shared)).toBe(sha256(await renderLetterPdfPlain(input)));
    }
    // and the comparison can fail: another letter gives other bytes
    expect(sha256(await renderLetterPdf(letters[0]))).not.toBe(sha256(await renderLetterPdfPlain(letters[1])));
  });
});

/** Renders a letter in a fresh process (TypeScript compiled by swc on require) with the clock moved; prints its SHA-256. */
const RENDER_IN_CHILD = `
  const { transformSync } = require('@swc/core');
  const fs = require('fs');
  require.extensions['.ts'] = (m, filename) => {
    const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
      filename, swcrc: false, module: { type: 'commonjs' },
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022', transform: { legacyDecorator: true, decoratorMetadata: true } },
    });
    m._compile(code, filename);
  };
  const realNow = Date.now;
  Date.now = () => realNow() + 5 * 365 * 86400000;
  const { renderLetterPdf } = require('./src/letters/letter-pdf.ts');
  const input = JSON.parse(process.env.LETTER_INPUT);
  input.issuedAt = new Date(input.issuedAt);
  renderLetterPdf(input).then((pdf) => {
    const sha256 = require('crypto').createHash('sha256').update(pdf).digest('hex');
    process.stdout.write(JSON.stringify({ hours: new Date(Date.UTC(2027, 0, 1)).getHours(), sha256 }));
  });
`;
