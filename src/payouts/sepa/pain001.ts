// ISO 20022 pain.001.001.09 customer credit transfer initiation, as the EPC SEPA Credit Transfer implementation
// guidelines (EPC132-08) restrict it: one payment information block, structured creditor addresses, EUR only.
// Pure: the same input gives the same bytes (the run's file is stored and identified by its SHA-256).

export interface SepaAddress {
  street: string;
  buildingNumber: string;
  postalCode: string;
  town: string;
  /** ISO 3166 alpha-2 */
  country: string;
}

export interface SepaTransaction {
  endToEndId: string;
  amountCents: number;
  creditor: { name: string; iban: string; bic?: string | null; address: SepaAddress };
  /** Unstructured remittance information, at most 140 characters after transliteration. */
  remittance: string;
}

export interface SepaCreditTransferFile {
  messageId: string;
  createdAt: Date;
  paymentInfoId: string;
  /** YYYY-MM-DD */
  executionDate: string;
  initiatingParty: string;
  debtor: { name: string; iban: string; bic: string };
  transactions: SepaTransaction[];
}

const TRANSLITERATION: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS',
  '&': '+', '–': '-', '—': '-', '‚': "'", '‘': "'", '’': "'", '„': "'", '“': "'", '”': "'", '"': "'", '«': "'", '»': "'",
  _: '-', ';': ',', '!': '.', '§': 'Par.', '€': 'EUR', '@': '(at)', '*': '.', '#': 'Nr.', '%': ' Prozent', '\n': ' ', '\t': ' ',
};

/**
 * Text in the SEPA (Latin) character set: a-z A-Z 0-9 / - ? : ( ) . , ' + and space. German umlauts are written
 * out (ä → ae), other accents dropped (é → e), anything else becomes a space; runs of spaces collapse.
 */
export function sepaText(value: string): string {
  let out = '';
  for (const ch of value) {
    if (/[A-Za-z0-9/\-?:().,'+ ]/.test(ch)) out += ch;
    else if (TRANSLITERATION[ch] !== undefined) out += TRANSLITERATION[ch];
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += /^[A-Za-z0-9]+$/.test(base) ? base : ' ';
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A text field cut to its maximum length (after transliteration, which may lengthen it). */
export function sepaField(value: string, max: number): string {
  return sepaText(value).slice(0, max).trim();
}

/** Identifiers (MsgId, EndToEndId): SEPA characters, not beginning or ending with '/', no '//'. */
export function isSepaIdentifier(id: string): boolean {
  return /^[A-Za-z0-9+?/\-:().,' ]{1,35}$/.test(id) && !id.startsWith('/') && !id.endsWith('/') && !id.includes('//');
}

/** Cents as the XML writes amounts: two decimals with a dot, no thousands separator (123456 → 1234.56). */
export function sepaAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`not an amount in cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** xs:dateTime in UTC, whole seconds (e.g. 2027-03-01T09:15:00Z). */
function dateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function check(file: SepaCreditTransferFile): void {
  if (file.transactions.length === 0) throw new Error('a credit transfer file needs at least one transaction');
  for (const id of [file.messageId, file.paymentInfoId, ...file.transactions.map((t) => t.endToEndId)]) {
    if (!isSepaIdentifier(id)) throw new Error(`not a SEPA identifier: ${id}`);
  }
  if (new Set(file.transactions.map((t) => t.endToEndId)).size !== file.transactions.length) throw new Error('end-to-end ids must be unique in a file');
  for (const t of file.transactions) {
    if (t.amountCents < 1 || t.amountCents > 99_999_999_999) throw new Error(`a SEPA amount lies between 0.01 and 999999999.99 EUR: ${t.amountCents}`);
  }
}

/** The pain.001.001.09 document for one debtor account and one execution date. */
export function writePain001(file: SepaCreditTransferFile): string {
  check(file);
  const count = file.transactions.length;
  // the control sum is computed in cents and formatted once: it is exactly the sum of the written amounts
  const controlSum = sepaAmount(file.transactions.reduce((s, t) => s + t.amountCents, 0));
  const out: string[] = [];
  const debtor = file.debtor;
  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<CstmrCdtTrfInitn>',
    '<GrpHdr>',
    `<MsgId>${xml(file.messageId)}</MsgId>`,
    `<CreDtTm>${dateTime(file.createdAt)}</CreDtTm>`,
    `<NbOfTxs>${count}</NbOfTxs>`,
    `<CtrlSum>${controlSum}</CtrlSum>`,
    `<InitgPty><Nm>${xml(sepaField(file.initiatingParty, 70))}</Nm></InitgPty>`,
    '</GrpHdr>',
    '<PmtInf>',
    `<PmtInfId>${xml(file.paymentInfoId)}</PmtInfId>`,
    '<PmtMtd>TRF</PmtMtd>',
    '<BtchBookg>true</BtchBookg>',
    `<NbOfTxs>${count}</NbOfTxs>`,
    `<CtrlSum>${controlSum}</CtrlSum>`,
    '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `<ReqdExctnDt><Dt>${xml(file.executionDate)}</Dt></ReqdExctnDt>`,
    `<Dbtr><Nm>${xml(sepaField(debtor.name, 70))}</Nm></Dbtr>`,
    `<DbtrAcct><Id><IBAN>${xml(compact(debtor.iban))}</IBAN></Id></DbtrAcct>`,
    `<DbtrAgt><FinInstnId><BICFI>${xml(compact(debtor.bic))}</BICFI></FinInstnId></DbtrAgt>`,
    '<ChrgBr>SLEV</ChrgBr>',
  );
  for (const t of file.transactions) {
    const c = t.creditor;
    const a = c.address;
    out.push(
      '<CdtTrfTxInf>',
      `<PmtId><EndToEndId>${xml(t.endToEndId)}</EndToEndId></PmtId>`,
      `<Amt><InstdAmt Ccy="EUR">${sepaAmount(t.amountCents)}</InstdAmt></Amt>`,
      c.bic ? `<CdtrAgt><FinInstnId><BICFI>${xml(compact(c.bic))}</BICFI></FinInstnId></CdtrAgt>` : '',
      '<Cdtr>',
      `<Nm>${xml(sepaField(c.name, 70))}</Nm>`,
      '<PstlAdr>',
      `<StrtNm>${xml(sepaField(a.street, 70))}</StrtNm>`,
      `<BldgNb>${xml(sepaField(a.buildingNumber, 16))}</BldgNb>`,
      `<PstCd>${xml(sepaField(a.postalCode, 16))}</PstCd>`,
      `<TwnNm>${xml(sepaField(a.town, 35))}</TwnNm>`,
      `<Ctry>${xml(a.country)}</Ctry>`,
      '</PstlAdr>',
      '</Cdtr>',
      `<CdtrAcct><Id><IBAN>${xml(compact(c.iban))}</IBAN></Id></CdtrAcct>`,
      `<RmtInf><Ustrd>${xml(sepaField(t.remittance, 140))}</Ustrd></RmtInf>`,
      '</CdtTrfTxInf>',
    );
  }
  out.push('</PmtInf>', '</CstmrCdtTrfInitn>', '</Document>', '');
  return out.filter((l) => l !== '').join('\n') + '\n';
}

function compact(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
