import { acceptedTotals, categoryTotals, checkProblems, ExpenseLine, proofProblems, ProofRules } from './proof-of-use';

const RULES: ProofRules = {
  reportForm: { fields: [{ key: 'achievedObjectives', label: 'Erreichte Ziele', type: 'textarea', required: true }, { key: 'notes', label: 'Hinweise', type: 'text', required: false }] },
  categories: [
    { code: 'equipment', label: 'Ausstattung', eligible: true },
    { code: 'staff', label: 'Personal', eligible: true },
    { code: 'events', label: 'Veranstaltungen', eligible: true },
    { code: 'land', label: 'Grunderwerb', eligible: false },
  ],
  planCategories: ['equipment', 'staff', 'land'],
  fundingStart: '2027-04-01',
  fundingEnd: '2028-12-31',
  receiptsRequired: true,
};

const ok: ExpenseLine = {
  category: 'equipment',
  invoiceNumber: 'RE-1',
  supplier: 'Laser GmbH',
  invoiceDate: '2027-04-01',
  paidDate: '2028-12-31',
  amountCents: 100,
  description: 'Lasercutter',
  receiptSha256: 'f'.repeat(64),
};
const codes = (p: { code: string; field: string }[]) => p.map((x) => `${x.code} ${x.field}`);

describe('proof of use rules', () => {
  it('accepts a complete proof, the funding period’s first and last day included', () => {
    expect(proofProblems(RULES, { fields: { achievedObjectives: 'Alles erreicht.' }, lines: [ok], thirdPartyFunds: [], income: [] })).toEqual([]);
  });

  it('names every problem with its field', () => {
    const problems = proofProblems(RULES, {
      fields: { notes: 7 },
      lines: [
        { ...ok, invoiceDate: '2027-03-31', paidDate: '2029-01-01' },
        { ...ok, category: '', supplier: ' ', amountCents: null, receiptSha256: null },
        { ...ok, category: 'catering', invoiceDate: '2027-06-02', paidDate: '2027-06-01', amountCents: 0 },
      ],
      thirdPartyFunds: [{ label: '', amountCents: 5 }],
      income: [],
    });
    expect(codes(problems)).toEqual([
      'FIELD_REQUIRED fields.achievedObjectives',
      'FIELD_INVALID fields.notes',
      'DATE_OUTSIDE_FUNDING_PERIOD lines[0].invoiceDate',
      'DATE_OUTSIDE_FUNDING_PERIOD lines[0].paidDate',
      'FIELD_REQUIRED lines[1].category',
      'FIELD_REQUIRED lines[1].supplier',
      'FIELD_REQUIRED lines[1].amountCents',
      'RECEIPT_MISSING lines[1].receipt',
      'CATEGORY_UNKNOWN lines[2].category',
      'AMOUNT_NOT_POSITIVE lines[2].amountCents',
      'PAID_BEFORE_INVOICE lines[2].paidDate',
      'FIELD_REQUIRED thirdPartyFunds[0].label',
    ]);
    expect(codes(proofProblems({ ...RULES, receiptsRequired: false }, { fields: { achievedObjectives: 'x' }, lines: [{ ...ok, receiptSha256: null }], thirdPartyFunds: [], income: [] }))).toEqual([]);
    expect(codes(proofProblems(RULES, { fields: { achievedObjectives: 'x' }, lines: [], thirdPartyFunds: [], income: [] }))).toEqual(['LINES_MISSING lines']);
  });

  it('totals per category: eligible only for eligible categories of the plan', () => {
    const lines = [
      { ...ok, amountCents: 150 },
      { ...ok, amountCents: 250 },
      { ...ok, category: 'events', amountCents: 70 },
      { ...ok, category: 'land', amountCents: 1000 },
    ];
    expect(categoryTotals(RULES, [{ category: 'equipment', amountCents: 300 }, { category: 'staff', amountCents: 90 }, { category: 'equipment', amountCents: 20 }], lines)).toEqual([
      { category: 'equipment', label: 'Ausstattung', plannedCents: 320, actualCents: 400, eligibleCents: 400 },
      { category: 'staff', label: 'Personal', plannedCents: 90, actualCents: 0, eligibleCents: 0 },
      { category: 'events', label: 'Veranstaltungen', plannedCents: 0, actualCents: 70, eligibleCents: 0 },
      { category: 'land', label: 'Grunderwerb', plannedCents: 0, actualCents: 1000, eligibleCents: 0 },
    ]);
  });

  it('accepted totals: decided lines at their accepted amount, undecided ones as stated; the check needs every sampled line decided and examined', () => {
    const lines = [
      { id: 'a', category: 'equipment', amountCents: 1000, decision: 'reduced' as const, acceptedCents: 600, receiptExamined: true },
      { id: 'b', category: 'equipment', amountCents: 500, decision: null, acceptedCents: null, receiptExamined: false },
      { id: 'c', category: 'staff', amountCents: 300, decision: 'accepted' as const, acceptedCents: 300, receiptExamined: false },
      { id: 'd', category: 'events', amountCents: 50, decision: null, acceptedCents: null, receiptExamined: false },
    ];
    expect(acceptedTotals(RULES, lines)).toEqual([
      { category: 'equipment', acceptedCents: 1100 },
      { category: 'staff', acceptedCents: 300 },
    ]);
    expect(codes(checkProblems(null, lines))).toEqual(['SAMPLE_NOT_DRAWN sample']);
    expect(codes(checkProblems(['a', 'b', 'c'], lines))).toEqual(['SAMPLE_LINE_UNDECIDED lines[1].decision', 'RECEIPT_NOT_EXAMINED lines[2].receiptExamined']);
    expect(checkProblems(['a', 'x'], lines)).toEqual([]);
  });
});
