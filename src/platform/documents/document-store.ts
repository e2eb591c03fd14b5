import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotFoundError } from '../errors/domain-error';

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Content-addressed storage: a document is its SHA-256; storing the same bytes twice stores them once. */
@Injectable()
export class DocumentStore {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async put(data: Buffer, mediaType: string, em: EntityManager = this.dataSource.manager): Promise<string> {
    const hash = sha256(data);
    const file = this.fileOf(hash);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = `${file}.${randomUUID()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, file);
    await em.query('INSERT INTO documents (sha256, size_bytes, media_type) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [hash, data.length, mediaType]);
    return hash;
  }

  async get(hash: string): Promise<{ data: Buffer; mediaType: string }> {
    const [row] = /^[0-9a-f]{64}$/.test(hash) ? await this.dataSource.query('SELECT media_type FROM documents WHERE sha256 = $1', [hash]) : [];
    if (!row) throw new NotFoundError('The document');
    const data = await readFile(this.fileOf(hash));
    if (sha256(data) !== hash) throw new Error(`stored document ${hash} does not match its hash`);
    return { data, mediaType: row.media_type };
  }

  private fileOf(hash: string): string {
    return path.join(this.config.documentsDir, hash.slice(0, 2), hash);
  }
}
