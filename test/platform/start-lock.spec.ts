import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { release } from '../../src/cli/release';
import { storeGuidelines } from '../../src/guidelines/guidelines.service';
import { prepareForStart } from '../../src/lifecycle';
import { loadConfig } from '../../src/platform/config/app-config';
import { dataSourceOptions, ensureDatabase, prepareDatabase } from '../../src/platform/database/database';
import { databaseUrlFor, dropDatabase } from '../support/databases';

const GUIDELINES_DIR = path.join(__dirname, '../../config/guidelines');

describe('migrations and guideline loading run once under an advisory lock', () => {
  const names: string[] = [];
  const fresh = () => {
    const name = `foerderwerk_test_lock_${randomBytes(3).toString('hex')}`;
    names.push(name);
    return databaseUrlFor(name);
  };
  afterAll(async () => {
    for (const name of names) await dropDatabase(name);
  });

  const withDataSource = async <T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> => {
    const ds = await new DataSource(dataSourceOptions(url, 'foerderwerk_app')).initialize();
    try {
      return await fn(ds);
    } finally {
      await ds.destroy();
    }
  };

  it('lets six processes starting together on a fresh database all succeed, applying each migration once', async () => {
    const url = fresh();
    const starts = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const prepared = await prepareDatabase(url);
        const versions = await withDataSource(url, (ds) => storeGuidelines(ds, GUIDELINES_DIR));
        return { ...prepared, versions };
      }),
    );
    expect(starts.filter((s) => s.created)).toHaveLength(1);
    expect(starts.map((s) => s.applied).sort((a, b) => b.length - a.length)).toEqual([MIGRATIONS.map((m) => m.name), [], [], [], [], []]);
    // every process got the same current version of every guideline
    expect(new Set(starts.map((s) => JSON.stringify(s.versions.map((v) => v.id)))).size).toBe(1);
    await withDataSource(url, async (ds) => {
      expect((await ds.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name HAVING count(*) > 1'))).toEqual([]);
      expect((await ds.query('SELECT count(*)::int AS n FROM migrations'))[0].n).toBe(MIGRATIONS.length);
      const versions = await ds.query('SELECT guideline_code, count(*)::int AS n FROM guideline_versions GROUP BY guideline_code');
      expect(versions.every((v: { n: number }) => v.n === 1)).toBe(true);
    });
  });

  it('with MIGRATE_ON_START=false refuses a database that lacks migrations; npm run release migrates it and stores the guidelines', async () => {
    const url = fresh();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, GUIDELINES_DIR, MIGRATE_ON_START: 'false' });
    await ensureDatabase(url); // empty: as a new installation before its release step
    await expect(prepareForStart(config)).rejects.toThrow(/lacks migrations .*npm run release/);

    const lines = await release(config);
    expect(lines).toContain(`applied migrations: ${MIGRATIONS.map((m) => m.name).join(', ')}`);
    expect(lines.some((l) => /^guideline frl-lifd .* stored as version/.test(l))).toBe(true);
    expect(await prepareForStart(config)).toEqual([]);
    expect((await release(config)).filter((l) => l.startsWith('applied'))).toEqual(['applied migrations: none']);
  });
});
