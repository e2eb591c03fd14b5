import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role, ROLES } from '../auth/roles';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { hashPassword } from '../auth/auth.service';
import { AuditService } from '../audit/audit.service';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

export const DEMO_MUNICIPALITY = {
  name: 'Stadt Mittweida',
  kind: 'municipality' as const,
  ags: '14522360',
  // Rathaus Mittweida
  street: 'Markt',
  buildingNumber: '32',
  postalCode: '09648',
  city: 'Mittweida',
  country: 'DE',
  contactName: 'Demo Antragstellung',
  contactEmail: 'applicant@demo.example',
  contactPhone: '+49 3727 967-0',
};

/** The demo agency's teams (the processing-time report groups by them); the other demo accounts have none. */
export const DEMO_TEAMS: Partial<Record<Role, string>> = { caseworker: 'Referat 33 – Digitalisierung', approver: 'Referat 33 – Digitalisierung' };

export const DEMO_PAYEE_ACCOUNT = { holder: 'Stadt Mittweida', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };

/** Development only: a demo municipality and one account per role, `<role>@demo.example`. Idempotent. */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<void> {
    const passwordHash = await hashPassword(this.config.demoPassword);
    const created = await this.dataSource.transaction(async (em) => {
      let org = await em.findOneBy(Organisation, { ags: DEMO_MUNICIPALITY.ags });
      org ??= await em.save(em.create(Organisation, DEMO_MUNICIPALITY));
      if (org.city === null) {
        // seeded before organisations had an address
        const { name: _n, kind: _k, ags: _a, ...address } = DEMO_MUNICIPALITY;
        await em.update(Organisation, { id: org.id }, address);
      }
      const made: string[] = [];
      for (const role of ROLES) {
        const email = `${role}@demo.example`;
        const [exists] = await em.query('SELECT 1 FROM users WHERE lower(email) = $1', [email]);
        if (exists) continue;
        await em.save(
          em.create(User, {
            email,
            displayName: `Demo ${role}`,
            roles: [role],
            organisationId: role === 'applicant' ? org.id : null,
            passwordHash,
            status: 'active',
            team: DEMO_TEAMS[role] ?? null,
          }),
        );
        made.push(email);
      }
      // the demo municipality is paid to the standard example IBAN (payouts' table; platform does not import payouts)
      const account = await em.query(
        `INSERT INTO payee_accounts (organisation_id, holder, iban, bic, status, created_by)
         SELECT $1, $2, $3, $4, 'active', u.id FROM users u
          WHERE lower(u.email) = 'applicant@demo.example' AND NOT EXISTS (SELECT 1 FROM payee_accounts WHERE organisation_id = $1)
         RETURNING id`,
        [org.id, DEMO_PAYEE_ACCOUNT.holder, DEMO_PAYEE_ACCOUNT.iban, DEMO_PAYEE_ACCOUNT.bic],
      );
      if (made.length || account.length) {
        await this.audit.append(em, { actorId: null, action: 'demo.seeded', entityType: 'system', data: { users: made, ...(account.length ? { payeeAccount: account[0].id } : {}) } });
      }
      return made;
    });
    if (created.length) this.logger.log(`demo accounts created: ${created.join(', ')}`);
    this.logger.log(
      `demo accounts <role>@demo.example (${ROLES.join(', ')}) with password ${this.config.demoPasswordIsDefault ? `"${this.config.demoPassword}" (default; set DEMO_PASSWORD)` : 'from DEMO_PASSWORD'}`,
    );
  }
}
