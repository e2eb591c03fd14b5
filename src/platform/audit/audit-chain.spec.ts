import { ChainedAuditRecord, GENESIS_HASH, hashEntry, verifyChain } from './audit-chain';

function chain(n: number): ChainedAuditRecord[] {
  const out: ChainedAuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const record = { seq, occurredAt: new Date(Date.UTC(2026, 10, 22, 9, seq)).toISOString(), actorId: null, action: 'test', entityType: 'case', entityId: `c${seq}`, data: { amountCents: seq * 100 } };
    const hash = hashEntry(prev, record);
    out.push({ ...record, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ broken: null, intactCount: 5 });
  });

  it('does not depend on the order of keys in data', () => {
    const r = { seq: 1, occurredAt: '2026-11-22T09:00:00.000Z', actorId: null, action: 'a', entityType: 'e', entityId: null };
    expect(hashEntry(GENESIS_HASH, { ...r, data: { a: 1, b: 2 } })).toBe(hashEntry(GENESIS_HASH, { ...r, data: { b: 2, a: 1 } }));
  });

  it('finds a changed entry', () => {
    const c = chain(5);
    c[2] = { ...c[2], data: { amountCents: 999_999 } };
    expect(verifyChain(c)).toMatchObject({ broken: { seq: 3, problem: 'hash_mismatch' }, intactCount: 2 });
  });

  it('finds a changed entry whose own hash was recomputed, at the next entry', () => {
    const c = chain(5);
    const forged = { ...c[2], actorId: 'someone-else' };
    c[2] = { ...forged, hash: hashEntry(forged.prevHash, forged) };
    expect(verifyChain(c).broken).toEqual({ seq: 4, problem: 'prev_hash_mismatch' });
  });

  it('finds a deleted entry', () => {
    const c = chain(5);
    c.splice(2, 1);
    expect(verifyChain(c).broken).toEqual({ seq: 4, problem: 'sequence_gap' });
  });

  it('finds reordered entries', () => {
    const c = chain(5);
    // swap the contents of entries 2 and 3 but keep the sequence numbers in place
    const [two, three] = [c[1], c[2]];
    c[1] = { ...three, seq: 2 };
    c[2] = { ...two, seq: 3 };
    expect(verifyChain(c).broken).toEqual({ seq: 2, problem: 'prev_hash_mismatch' });
  });

  it('continues from a given predecessor (paged verification)', () => {
    const c = chain(6);
    const first = verifyChain(c.slice(0, 3));
    expect(verifyChain(c.slice(3), first.last)).toMatchObject({ broken: null, intactCount: 3 });
  });
});
