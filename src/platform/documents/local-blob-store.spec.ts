import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalBlobStore } from './local-blob-store';

describe('LocalBlobStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fw-blobs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps bytes under <dir>/<first two characters>/<key>, replaces them whole and leaves no temporary file', async () => {
    const store = new LocalBlobStore(path.join(dir, 'documents'));
    const key = 'ab'.padEnd(64, '0');
    await store.put(key, Buffer.from('erste'));
    await store.put(key, Buffer.from('zweite'));
    expect(await readdir(path.join(dir, 'documents', 'ab'))).toEqual([key]);
    expect((await store.get(key))?.toString()).toBe('zweite');
  });

  it('answers null for a key it has nothing under', async () => {
    expect(await new LocalBlobStore(dir).get('cd'.padEnd(64, '0'))).toBeNull();
    expect(await new LocalBlobStore(path.join(dir, 'not-yet-created')).get('cd'.padEnd(64, '0'))).toBeNull();
  });
});
