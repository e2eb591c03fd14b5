import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../errors/domain-error';
import { BLOB_STORE, BlobStore } from './blob-store';

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Content-addressed documents: a document is its SHA-256; storing the same bytes twice stores them once.
 * The row in `documents` says a document exists; the bytes live in the configured BlobStore and are checked on every read.
 */
@Injectable()
export class DocumentStore {
  private readonly logger = new Logger('Documents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async put(data: Buffer, mediaType: string, em: EntityManager = this.dataSource.manager): Promise<string> {
    const hash = sha256(data);
    await this.blobs.put(hash, data);
    await em.query('INSERT INTO documents (sha256, size_bytes, media_type) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [hash, data.length, mediaType]);
    return hash;
  }

  async get(hash: string): Promise<{ data: Buffer; mediaType: string }> {
    const [row] = /^[0-9a-f]{64}$/.test(hash) ? await this.dataSource.query('SELECT media_type FROM documents WHERE sha256 = $1', [hash]) : [];
    if (!row) throw new NotFoundError('The document');
    const data = await this.blobs.get(hash);
    if (!data) {
      this.logger.error(`document ${hash} is recorded, but the storage has no bytes for it`);
      throw new NotFoundError('The document');
    }
    if (sha256(data) !== hash) throw new Error(`stored document ${hash} does not match its hash`);
    return { data, mediaType: row.media_type };
  }
}
