import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { assertOrganisationAccess, organisationScope } from '../auth/access';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/auth.service';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors/domain-error';
import { OutboxService } from '../outbox/outbox.service';
import { agsProblem, districtOf } from './ags';
import { AcceptInvitationDto, CreateOrganisationDto, InvitationCreatedDto, InviteUserDto, OrganisationDto, UserDto } from './dto/accounts.dto';
import { Invitation } from './invitation.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

const NEEDS_AGS = ['municipality', 'district'];

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createOrganisation(actor: Actor, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    if (NEEDS_AGS.includes(dto.kind) && !dto.ags) {
      throw new ValidationError('AGS_REQUIRED', `An organisation of kind ${dto.kind} needs its Amtlicher Gemeindeschlüssel (ags).`, { field: 'ags' });
    }
    const problem = dto.ags ? agsProblem(dto.ags) : null;
    if (problem) throw new ValidationError('AGS_INVALID', `The Amtlicher Gemeindeschlüssel ${problem}.`, { field: 'ags' });
    return this.dataSource.transaction(async (em) => {
      if (dto.ags && (await em.existsBy(Organisation, { ags: dto.ags }))) {
        throw new ConflictError('AGS_TAKEN', `An organisation with AGS ${dto.ags} exists already.`, { field: 'ags' });
      }
      const org = await em.save(em.create(Organisation, { name: dto.name, kind: dto.kind, ags: dto.ags ?? null }));
      await this.audit.append(em, { actorId: actor.id, action: 'organisation.created', entityType: 'organisation', entityId: org.id, data: { ...dto } });
      return toOrganisationDto(org);
    });
  }

  async listOrganisations(actor: Actor): Promise<OrganisationDto[]> {
    const scope = organisationScope(actor);
    if (scope === 'none') return [];
    const orgs = await this.dataSource.getRepository(Organisation).find({ where: scope ? { id: scope } : {}, order: { name: 'ASC' } });
    return orgs.map(toOrganisationDto);
  }

  async getOrganisation(actor: Actor, id: string): Promise<OrganisationDto> {
    const org = await this.dataSource.getRepository(Organisation).findOneBy({ id });
    if (!org) throw new NotFoundError('The organisation');
    assertOrganisationAccess(actor, org.id, 'The organisation');
    return toOrganisationDto(org);
  }

  /** Creates the user as invited and sends a one-time link (through the outbox) to set a password. */
  async invite(actor: Actor, dto: InviteUserDto): Promise<InvitationCreatedDto> {
    const roles = [...new Set(dto.roles)];
    if (roles.includes('applicant') && !dto.organisationId) {
      throw new ValidationError('ORGANISATION_REQUIRED', 'An applicant acts for an organisation: organisationId is required.', { field: 'organisationId' });
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.invitationTtlHours * 3600_000);
    return this.dataSource.transaction(async (em) => {
      if (dto.organisationId && !(await em.existsBy(Organisation, { id: dto.organisationId }))) {
        throw new ValidationError('ORGANISATION_NOT_FOUND', 'The organisation does not exist.', { field: 'organisationId' });
      }
      const [taken] = await em.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [dto.email]);
      if (taken) throw new ConflictError('EMAIL_TAKEN', 'A user with this e-mail address exists already.', { field: 'email' });
      const user = await em.save(
        em.create(User, { email: dto.email, displayName: dto.displayName, roles, organisationId: dto.organisationId ?? null, status: 'invited' }),
      );
      await em.save(em.create(Invitation, { userId: user.id, tokenHash: tokenHash(token), expiresAt, createdBy: actor.id }));
      const link = `${this.config.publicUrl}/invitation?token=${token}`;
      await this.outbox.add(em, 'mail.send', {
        to: user.email,
        subject: 'Einladung zu Förderwerk',
        text: [
          `Guten Tag ${user.displayName},`,
          '',
          'Sie wurden zu Förderwerk eingeladen. Bitte legen Sie über diesen Link Ihr Passwort fest:',
          '',
          link,
          '',
          `Der Link ist einmal verwendbar und gilt bis ${expiresAt.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })} Uhr.`,
        ].join('\n'),
      });
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'user.invited',
        entityType: 'user',
        entityId: user.id,
        data: { email: user.email, roles, organisationId: user.organisationId },
      });
      return { userId: user.id, email: user.email, expiresAt: expiresAt.toISOString() };
    });
  }

  async acceptInvitation(dto: AcceptInvitationDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (em) => {
      const invitation = await em.findOne(Invitation, { where: { tokenHash: tokenHash(dto.token) }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) throw new NotFoundError('The invitation', 'INVITATION_NOT_FOUND');
      if (invitation.usedAt) throw new DomainError('gone', 'INVITATION_USED', 'This invitation link has been used already. Please log in.');
      if (invitation.expiresAt.getTime() < Date.now()) {
        throw new DomainError('gone', 'INVITATION_EXPIRED', 'This invitation link has expired. Please ask for a new invitation.');
      }
      await em.update(Invitation, { id: invitation.id }, { usedAt: new Date() });
      await em.update(User, { id: invitation.userId }, { passwordHash, status: 'active' });
      const user = await em.findOneByOrFail(User, { id: invitation.userId });
      await this.audit.append(em, { actorId: user.id, action: 'user.activated', entityType: 'user', entityId: user.id });
      return toUserDto(user);
    });
  }

  async listUsers(): Promise<UserDto[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { email: 'ASC' } });
    return users.map(toUserDto);
  }

  async me(actor: Actor): Promise<UserDto> {
    return toUserDto(await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.id }));
  }
}

function toOrganisationDto(o: Organisation): OrganisationDto {
  return { id: o.id, name: o.name, kind: o.kind, ags: o.ags, district: o.ags ? districtOf(o.ags) : null };
}

function toUserDto(u: User): UserDto {
  return { id: u.id, email: u.email, displayName: u.displayName, roles: u.roles, organisationId: u.organisationId, status: u.status };
}
