// The payment advice (Auszahlungsmitteilung): the letter that tells the recipient a payment was made. Its wording is
// the guideline's text blocks adviceIntro, adviceNote and adviceClosing; the layout is the shared letter layout.
// It decides nothing, so it carries no verification code (notices do).
import { LetterBlock, LetterInput, LetterSender, PostalAddress, renderLetterPdf } from '../letters/letter-pdf';
import { formatDate, formatEuro } from '../platform/format';
import { fillCompletely } from '../platform/texts';

export const ADVICE_TITLE = 'Auszahlungsmitteilung';
export const ADVICE_TEXT_BLOCKS = ['adviceIntro', 'adviceNote', 'adviceClosing'] as const;

export interface PaymentAdviceInput {
  texts: Record<string, string>;
  authority: LetterSender;
  addressee: PostalAddress;
  fileNumber: string;
  projectTitle: string;
  /** The stored instant the run was confirmed as executed: the letter's date. */
  issuedAt: Date;
  paymentNumber: number;
  amountCents: number;
  /** YYYY-MM-DD */
  paidOn: string;
  payee: { holder: string; iban: string };
  endToEndId: string;
  remittance: string;
  /** All payments of the case booked as paid so far, this one included. */
  paidToDateCents: number;
  requestWindowMonths: number;
  receiptRetentionYears: number;
}

/** DE89 3704 0044 0532 0130 00 → DE89 **** **** **** **30 00: enough to recognise one's account, not to copy it. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  const masked = compact.slice(0, 4) + compact.slice(4, -4).replace(/./g, '*') + compact.slice(-4);
  return masked.replace(/(.{4})/g, '$1 ').trim();
}

export function adviceValues(input: Pick<PaymentAdviceInput, 'fileNumber' | 'projectTitle' | 'paymentNumber' | 'amountCents' | 'paidOn' | 'payee'> & Partial<PaymentAdviceInput>): Record<string, string> {
  return {
    fileNumber: input.fileNumber,
    projectTitle: input.projectTitle,
    paymentNumber: String(input.paymentNumber),
    paymentAmount: formatEuro(input.amountCents),
    paidOn: formatDate(input.paidOn),
    payeeIban: maskIban(input.payee.iban),
    ...(input.requestWindowMonths !== undefined ? { requestWindowMonths: String(input.requestWindowMonths) } : {}),
    ...(input.receiptRetentionYears !== undefined ? { receiptRetentionYears: String(input.receiptRetentionYears) } : {}),
  };
}

export function paymentAdviceLetter(input: PaymentAdviceInput): LetterInput {
  const values = adviceValues(input);
  const fill = (block: (typeof ADVICE_TEXT_BLOCKS)[number]): string => {
    const template = input.texts[block];
    if (template === undefined) throw new Error(`the guideline has no text block ${block}`);
    return fillCompletely(ADVICE_TITLE, template, values);
  };
  const blocks: LetterBlock[] = [
    { type: 'text', text: fill('adviceIntro') },
    {
      type: 'table',
      heading: 'Auszahlung',
      columns: [
        { width: 0.45, align: 'left' },
        { width: 0.55, align: 'right' },
      ],
      rows: [
        { cells: ['Mittelabruf Nr.', String(input.paymentNumber)] },
        { cells: ['Tag der Ausführung', formatDate(input.paidOn)] },
        { cells: ['Kontoinhaber', input.payee.holder] },
        { cells: ['IBAN', maskIban(input.payee.iban)] },
        { cells: ['Verwendungszweck', input.remittance] },
        { cells: ['Ende-zu-Ende-Referenz', input.endToEndId] },
        { cells: ['Ausgezahlter Betrag', formatEuro(input.amountCents)], kind: 'total' },
        { cells: ['Bisher insgesamt ausgezahlt', formatEuro(input.paidToDateCents)] },
      ],
    },
    { type: 'text', text: fill('adviceNote') },
    { type: 'text', text: fill('adviceClosing'), keepTogether: true },
  ];
  return {
    title: ADVICE_TITLE,
    sender: input.authority,
    addressee: input.addressee,
    fileNumber: input.fileNumber,
    issuedAt: input.issuedAt,
    blocks,
    subject: `${ADVICE_TITLE} ${input.fileNumber} Nr. ${input.paymentNumber}`,
  };
}

export function renderPaymentAdvicePdf(input: PaymentAdviceInput): Promise<Buffer> {
  try {
    return renderLetterPdf(paymentAdviceLetter(input));
  } catch (error) {
    return Promise.reject(error);
  }
}
