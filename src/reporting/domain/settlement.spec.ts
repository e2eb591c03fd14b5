import { drawSample, finalGrant, settlementOutcome } from './settlement';

describe('settlement (Schlussabrechnung)', () => {
  it('computes the final grant per category, rounded down, capped by the approved grant', () => {
    // equipment 312.345,67 € × 80 % = 249.876,536 → 249.876,53 €; staff 33.333,33 € × 60 % = 19.999,998 → 19.999,99 €
    const g = finalGrant(
      [
        { category: 'equipment', acceptedCents: 31_234_567, rateBp: 8000 },
        { category: 'staff', acceptedCents: 3_333_333, rateBp: 6000 },
      ],
      30_000_000,
      250_000,
    );
    expect(g.perCategory.map((c) => c.grantCents)).toEqual([24_987_653, 1_999_999]);
    expect(g).toMatchObject({ uncappedCents: 26_987_652, finalGrantCents: 26_987_652, cappedByApproval: false, belowMinimum: false });
    // more accepted costs than planned never raise the grant above the notice
    expect(finalGrant([{ category: 'equipment', acceptedCents: 50_000_000, rateBp: 8000 }], 30_000_000, 250_000)).toMatchObject({ finalGrantCents: 30_000_000, cappedByApproval: true });
  });

  it('awards nothing below the minimum grant (Bagatellgrenze)', () => {
    // 3.000,00 € × 80 % = 2.400,00 € < 2.500,00 €
    expect(finalGrant([{ category: 'equipment', acceptedCents: 300_000, rateBp: 8000 }], 30_000_000, 250_000)).toMatchObject({ uncappedCents: 240_000, finalGrantCents: 0, belowMinimum: true });
  });

  it('pays the rest, recovers the excess, or closes even', () => {
    expect(settlementOutcome(27_000_000, 30_000_000)).toEqual({ kind: 'recovery', amountCents: 3_000_000 });
    expect(settlementOutcome(10_000_000, 9_000_000)).toEqual({ kind: 'final_payment', amountCents: 1_000_000 });
    expect(settlementOutcome(5, 5)).toEqual({ kind: 'balanced', amountCents: 0 });
  });

  it('draws the sample reproducibly: ceil(share × n), the same for the same case whatever the order, another for another case', () => {
    const lines = Array.from({ length: 7 }, (_, i) => `line-${i + 1}`);
    const a = drawSample('case-a', lines, 5000);
    expect(a).toHaveLength(4); // ceil(3,5)
    expect(drawSample('case-a', [...lines].reverse(), 5000)).toEqual(a);
    expect(new Set(a).size).toBe(4);
    for (const id of a) expect(lines).toContain(id);
    const others = ['case-b', 'case-c', 'case-d'].map((c) => drawSample(c, lines, 5000).join());
    expect(others.some((s) => s !== a.join())).toBe(true);
    expect(drawSample('case-a', lines, 10_000)).toHaveLength(7);
    expect(drawSample('case-a', lines, 0)).toEqual([]);
    expect(drawSample('case-a', [], 5000)).toEqual([]);
  });
});
