import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { InjectDataSource } from '@nestjs/typeorm';
import Ajv2020 from 'ajv/dist/2020';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { GuidelinesService } from '../guidelines/guidelines.service';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import type { OpenDataPackageInfoDto } from './dto/programme-reports.dto';

/**
 * Open data in the 360Giving standard: every approved grant (never a draft, a rejection or a withdrawal), validated
 * against the package schema before it is stored; the stored bytes are what the public endpoint serves, so the
 * SHA-256 shown is the file's. Natural persons (freelancers) appear as recipientIndividual with a generic name and
 * an opaque identifier, and their free text (title, summary) is not published.
 */

/** The package schema names the grant schema by its 1.4.2 URL while the file's own $id says 1.4.3 (see config/standards). */
const GRANT_SCHEMA_URL = 'https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json';
// relative to the working directory, as config/base-rates.yaml and config/guidelines are
const STANDARDS_DIR = path.resolve('config/standards');

export function openDataValidator(dir = STANDARDS_DIR) {
  const grant = JSON.parse(readFileSync(path.join(dir, '360-giving-schema.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(path.join(dir, '360-giving-package-schema.json'), 'utf8'));
  // strict off: the standard uses its own annotation keywords (codelist, rollUp)
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // the two formats the standard uses (RFC 3339 date-time, absolute URI); ajv-formats is not a dependency of ours
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]+$/i);
  // the files name the 2020-12 meta-schema by http://, Ajv knows it by its https:// $id
  const meta = 'https://json-schema.org/draft/2020-12/schema';
  ajv.addSchema({ ...grant, $id: GRANT_SCHEMA_URL, $schema: meta });
  return ajv.compile({ ...pkg, $schema: meta });
}

/** States after an approval notice went out; rejected, withdrawn and draft cases never qualify. */
const AWARDED_STATES = ['notice_issued', 'objection', 'notice_final', 'in_payment', 'proof_of_use_submitted', 'settlement_prepared', 'settled', 'recovery_pending', 'closed'];

const euros = (cents: number) => Math.round(cents) / 100;

@Injectable()
export class OpenDataService {
  private validate?: ReturnType<typeof openDataValidator>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(): Promise<{ grants: Record<string, unknown>[]; version: string }> {
    const prefix = this.config.openDataPrefix;
    const rows = await this.db.query(
      `SELECT c.id, c.file_number, c.title, c.guideline_code, c.call_code, cl.title AS call_title, coalesce(c.location_ags, o.ags) AS ags,
              o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, o.ags AS organisation_ags,
              o.street, o.building_number, o.postal_code, o.city,
              d.grant_cents, d.funding_start::text AS funding_start, d.funding_end::text AS funding_end,
              coalesce(d.notice_date, (d.approved_at AT TIME ZONE 'Europe/Berlin')::date)::text AS award_date,
              (SELECT p.fields->>'summary' FROM proposals p WHERE p.case_id = c.id ORDER BY (p.stage = 'application') DESC LIMIT 1) AS summary,
              (SELECT coalesce(sum(CASE b.kind WHEN 'payment' THEN b.amount_cents WHEN 'return' THEN -b.amount_cents ELSE 0 END), 0)
                 FROM ledger_bookings b WHERE b.case_id = c.id)::bigint AS disbursed
         FROM cases c JOIN organisations o ON o.id = c.organisation_id
         JOIN calls cl ON cl.guideline_code = c.guideline_code AND cl.call_code = c.call_code
         JOIN decisions d ON d.case_id = c.id AND d.status = 'approved' AND d.kind IN ('approval', 'amendment')
        WHERE c.state = ANY($1) AND c.file_number IS NOT NULL
          -- the current approved decision (an anti-join: decisions has no index on case_id to loop over)
          AND NOT EXISTS (SELECT 1 FROM decisions n WHERE n.case_id = c.id AND n.status = 'approved' AND n.kind IN ('approval', 'amendment') AND n.approved_at > d.approved_at)
        ORDER BY c.file_number`,
      [AWARDED_STATES],
    );
    const grants = rows.map((r: any) => {
      const def = this.guidelines.currentVersion(r.guideline_code).definition;
      const person = r.organisation_kind === 'freelancer';
      const district = r.ags ? String(r.ags).slice(0, 5) : null;
      const grant: Record<string, unknown> = {
        id: `${prefix}-${r.file_number}`,
        title: person ? `Vorhaben im Förderaufruf ${r.call_title}` : r.title,
        description: person ? `Zuwendung an eine natürliche Person nach ${def.shortTitle ?? def.title}.` : r.summary?.trim() || r.title,
        currency: 'EUR',
        amountAwarded: euros(Number(r.grant_cents)),
        amountDisbursed: euros(Number(r.disbursed)),
        awardDate: r.award_date,
        ...(r.funding_start ? { plannedDates: [{ startDate: r.funding_start, ...(r.funding_end ? { endDate: r.funding_end } : {}) }] } : {}),
        fundingOrganization: [{ id: `${prefix}-funder-${def.code}`, name: def.authority.name }],
        grantProgramme: [{ code: `${def.code}-${r.call_code}`, title: `${def.shortTitle ?? def.title}: ${r.call_title}` }],
        ...(district ? { beneficiaryLocation: [{ name: `Kreis ${district}`, countryCode: 'DE', geoCode: district, geoCodeType: 'AGS' }] } : {}),
      };
      if (person) {
        // an opaque id: stable per recipient, says nothing about the person
        grant.recipientIndividual = { id: `${prefix}-IND-${createHash('sha256').update(r.organisation_id).digest('hex').slice(0, 16)}`, name: 'Einzelperson (nicht veröffentlicht)' };
      } else {
        grant.recipientOrganization = [
          {
            id: `${prefix}-ORG-${r.organisation_ags ?? r.organisation_id}`,
            name: r.organisation_name,
            ...(r.street ? { streetAddress: [r.street, r.building_number].filter(Boolean).join(' ') } : {}),
            ...(r.city ? { addressLocality: r.city } : {}),
            ...(r.postal_code ? { postalCode: r.postal_code } : {}),
            addressCountry: 'DE',
          },
        ];
      }
      return grant;
    });
    return { grants, version: '1.4' };
  }

  /** Builds, validates and stores a new package (admin); audited. */
  async regenerate(actor: Actor): Promise<OpenDataPackageInfoDto> {
    const pkg = await this.build();
    if (!pkg.grants.length) throw new DomainError('unprocessable', 'NO_APPROVED_GRANTS', 'There is no approved grant to publish yet.');
    this.validate ??= openDataValidator();
    if (!this.validate(pkg)) {
      // our own output failing the standard is a bug, not the caller's input
      throw new Error(`360Giving package invalid: ${JSON.stringify(this.validate.errors?.slice(0, 5))}`);
    }
    const body = JSON.stringify(pkg);
    const sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
    const row = await this.db.transaction(async (em) => {
      const [r] = await em.query(`INSERT INTO open_data_packages (sha256, grant_count, body, created_by) VALUES ($1, $2, $3, $4) RETURNING id, created_at`, [sha256, pkg.grants.length, body, actor.id]);
      await this.audit.append(em, { actorId: actor.id, action: 'open_data.published', entityType: 'open_data_package', entityId: String(r.id), data: { sha256, grantCount: pkg.grants.length } });
      return r;
    });
    return { sha256, grantCount: pkg.grants.length, createdAt: new Date(row.created_at).toISOString(), url: '/api/v1/open-data/360giving.json' };
  }

  async latestInfo(): Promise<OpenDataPackageInfoDto> {
    const [r] = await this.db.query(`SELECT sha256, grant_count, created_at FROM open_data_packages ORDER BY id DESC LIMIT 1`);
    if (!r) throw new NotFoundError('The open data package', 'OPEN_DATA_NOT_PUBLISHED');
    return { sha256: r.sha256, grantCount: r.grant_count, createdAt: new Date(r.created_at).toISOString(), url: '/api/v1/open-data/360giving.json' };
  }

  async latestBody(): Promise<{ body: string; sha256: string }> {
    const [r] = await this.db.query(`SELECT sha256, body FROM open_data_packages ORDER BY id DESC LIMIT 1`);
    if (!r) throw new NotFoundError('The open data package', 'OPEN_DATA_NOT_PUBLISHED');
    return { body: r.body, sha256: r.sha256 };
  }
}
