import { mergeDraft, mergeFields } from './draft-merge';
import type { ProposalData } from './proposal-rules';

const stored: ProposalData = {
  stage: 'concept',
  variant: 'stationary',
  locationAgs: '14522360',
  fields: { title: 'Makerspace', summary: 'Kurz' },
  costs: [{ category: 'equipment', amountCents: 100 }],
  requestedRatesBp: { staff: 5000 },
  ownContributionCents: 20,
  thirdPartyFunds: [{ source: 'Landkreis', amountCents: 10 }],
  fundingStart: null,
  fundingEnd: null,
  iban: null,
  accountHolder: null,
};

describe('mergeDraft: the save semantics of drafts', () => {
  it('keeps every key the client left out, also when it is an own undefined property', () => {
    const merged = mergeDraft(stored, { fields: { summary: 'Länger' }, variant: undefined, costs: undefined, thirdPartyFunds: undefined });
    expect(merged).toEqual({ ...stored, fields: { title: 'Makerspace', summary: 'Länger' } });
  });

  it('replaces what the client sent, whole (arrays are not merged)', () => {
    const merged = mergeDraft(stored, { costs: [{ category: 'staff', amountCents: 5 }], thirdPartyFunds: [] });
    expect(merged.costs).toEqual([{ category: 'staff', amountCents: 5 }]);
    expect(merged.thirdPartyFunds).toEqual([]);
    expect(merged.variant).toBe('stationary');
  });

  it('merges fields per key; null removes a field', () => {
    expect(mergeDraft(stored, { fields: { title: null, partners: 'Hochschule' } }).fields).toEqual({ summary: 'Kurz', partners: 'Hochschule' });
  });

  it('never changes the stored draft', () => {
    const copy = structuredClone(stored);
    mergeDraft(stored, { fields: { title: null }, variant: 'mobile' });
    expect(stored).toEqual(copy);
  });

  it('mergeFields keeps undefined values out', () => {
    expect(mergeFields({ a: 1 }, { a: undefined, b: 2 })).toEqual({ a: 1, b: 2 });
  });
});
