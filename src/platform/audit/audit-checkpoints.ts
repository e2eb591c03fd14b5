import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { canonicalJson } from '../canonical-json';

/**
 * Signed checkpoints anchor the audit chain outside the database: whoever controls only the
 * database can neither drop the newest entries nor rewrite a tail without contradicting a checkpoint.
 */
export interface Checkpoint {
  seq: number; // the chain head's seq (0: empty chain)
  hash: string; // the head entry's hash (GENESIS_HASH for an empty chain)
  at: string; // ISO time the checkpoint was taken
  keyId: string; // which key signed it (see keyId())
  signature: string; // base64 Ed25519 signature over signedContent()
}

export const CHECKPOINT_FILE = 'checkpoints.jsonl';
const DOMAIN = 'foerderwerk-audit-checkpoint-v1\n';

export function signedContent(c: Pick<Checkpoint, 'seq' | 'hash' | 'at' | 'keyId'>): Buffer {
  return Buffer.from(DOMAIN + canonicalJson({ seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId }));
}

/** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export class CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be an Ed25519 private key');
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyId(this.publicKey);
  }

  sign(head: { seq: number; hash: string }, at: Date): Checkpoint {
    const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: this.keyId };
    return { ...unsigned, signature: sign(null, signedContent(unsigned), this.privateKey).toString('base64') };
  }
}

export interface SigningKeySource {
  env: 'development' | 'test' | 'production';
  auditSigningKey?: string;
  auditSigningKeyFile: string;
}

/**
 * The signing key from AUDIT_SIGNING_KEY (PEM) or AUDIT_SIGNING_KEY_FILE. Outside production a missing
 * file is generated (atomically: of several processes starting together, the first one's key wins).
 */
export function loadSigningKey(src: SigningKeySource): KeyObject {
  if (src.auditSigningKey) return createPrivateKey(src.auditSigningKey.replace(/\\n/g, '\n'));
  if (!existsSync(src.auditSigningKeyFile)) {
    if (src.env === 'production') throw new Error(`AUDIT_SIGNING_KEY_FILE: ${src.auditSigningKeyFile} does not exist`);
    mkdirSync(path.dirname(src.auditSigningKeyFile), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const tmp = `${src.auditSigningKeyFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      linkSync(tmp, src.auditSigningKeyFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  return createPrivateKey(readFileSync(src.auditSigningKeyFile));
}

/** Public keys by keyId: the current key's and every PEM block in the given files (earlier keys after a rotation). */
export function loadVerifyKeys(current: KeyObject | null, files: string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  if (current) keys.set(keyId(current), current);
  for (const file of files) {
    const blocks = readFileSync(file, 'utf8').match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
    for (const pem of blocks) {
      const key = /PRIVATE KEY/.test(pem) ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
      keys.set(keyId(key), key);
    }
  }
  return keys;
}

export function appendCheckpoint(dir: string, c: Checkpoint): void {
  mkdirSync(dir, { recursive: true });
  // One short write with O_APPEND: lines of several processes do not interleave.
  appendFileSync(path.join(dir, CHECKPOINT_FILE), `${JSON.stringify(c)}\n`, { mode: 0o644 });
}

export type RejectedCheckpoint = { line: number; reason: 'malformed' | 'unknown_key' | 'bad_signature' };

/** Reads the checkpoint file; every line must parse and carry a valid signature of a known key, or it is named as rejected. */
export function readCheckpoints(dir: string, keys: Map<string, KeyObject>): { valid: Checkpoint[]; rejected: RejectedCheckpoint[] } {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) return { valid: [], rejected: [] };
  const valid: Checkpoint[] = [];
  const rejected: RejectedCheckpoint[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      let c: Checkpoint;
      try {
        c = JSON.parse(text);
      } catch {
        rejected.push({ line: i + 1, reason: 'malformed' });
        return;
      }
      if (!Number.isSafeInteger(c?.seq) || c.seq < 0 || !/^[0-9a-f]{64}$/.test(String(c.hash)) || typeof c.at !== 'string' || typeof c.signature !== 'string') {
        rejected.push({ line: i + 1, reason: 'malformed' });
        return;
      }
      const key = keys.get(String(c.keyId));
      if (!key) {
        rejected.push({ line: i + 1, reason: 'unknown_key' });
        return;
      }
      if (!verify(null, signedContent(c), key, Buffer.from(c.signature, 'base64'))) {
        rejected.push({ line: i + 1, reason: 'bad_signature' });
        return;
      }
      valid.push({ seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId, signature: c.signature });
    });
  return { valid, rejected };
}

export type CheckpointConflict = { checkpoint: { seq: number; hash: string; at: string }; problem: 'entries_missing' | 'hash_differs'; headSeq: number };

/**
 * Compares the chain with the checkpoints: the first (lowest seq) checkpoint the chain contradicts, or null.
 * `hashes` holds the stored hash at each checkpoint's seq that exists; `headSeq` is the highest seq in the table.
 */
export function firstConflict(checkpoints: Checkpoint[], headSeq: number, hashes: Map<number, string>): CheckpointConflict | null {
  const sorted = [...checkpoints].sort((a, b) => a.seq - b.seq);
  for (const c of sorted) {
    if (c.seq === 0) continue;
    const problem = c.seq > headSeq || !hashes.has(c.seq) ? 'entries_missing' : hashes.get(c.seq) !== c.hash ? 'hash_differs' : null;
    if (problem) return { checkpoint: { seq: c.seq, hash: c.hash, at: c.at }, problem, headSeq };
  }
  return null;
}
