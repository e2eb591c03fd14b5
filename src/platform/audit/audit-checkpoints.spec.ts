import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { appendCheckpoint, CheckpointSigner, firstConflict, keyId, loadSigningKey, loadVerifyKeys, readCheckpoints } from './audit-checkpoints';

describe('audit checkpoints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'fw-cp-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const h = (c: string) => c.repeat(64);

  it('generates a key file outside production (once, private to the owner) and refuses to in production', () => {
    const file = path.join(dir, 'keys/signing-key.pem');
    const first = loadSigningKey({ env: 'development', auditSigningKeyFile: file });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(keyId(createPublicKey(loadSigningKey({ env: 'test', auditSigningKeyFile: file })))).toBe(keyId(createPublicKey(first)));
    expect(() => loadSigningKey({ env: 'production', auditSigningKeyFile: path.join(dir, 'missing.pem') })).toThrow(/AUDIT_SIGNING_KEY_FILE: .*missing.pem does not exist/);
    const pem = readFileSync(file, 'utf8');
    expect(keyId(createPublicKey(loadSigningKey({ env: 'production', auditSigningKey: pem.replace(/\n/g, '\\n'), auditSigningKeyFile: '/nonexistent' })))).toBe(keyId(createPublicKey(first)));
  });

  it('refuses a key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => new CheckpointSigner(privateKey)).toThrow(/Ed25519/);
  });

  it('verifies checkpoints of an old key after a rotation when its public key is kept, and refuses them when it is not', () => {
    const oldKey = generateKeyPairSync('ed25519');
    const newKey = generateKeyPairSync('ed25519');
    appendCheckpoint(dir, new CheckpointSigner(oldKey.privateKey).sign({ seq: 5, hash: h('a') }, new Date('2026-11-01T00:00:00Z')));
    appendCheckpoint(dir, new CheckpointSigner(newKey.privateKey).sign({ seq: 9, hash: h('b') }, new Date('2026-11-02T00:00:00Z')));
    const oldPub = path.join(dir, 'old-public.pem');
    writeFileSync(oldPub, oldKey.publicKey.export({ type: 'spki', format: 'pem' }));

    const withOld = readCheckpoints(dir, loadVerifyKeys(newKey.publicKey, [oldPub]));
    expect(withOld.valid.map((c) => c.seq)).toEqual([5, 9]);
    expect(withOld.rejected).toEqual([]);
    expect(readCheckpoints(dir, loadVerifyKeys(newKey.publicKey, [])).rejected).toEqual([{ line: 1, reason: 'unknown_key' }]);
  });

  it('refuses a checkpoint whose content was changed after signing', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const c = new CheckpointSigner(privateKey).sign({ seq: 3, hash: h('c') }, new Date());
    appendCheckpoint(dir, { ...c, seq: 2 });
    expect(readCheckpoints(dir, loadVerifyKeys(publicKey, []))).toEqual({ valid: [], rejected: [{ line: 1, reason: 'bad_signature' }] });
  });

  it('names the lowest checkpoint the chain contradicts', () => {
    const cp = (seq: number, hash: string) => ({ seq, hash, at: `2026-11-0${seq % 9}T00:00:00Z`, keyId: 'k', signature: 's' });
    const hashes = new Map([[2, h('2')], [4, h('4')]]);
    expect(firstConflict([cp(0, h('0')), cp(2, h('2')), cp(4, h('4'))], 4, hashes)).toBeNull();
    expect(firstConflict([cp(6, h('6')), cp(4, h('4'))], 4, hashes)).toMatchObject({ checkpoint: { seq: 6 }, problem: 'entries_missing', headSeq: 4 });
    expect(firstConflict([cp(6, h('6')), cp(4, h('x'))], 4, hashes)).toMatchObject({ checkpoint: { seq: 4 }, problem: 'hash_differs' });
  });
});
