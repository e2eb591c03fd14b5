import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { Clock } from '../../src/platform/clock';
import { DocumentStore, sha256 } from '../../src/platform/documents/document-store';
import { Steps } from '../applications/fixtures';
import { pdf } from '../support/multipart';
import { TestApp } from '../support/test-app';

// No MinIO server can be installed from the package registries here; s3rver is an S3-compatible server in Node.
const PORT = 46310;
const BUCKET = 'fw-documents';
const S3_ENV = {
  DOCUMENTS_STORAGE: 's3',
  S3_ENDPOINT: `http://127.0.0.1:${PORT}`,
  S3_BUCKET: BUCKET,
  S3_REGION: 'eu-central-1',
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
};

describe('documents in an S3-compatible store', () => {
  let s3dir: string;
  let server: S3rver;
  let t: TestApp;
  let store: DocumentStore;
  const bucket = new S3Client({ endpoint: S3_ENV.S3_ENDPOINT, region: S3_ENV.S3_REGION, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const keys = async () => ((await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key);

  beforeAll(async () => {
    s3dir = await mkdtemp(path.join(tmpdir(), 'fw-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: PORT, silent: true, directory: s3dir, configureBuckets: [{ name: BUCKET }] });
    await server.run();
    t = await TestApp.start({ env: S3_ENV });
    store = t.app.get(DocumentStore);
  });
  afterAll(async () => {
    await t?.close();
    bucket.destroy();
    await server?.close().catch(() => undefined); // the last test stops it
    await rm(s3dir, { recursive: true, force: true });
  });

  it('stores a document once per content, in the bucket and not in the local folder, and reads it back', async () => {
    const bytes = pdf('Bescheid im Bucket');
    const hash = await store.put(bytes, 'application/pdf');
    expect(hash).toBe(sha256(bytes));
    expect(await store.put(bytes, 'application/pdf')).toBe(hash);
    expect(await keys()).toEqual([`${hash.slice(0, 2)}/${hash}`]);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM documents WHERE sha256 = $1', [hash]);
    expect(count).toBe(1);
    expect(await readdir(t.config.documentsDir).catch(() => [])).toEqual([]);

    const read = await store.get(hash);
    expect(read.mediaType).toBe('application/pdf');
    expect(read.data.equals(bytes)).toBe(true);
  });

  it('detects an object changed in the bucket', async () => {
    const hash = await store.put(pdf('Original'), 'application/pdf');
    await bucket.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${hash.slice(0, 2)}/${hash}`, Body: pdf('Fälschung') }));
    await expect(store.get(hash)).rejects.toThrow(`stored document ${hash} does not match its hash`);
  });

  it('answers NotFound for a document that is unknown or whose object is missing', async () => {
    await expect(store.get('0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const hash = await store.put(pdf('bald weg'), 'application/pdf');
    await bucket.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${hash.slice(0, 2)}/${hash}` }));
    await expect(store.get(hash)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('through HTTP', () => {
    let applicant: string;
    let caseId: string;
    let steps: Steps;

    beforeAll(async () => {
      t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00'); // FRL LIfD call 2026-1 is open
      await t.createUser('antrag@mittweida.de', ['applicant'], await t.createOrganisation('Stadt Mittweida', '14522360'));
      applicant = await t.login('antrag@mittweida.de');
      steps = new Steps(t);
      caseId = (await steps.createConcept(applicant, 'frl-lifd', '2026-1')).caseId;
    });

    it('uploads an attachment into the bucket and downloads it', async () => {
      const bytes = pdf('Konzept im Bucket');
      const upload = await steps.upload(applicant, caseId, 'concept_document', bytes, 'konzept.pdf');
      expect(upload.status).toBe(201);
      expect(upload.body.sha256).toBe(sha256(bytes));
      expect(await keys()).toContain(`${upload.body.sha256.slice(0, 2)}/${upload.body.sha256}`);

      const download = await t.request('GET', `/api/v1/cases/${caseId}/attachments/${upload.body.id}/content`, { token: applicant });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(download.body as string, 'latin1').equals(bytes)).toBe(true);
    });

    // runs last: it stops the store
    it('answers 503 with Retry-After while the store cannot be reached, and stores nothing', async () => {
      const earlier = await steps.upload(applicant, caseId, 'cost_estimate', pdf('vorher'), 'kosten.pdf');
      expect(earlier.status).toBe(201);
      await server.close();

      const upload = await steps.upload(applicant, caseId, 'cost_estimate', pdf('während des Ausfalls'), 'kosten.pdf');
      expect(upload.status).toBe(503);
      expect(upload.headers['retry-after']).toBe('5');
      expect(upload.body).toEqual({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('document storage') });
      const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM documents WHERE sha256 = $1', [sha256(pdf('während des Ausfalls'))]);
      expect(count).toBe(0);

      const download = await t.request('GET', `/api/v1/cases/${caseId}/attachments/${earlier.body.id}/content`, { token: applicant });
      expect(download.status).toBe(503);
      expect(download.body.code).toBe('SERVICE_UNAVAILABLE');
    });
  });
});
