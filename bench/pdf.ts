import PDFDocument from 'pdfkit';
import { LetterInput, renderLetterPdf } from '../src/letters/letter-pdf';
import type { Figure } from './figures';

/** A two-page notice: grant table and the guideline's conditions, as a Zuwendungsbescheid has them. */
const CONDITIONS = Array.from({ length: 30 }, (_, i) => `${i + 1}. Die Zuwendung ist wirtschaftlich und sparsam zu verwenden; Nachweise sind fünf Jahre aufzubewahren.`).join('\n');
const NOTICE: LetterInput = {
  title: 'Zuwendungsbescheid',
  sender: { name: 'Sächsische Aufbaubank – Förderbank –', department: 'Förderung Digitales', street: 'Pirnaische Straße 9', postalCode: '01069', city: 'Dresden', email: 'lifd@sab.example' },
  addressee: { name: 'Stadt Mittweida', contactName: 'Frau Erika Muster', street: 'Markt', buildingNumber: '32', postalCode: '09648', city: 'Mittweida', country: 'DE' },
  fileNumber: 'LIfD-2026-1-000007',
  issuedAt: new Date('2027-02-15T09:00:00Z'),
  verificationCode: 'FW-7Q2M-K4XD-9PLA',
  verificationUrl: 'https://foerderwerk.example/verify?code=FW-7Q2M-K4XD-9PLA',
  blocks: [
    { type: 'text', text: 'Sehr geehrte Damen und Herren,\n\nauf Ihren Antrag bewilligen wir Ihnen eine Zuwendung als Anteilfinanzierung.' },
    {
      type: 'table',
      heading: 'Finanzierungsplan',
      lines: ['Alle Beträge in Euro.'],
      columns: [{ width: 0.4, align: 'left' }, { width: 0.2, align: 'right' }, { width: 0.15, align: 'right' }, { width: 0.25, align: 'right' }],
      rows: [
        { cells: ['Ausgabenart', 'zuwendungsfähig', 'Fördersatz', 'Zuwendung'], kind: 'header' },
        { cells: ['Ausstattung', '100.000,00', '80 %', '80.000,00'] },
        { cells: ['Personal', '50.000,00', '60 %', '30.000,00'] },
        { cells: ['Summe', '150.000,00', '', '110.000,00'], kind: 'total' },
      ],
    },
    { type: 'text', text: `II. Nebenbestimmungen\n\n${CONDITIONS}`, headed: true },
  ],
};

/** The bare limit: pdfkit writing the same words and table lines, without layout rules. */
function barePdf(input: LetterInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 70 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    doc.font('Helvetica-Bold').fontSize(13).text(input.sender.name).font('Helvetica').fontSize(10);
    doc.text(`${input.addressee.name}\n${input.addressee.contactName}\n${input.addressee.street} ${input.addressee.buildingNumber}\n${input.addressee.postalCode} ${input.addressee.city}`);
    doc.text(`Aktenzeichen ${input.fileNumber}`).font('Helvetica-Bold').fontSize(11).text(input.title).font('Helvetica').fontSize(10);
    for (const b of input.blocks) {
      if (b.type === 'text') doc.text(b.text);
      else for (const r of b.rows) doc.text(r.cells.join('    '));
    }
    doc.text(`Prüfcode ${input.verificationCode} – ${input.verificationUrl}`);
    doc.end();
  });
}

/** PDFs rendered one after another for `seconds` on this process's one thread: PDFs per core and second. */
async function rate(render: () => Promise<Buffer>, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  let n = 0;
  while (performance.now() < until) {
    await render();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

export const pdf: Figure = {
  name: 'pdf',
  title: 'notice PDFs per core: the letter layout against bare pdfkit, in alternating rounds',
  async run(ctx) {
    await rate(() => renderLetterPdf(NOTICE), 1); // warm-up
    await rate(() => barePdf(NOTICE), 1);
    const app: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ctx.bench.rounds; i++) {
      app.push(await rate(() => renderLetterPdf(NOTICE), ctx.bench.seconds / 2));
      bare.push(await rate(() => barePdf(NOTICE), ctx.bench.seconds / 2));
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const cost = mid(app.map((a, i) => bare[i] / a)); // time per PDF, app over bare
    return [
      {
        figure: 'notice PDFs per core',
        app: `${Math.round(mid(app))} PDF/s`,
        bare: `${Math.round(mid(bare))} PDF/s`,
        ratio: `time ×${cost.toFixed(2)}`,
        goal: '≥ 100 PDF/s; app time ≤ 1.25 × bare',
        met: mid(app) >= 100 && cost <= 1.25,
      },
    ];
  },
};
