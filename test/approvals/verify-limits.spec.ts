import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { NOTICE_MAX_BYTES } from '../../src/approvals/notices.service';
import { Clock } from '../../src/platform/clock';
import { DocumentStore } from '../../src/platform/documents/document-store';
import { Steps } from '../applications/fixtures';
import { TestApp } from '../support/test-app';

const CHUNK = 64 * 1024;
const LIMIT = 8; // public requests per address and route within the window, for this file

/** A body of `total` bytes made chunk by chunk as it is read; `pulled` says how much the server asked for. */
function lazyBody(total: number, chunkOf: (offset: number) => Buffer = () => Buffer.alloc(CHUNK, 0x25)): Readable & { pulled: number } {
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= total) return void this.push(null);
      const chunk = chunkOf(offset).subarray(0, Math.min(CHUNK, total - offset));
      offset += chunk.length;
      (stream as Readable & { pulled: number }).pulled = offset;
      this.push(chunk);
    },
  }) as Readable & { pulled: number };
  stream.pulled = 0;
  return stream;
}

/** Issue 9, finding 6: the public verification hashes while streaming, caps the size, and public endpoints are rate-limited. */
describe('public notice verification: size and rate limits', () => {
  let t: TestApp;
  let notice: Buffer;

  beforeAll(async () => {
    t = await TestApp.start({ env: { PUBLIC_RATE_LIMIT: String(LIMIT) } });
    t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00');
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    const userId = await t.createUser('antrag@mittweida.de', ['applicant'], org);
    const { caseId } = await new Steps(t).createConcept(await t.login('antrag@mittweida.de'), 'frl-lifd', '2026-1');
    // a stored notice of 2 MiB (many chunks when streamed)
    notice = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * 1024 * 1024)]);
    await t.db.query(`UPDATE cases SET file_number = 'LIfD-2026-0001' WHERE id = $1`, [caseId]);
    const sha = await t.app.get(DocumentStore).put(notice, 'application/pdf');
    const [d] = await t.db.query(`INSERT INTO decisions (case_id, kind, status, prepared_by) VALUES ($1, 'approval', 'approved', $2) RETURNING id`, [caseId, userId]);
    await t.db.query(`INSERT INTO notices (case_id, decision_id, kind, sha256, verification_code, issued_on) VALUES ($1, $2, 'approval', $3, 'FW-0A1B-2C3D-4E5F-6789', '2026-11-22')`, [caseId, d.id, sha]);
  });
  afterAll(() => t.close());

  const post = (payload: Buffer | Readable, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/notices/verify', headers: { 'content-type': 'application/pdf', ...headers }, payload });

  it('refuses a 40 MiB upload with 413 early, without reading (or holding) the whole body', async () => {
    const body = lazyBody(40 * 1024 * 1024);
    const before = process.memoryUsage();
    const res = await post(body);
    const after = process.memoryUsage();
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), details: { maxBytes: NOTICE_MAX_BYTES } });
    expect(body.pulled).toBeLessThan(NOTICE_MAX_BYTES + 1024 * 1024);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    // one byte over the cap, sent whole, is refused too
    expect((await post(Buffer.alloc(NOTICE_MAX_BYTES + 1, 0x25))).statusCode).toBe(413);
  });

  it('hashes a genuine notice while it streams in and still finds it', async () => {
    const res = await post(lazyBody(notice.length, (offset) => notice.subarray(offset, offset + CHUNK)));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ genuine: true, sha256: createHash('sha256').update(notice).digest('hex'), verificationCode: 'FW-0A1B-2C3D-4E5F-6789' });
    const changed = Buffer.from(notice);
    changed[100] ^= 1;
    expect((await post(changed)).json()).toMatchObject({ genuine: false });
    const empty = await post(Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
  });

  it('limits public endpoints per client address, answering 429 with Retry-After in the one error shape', async () => {
    for (const url of ['/api/v1/calls', '/api/v1/notices/verify?code=FW-0A1B-2C3D-4E5F-6789', '/verify?code=FW-0A1B-2C3D-4E5F-6789']) {
      const get = (remoteAddress: string) => t.app.inject({ method: 'GET', url, remoteAddress });
      for (let i = 0; i < LIMIT; i++) expect((await get('198.51.100.1')).statusCode).toBe(200);
      const limited = await get('198.51.100.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // another address is not affected
      expect((await get('198.51.100.2')).statusCode).toBe(200);
    }
    for (let i = 0; i < LIMIT; i++) await t.app.inject({ method: 'POST', url: '/api/v1/notices/verify', remoteAddress: '198.51.100.3', headers: { 'content-type': 'application/pdf' }, payload: notice });
    const limited = await t.app.inject({ method: 'POST', url: '/api/v1/notices/verify', remoteAddress: '198.51.100.3', headers: { 'content-type': 'application/pdf' }, payload: notice });
    expect(limited.statusCode).toBe(429);
  });
});
