import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConflictError } from '../errors/domain-error';
import { GENESIS_HASH } from './audit-chain';
import {
  appendCheckpoint,
  Checkpoint,
  CheckpointConflict,
  CheckpointSigner,
  firstConflict,
  loadSigningKey,
  loadVerifyKeys,
  readCheckpoints,
  RejectedCheckpoint,
} from './audit-checkpoints';
import { AuditService, AuditVerification } from './audit.service';

export interface AnchoredVerification extends AuditVerification {
  checkpoints: {
    /** Signed checkpoints read from AUDIT_CHECKPOINT_DIR and checked against the chain. */
    checked: number;
    latest: { seq: number; hash: string; at: string } | null;
    /** Lines of the checkpoint file refused (forged or unknown signature, malformed). */
    rejected: RejectedCheckpoint[];
    /** The first checkpoint the chain contradicts: entries deleted after it, or a tail rewritten. */
    contradicted: CheckpointConflict | null;
  };
}

type CheckpointConfig = Pick<AppConfig, 'env' | 'auditSigningKey' | 'auditSigningKeyFile' | 'auditVerifyKeyFiles' | 'auditCheckpointDir'>;

/** Signs checkpoints of the chain head (on demand, and as the `audit.checkpoint` job at intervals) and verifies the chain against them. */
@Injectable()
export class AuditCheckpointService {
  private readonly signer: CheckpointSigner;
  private readonly verifyKeys: Map<string, KeyObject>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: CheckpointConfig,
    private readonly audit: AuditService,
  ) {
    this.signer = new CheckpointSigner(loadSigningKey(config));
    this.verifyKeys = loadVerifyKeys(this.signer.publicKey, config.auditVerifyKeyFiles);
  }

  /** Signs the current head after verifying the chain up to it; refuses to anchor a broken chain. */
  async create(): Promise<Checkpoint> {
    const [head] = await this.dataSource.query('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    const result = await this.verify();
    if (!result.intact) {
      throw new ConflictError('AUDIT_CHAIN_BROKEN', 'The audit chain is not intact; no checkpoint was signed.', result);
    }
    const checkpoint = this.signer.sign(head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH }, new Date());
    appendCheckpoint(this.config.auditCheckpointDir, checkpoint); // the anchor: outside the database
    await this.dataSource.query(
      'INSERT INTO audit_checkpoints (seq, hash, taken_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)',
      [checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.keyId, checkpoint.signature],
    );
    return checkpoint;
  }

  /** The chain's own verification plus the signed checkpoints from outside the database. */
  async verify(): Promise<AnchoredVerification> {
    const chain = await this.audit.verify();
    const { valid, rejected } = readCheckpoints(this.config.auditCheckpointDir, this.verifyKeys);
    const seqs = [...new Set(valid.map((c) => c.seq).filter((s) => s > 0))];
    const [{ head }] = await this.dataSource.query('SELECT coalesce(max(seq), 0) AS head FROM audit_entries');
    const rows: { seq: string; hash: string }[] = seqs.length ? await this.dataSource.query('SELECT seq, hash FROM audit_entries WHERE seq = ANY($1)', [seqs]) : [];
    const contradicted = firstConflict(valid, Number(head), new Map(rows.map((r) => [Number(r.seq), r.hash])));
    const latest = valid.reduce<Checkpoint | null>((a, c) => (!a || c.seq > a.seq || (c.seq === a.seq && c.at > a.at) ? c : a), null);
    return {
      ...chain,
      intact: chain.intact && rejected.length === 0 && contradicted === null,
      checkpoints: { checked: valid.length, latest: latest && { seq: latest.seq, hash: latest.hash, at: latest.at }, rejected, contradicted },
    };
  }
}

export function describeVerification(r: AnchoredVerification): string {
  const lines: string[] = [];
  lines.push(
    r.firstBroken
      ? `audit trail BROKEN at entry ${r.firstBroken.seq} (${r.firstBroken.problem}); the ${r.entries} entries before it are intact`
      : `audit chain intact: ${r.entries} entries`,
  );
  for (const x of r.checkpoints.rejected) lines.push(`checkpoint file line ${x.line} REFUSED (${x.reason})`);
  const c = r.checkpoints.contradicted;
  if (c) {
    lines.push(
      c.problem === 'entries_missing'
        ? `audit trail CONTRADICTS the checkpoint of ${c.checkpoint.at} (seq ${c.checkpoint.seq}, hash ${c.checkpoint.hash}): entries missing, the table ends at seq ${c.headSeq}`
        : `audit trail CONTRADICTS the checkpoint of ${c.checkpoint.at} (seq ${c.checkpoint.seq}, hash ${c.checkpoint.hash}): the entry at seq ${c.checkpoint.seq} has another hash (tail rewritten)`,
    );
  } else if (r.checkpoints.latest) {
    lines.push(`agrees with ${r.checkpoints.checked} signed checkpoints (latest: seq ${r.checkpoints.latest.seq} at ${r.checkpoints.latest.at})`);
  } else {
    lines.push('no signed checkpoints found');
  }
  return lines.join('\n');
}
