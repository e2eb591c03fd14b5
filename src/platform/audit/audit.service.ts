import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
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
export class AuditService implements EntitySubscriberInterface {
  /** Entries of open transactions, with the nesting depth each was appended at, waiting for the commit. */
  private readonly pending = new WeakMap<QueryRunner, { depth: number; input: AuditInput }[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /**
   * Appends to the chain with the caller's transaction. Appends are serialised by a transaction-scoped advisory
   * lock held until the commit, so the entries are written right before the commit (all of a transaction in one
   * statement): every audited write in the system waits for that lock only as long as it takes to commit.
   */
  async append(em: EntityManager, input: AuditInput): Promise<void> {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) return this.write(em, [input]);
    const list = this.pending.get(runner) ?? [];
    list.push({ depth: depthOf(runner), input });
    this.pending.set(runner, list);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const list = this.pending.get(event.queryRunner);
    if (!list?.length || depthOf(event.queryRunner) > 1) return;
    this.pending.delete(event.queryRunner);
    await this.write(event.manager, list.map((p) => p.input));
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    // what was appended inside the transaction (or savepoint) being rolled back never happened
    const depth = depthOf(event.queryRunner);
    const list = this.pending.get(event.queryRunner);
    if (list) this.pending.set(event.queryRunner, list.filter((p) => p.depth < depth));
  }

  private async write(em: EntityManager, inputs: AuditInput[]): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last] = await em.query('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    let seq = last ? Number(last.seq) : 0;
    let prevHash: string = last ? last.hash : GENESIS_HASH;
    const occurredAt = new Date().toISOString();
    const values: unknown[] = [];
    for (const input of inputs) {
      const record = {
        seq: ++seq,
        occurredAt,
        actorId: input.actorId,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId ?? null,
        data: input.data ?? {},
      };
      const hash = hashEntry(prevHash, record);
      values.push(record.seq, record.occurredAt, record.actorId, record.action, record.entityType, record.entityId, record.data, prevHash, hash);
      prevHash = hash;
    }
    await em.query(
      `INSERT INTO audit_entries (seq, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
       VALUES ${inputs.map((_, i) => `(${Array.from({ length: 9 }, (__, k) => `$${i * 9 + k + 1}`).join(', ')})`).join(', ')}`,
      values,
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

/** Nesting of the runner's transaction: 1 outermost, more inside savepoints (TypeORM keeps it unexported). */
function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
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
