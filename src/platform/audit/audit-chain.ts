import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  seq: number;
  occurredAt: string; // ISO, millisecond precision
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

export interface ChainedAuditRecord extends AuditRecord {
  prevHash: string;
  hash: string;
}

/** Each entry's hash covers its content and the previous entry's hash, so any change breaks the chain from there on. */
export function hashEntry(prevHash: string, record: AuditRecord): string {
  const content = canonicalJson({
    seq: record.seq,
    occurredAt: record.occurredAt,
    actorId: record.actorId,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    data: record.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export type ChainBreak = { seq: number; problem: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Walks entries in seq order, continuing from the given predecessor.
 * Returns the first break, or null and the last hash seen.
 */
export function verifyChain(
  entries: Iterable<ChainedAuditRecord>,
  from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { broken: ChainBreak | null; last: { seq: number; hash: string }; intactCount: number } {
  let last = from;
  let intactCount = 0;
  for (const e of entries) {
    const problem: ChainBreak['problem'] | null =
      e.seq !== last.seq + 1 ? 'sequence_gap' : e.prevHash !== last.hash ? 'prev_hash_mismatch' : hashEntry(e.prevHash, e) !== e.hash ? 'hash_mismatch' : null;
    if (problem) return { broken: { seq: e.seq, problem }, last, intactCount };
    last = { seq: e.seq, hash: e.hash };
    intactCount++;
  }
  return { broken: null, last, intactCount };
}
