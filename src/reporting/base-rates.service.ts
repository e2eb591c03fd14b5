import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { DataSource, EntityManager } from 'typeorm';
import { parse } from 'yaml';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { ConflictError } from '../platform/errors/domain-error';
import { BaseRate, nextHalfYear } from './domain/interest';
import type { BaseRateDto, BaseRatesDto, EnterBaseRateDto } from './dto/base-rates.dto';

interface BaseRateRow {
  valid_from: string;
  rate_bp: number;
  source: string;
  entered_by: string | null;
  entered_at: Date;
}

/**
 * The base rate (Basiszinssatz, § 247 BGB) as dated records shared by all guidelines. The published values in
 * config/base-rates.yaml are loaded at start where the table lacks them; later ones are entered by an admin with their
 * source (audited). A value once there is never overwritten by the file, and an admin cannot enter a date twice.
 */
@Injectable()
export class BaseRatesService implements OnModuleInit {
  private readonly logger = new Logger('BaseRates');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    const published = readPublished(this.config.baseRatesFile);
    // like the guidelines, the file is versioned with the code: loading it is no change anyone made (not audited)
    for (const r of published) {
      await this.db.query(`INSERT INTO base_rates (valid_from, rate_bp, source) VALUES ($1, $2, $3) ON CONFLICT (valid_from) DO NOTHING`, [r.validFrom, r.rateBp, r.source]);
    }
    const stored: { valid_from: string; rate_bp: number }[] = await this.db.query(`SELECT valid_from::text, rate_bp FROM base_rates`);
    for (const r of published) {
      const db = stored.find((s) => s.valid_from === r.validFrom);
      if (db && db.rate_bp !== r.rateBp) this.logger.warn(`the base rate from ${r.validFrom} is ${db.rate_bp} bp in the database and ${r.rateBp} bp in ${this.config.baseRatesFile}; the database's value is used`);
    }
  }

  /** All known rates, oldest first, and the first day no rate is known for. */
  async list(): Promise<BaseRatesDto> {
    const rows: BaseRateRow[] = await this.db.query(`SELECT valid_from::text, rate_bp, source, entered_by, entered_at FROM base_rates ORDER BY valid_from`);
    const rates: BaseRateDto[] = rows.map((r) => ({ validFrom: r.valid_from, rateBp: r.rate_bp, source: r.source, enteredBy: r.entered_by, enteredAt: r.entered_at.toISOString() }));
    const last = rates.at(-1);
    return { rates, knownUntil: last ? nextHalfYear(last.validFrom) : '1970-01-01' };
  }

  /** The rates for interest calculations (read in the caller's transaction). */
  async rates(em: EntityManager): Promise<BaseRate[]> {
    const rows: { valid_from: string; rate_bp: number }[] = await em.query(`SELECT valid_from::text, rate_bp FROM base_rates ORDER BY valid_from`);
    return rows.map((r) => ({ validFrom: r.valid_from, rateBp: r.rate_bp }));
  }

  /** An admin enters the next published value (audited). Only the half-year right after the last known one can be added. */
  async enter(actor: Actor, dto: EnterBaseRateDto): Promise<BaseRateDto> {
    return this.db.transaction(async (em) => {
      // one admin at a time: the "next half-year" rule reads the last row
      await em.query(`LOCK TABLE base_rates IN SHARE ROW EXCLUSIVE MODE`);
      const [exists] = await em.query(`SELECT rate_bp FROM base_rates WHERE valid_from = $1`, [dto.validFrom]);
      if (exists) throw new ConflictError('BASE_RATE_EXISTS', `A base rate from ${dto.validFrom} is already recorded (${exists.rate_bp} bp); recorded rates are not changed.`);
      const [last] = await em.query(`SELECT max(valid_from)::text AS valid_from FROM base_rates`);
      const expected = last?.valid_from ? nextHalfYear(last.valid_from) : null;
      if (expected && dto.validFrom !== expected) {
        throw new ConflictError('BASE_RATE_OUT_OF_ORDER', `The next base rate to enter is the one from ${expected}; rates are entered half-year by half-year without gaps.`, { expected });
      }
      const [row]: BaseRateRow[] = await em.query(
        `INSERT INTO base_rates (valid_from, rate_bp, source, entered_by) VALUES ($1, $2, $3, $4) RETURNING valid_from::text, rate_bp, source, entered_by, entered_at`,
        [dto.validFrom, dto.rateBp, dto.source.trim(), actor.id],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'base_rate.entered', entityType: 'base_rate', entityId: dto.validFrom, data: { rateBp: dto.rateBp, source: dto.source.trim() } });
      return { validFrom: row.valid_from, rateBp: row.rate_bp, source: row.source, enteredBy: row.entered_by, enteredAt: row.entered_at.toISOString() };
    });
  }
}

/** The file's entries, checked; a broken file stops the start with the entry named. */
function readPublished(file: string): { validFrom: string; rateBp: number; source: string }[] {
  const raw = parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: must be a list of { validFrom, rateBp, source }`);
  return raw.map((e, i) => {
    const ok =
      e && typeof e.validFrom === 'string' && /^\d{4}-(01|07)-01$/.test(e.validFrom) && Number.isInteger(e.rateBp) && Math.abs(e.rateBp) <= 10000 && typeof e.source === 'string' && e.source.trim();
    if (!ok) throw new Error(`${file}: entry ${i + 1} needs validFrom (1 January or 1 July, YYYY-MM-DD), an integer rateBp and a source`);
    return { validFrom: e.validFrom, rateBp: e.rateBp, source: e.source.trim() };
  });
}
