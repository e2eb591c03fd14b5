import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { inspectBody, isAcceptableText, MAX_JSON_DEPTH } from './input-guard';
import { sha256OfStream } from './stream-hash';

describe('input guard', () => {
  it('accepts ordinary text and paired surrogates; refuses NUL and unpaired surrogates', () => {
    expect(isAcceptableText('Makerspace Mittweida 🚀 äöü')).toBe(true);
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00', '\ud83d', 'end\ud83d']) expect(isAcceptableText(bad)).toBe(false);
  });

  it('walks bodies without recursion: depth and text, in values and keys', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(inspectBody(deep)).toBe('depth');
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(inspectBody(ok)).toBeNull();
    expect(inspectBody({ a: ok })).toBe('depth');
    expect(inspectBody({ fields: { ['k\u0000']: 1 } })).toBe('text');
    expect(inspectBody([{ a: ['\ud800'] }])).toBe('text');
    // streams and buffers passed through as the body are not walked
    expect(inspectBody(Readable.from(['\u0000']))).toBeNull();
    expect(inspectBody(Buffer.from([0]))).toBeNull();
  });

  it('hashes a stream chunk by chunk and stops past the limit', async () => {
    const data = Buffer.alloc(300_000, 7);
    const expected = createHash('sha256').update(data).digest('hex');
    await expect(sha256OfStream(Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), 1_000_000)).resolves.toEqual({ sha256: expected, size: 300_000 });
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 65_536;
        this.push(Buffer.alloc(65_536));
      },
    });
    await expect(sha256OfStream(endless, 1_000_000)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(pulled).toBeLessThan(2_000_000);
    await expect(sha256OfStream(Readable.from([]), 10, 11)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
