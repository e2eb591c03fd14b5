import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChainBreak, ChainedAuditRecord, GENESIS_HASH, hashEntry, verifyChain } from './audit-chain';

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditVerification {
  intact: boolean;
  /** Entries verified intact (before the first break). */
  entries: number;
  firstBroken: ChainBreak | null;
}

const CHAIN_LOCK = 7_310_001; // advisory lock key that serialises appends to the chain

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends to the chain inside the caller's transaction. Appends are serialised by a
   * transaction-scoped advisory lock; call this last in a use case so the lock is held briefly.
   */
  async append(em: EntityManager, input: AuditInput): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last] = await em.query('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    const record = {
      seq: last ? Number(last.seq) + 1 : 1,
      occurredAt: new Date().toISOString(),
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      data: input.data ?? {},
    };
    const prevHash = last ? last.hash : GENESIS_HASH;
    await em.query(
      `INSERT INTO audit_entries (seq, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [record.seq, record.occurredAt, record.actorId, record.action, record.entityType, record.entityId, record.data, prevHash, hashEntry(prevHash, record)],
    );
  }

  /** Reads the chain in pages and reports the first broken entry, if any. */
  async verify(pageSize = 5000): Promise<AuditVerification> {
    let from = { seq: 0, hash: GENESIS_HASH };
    let count = 0;
    for (;;) {
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT seq, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
           FROM audit_entries WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [from.seq, pageSize],
      );
      const { broken, last, intactCount } = verifyChain(rows.map(toRecord), from);
      count += intactCount;
      if (broken) return { intact: false, entries: count, firstBroken: broken };
      if (rows.length < pageSize) return { intact: true, entries: count, firstBroken: null };
      from = last;
    }
  }
}

function toRecord(r: Record<string, unknown>): ChainedAuditRecord {
  return {
    seq: Number(r.seq),
    occurredAt: (r.occurred_at as Date).toISOString(),
    actorId: r.actor_id as string | null,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string | null,
    data: r.data as Record<string, unknown>,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  };
}
