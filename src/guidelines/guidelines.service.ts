import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { NotFoundError } from '../platform/errors/domain-error';
import { loadGuidelines } from './guideline-loader';
import type { GuidelineDefinition } from './guideline.types';

export interface GuidelineVersion {
  id: string;
  code: string;
  edition: string;
  contentHash: string;
  definition: GuidelineDefinition;
}

const GUIDELINES_LOCK = 7_310_004;

/**
 * Reads the definitions in `dir` (a broken file throws) and stores each distinct content as a version, making it
 * current. In one transaction under an advisory lock, so processes starting together (or a release step) take
 * turns and agree on which version is current.
 */
export async function storeGuidelines(dataSource: DataSource, dir: string): Promise<GuidelineVersion[]> {
  const loaded = loadGuidelines(dir);
  if (loaded.length === 0) throw new Error(`${dir}: no guideline definitions (*.yaml) found`);
  return dataSource.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [GUIDELINES_LOCK]);
    const versions: GuidelineVersion[] = [];
    for (const { file, definition, contentHash } of loaded) {
      await em.query(
        `INSERT INTO guideline_versions (guideline_code, edition, content_hash, definition, source_file)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (guideline_code, content_hash) DO NOTHING`,
        [definition.code, definition.edition, contentHash, definition, file],
      );
      const [row] = await em.query('SELECT id FROM guideline_versions WHERE guideline_code = $1 AND content_hash = $2', [definition.code, contentHash]);
      await em.query(
        `INSERT INTO guidelines (code, current_version_id) VALUES ($1, $2)
         ON CONFLICT (code) DO UPDATE SET current_version_id = excluded.current_version_id, updated_at = now()
         WHERE guidelines.current_version_id <> excluded.current_version_id`,
        [definition.code, row.id],
      );
      versions.push({ id: row.id as string, code: definition.code, edition: definition.edition, contentHash, definition });
    }
    return versions;
  });
}

/**
 * Loads config/guidelines at boot (a broken file stops the start), stores each distinct content
 * as a version, and serves definitions by code (current) or by version (what a case started under).
 */
@Injectable()
export class GuidelinesService implements OnModuleInit {
  private readonly logger = new Logger('Guidelines');
  private readonly current = new Map<string, GuidelineVersion>();
  private readonly byId = new Map<string, GuidelineVersion>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const version of await storeGuidelines(this.dataSource, this.config.guidelinesDir)) {
      this.current.set(version.code, version);
      this.byId.set(version.id, version);
      this.logger.log(`guideline ${version.code} (${version.edition}) loaded as version ${version.contentHash.slice(0, 12)}`);
    }
  }

  list(): GuidelineVersion[] {
    return [...this.current.values()];
  }

  currentVersion(code: string): GuidelineVersion {
    const version = this.current.get(code);
    if (!version) throw new NotFoundError(`The guideline ${code}`, 'GUIDELINE_NOT_FOUND');
    return version;
  }

  async version(id: string): Promise<GuidelineVersion> {
    let version = this.byId.get(id);
    if (!version) {
      const [row] = await this.dataSource.query('SELECT id, guideline_code, edition, content_hash, definition FROM guideline_versions WHERE id = $1', [id]);
      if (!row) throw new NotFoundError('The guideline version', 'GUIDELINE_VERSION_NOT_FOUND');
      version = { id: row.id, code: row.guideline_code, edition: row.edition, contentHash: row.content_hash, definition: row.definition };
      this.byId.set(id, version);
    }
    return version;
  }

  async versions(code: string): Promise<{ id: string; edition: string; contentHash: string; createdAt: Date; current: boolean }[]> {
    const rows = await this.dataSource.query(
      `SELECT v.id, v.edition, v.content_hash, v.created_at, (g.current_version_id = v.id) AS current
         FROM guideline_versions v LEFT JOIN guidelines g ON g.code = v.guideline_code
        WHERE v.guideline_code = $1 ORDER BY v.created_at`,
      [code],
    );
    if (!rows.length) throw new NotFoundError(`The guideline ${code}`, 'GUIDELINE_NOT_FOUND');
    return rows.map((r: any) => ({ id: r.id, edition: r.edition, contentHash: r.content_hash, createdAt: r.created_at, current: r.current }));
  }
}
