import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { assertOrganisationAccess, hasRole, organisationScope, seesAllOrganisations } from '../auth/access';
import type { Actor } from '../auth/actor';
import type { Role } from '../auth/roles';
import * as argon2 from 'argon2';
import { hashPassword } from '../auth/auth.service';
import { passwordProblems, PasswordContext } from '../auth/password-policy';
import { SessionsService } from '../auth/sessions.service';
import { newToken, tokenHash } from '../auth/tokens';
import { sentKeys } from '../draft';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors/domain-error';
import { OutboxService } from '../outbox/outbox.service';
import { agsProblem, districtOf } from './ags';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  CreateOrganisationDto,
  DeactivateUserDto,
  InvitationCreatedDto,
  InviteUserDto,
  OrganisationDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequestedDto,
  UpdateOrganisationDto,
  UpdateUserDto,
  UserDto,
} from './dto/accounts.dto';
import { Invitation } from './invitation.entity';
import { addressProblem, ADDRESS_FIELDS, AddressFields } from './organisation-address';
import { Organisation } from './organisation.entity';
import { PasswordReset } from './password-reset.entity';
import { checkedTeam } from './team';
import { User } from './user.entity';

export { tokenHash } from '../auth/tokens';

const NEEDS_AGS = ['municipality', 'district'];

/** The answer to every password-reset request, whether or not the address belongs to an account. */
export const PASSWORD_RESET_REQUESTED =
  'Wenn die Adresse zu einem aktiven Konto gehört, ist ein Link zum Festlegen eines neuen Passworts unterwegs. / If the address belongs to an active account, a link to set a new password is on its way.';
/** Both answers of a password-reset request take at least this long, so their timing does not tell whether the address exists. */
const PASSWORD_RESET_MIN_MS = 400;

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createOrganisation(actor: Actor, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    if (NEEDS_AGS.includes(dto.kind) && !dto.ags) {
      throw new ValidationError('AGS_REQUIRED', `An organisation of kind ${dto.kind} needs its Amtlicher Gemeindeschlüssel (ags).`, { field: 'ags' });
    }
    const problem = dto.ags ? agsProblem(dto.ags) : null;
    if (problem) throw new ValidationError('AGS_INVALID', `The Amtlicher Gemeindeschlüssel ${problem}.`, { field: 'ags' });
    const address = addressOf({ country: 'DE' }, sentKeys(dto));
    assertAddress(address);
    return this.dataSource.transaction(async (em) => {
      if (dto.ags && (await em.existsBy(Organisation, { ags: dto.ags }))) {
        throw new ConflictError('AGS_TAKEN', `An organisation with AGS ${dto.ags} exists already.`, { field: 'ags' });
      }
      const org = await em.save(em.create(Organisation, { name: dto.name, kind: dto.kind, ags: dto.ags ?? null, ...address }));
      await this.audit.append(em, { actorId: actor.id, action: 'organisation.created', entityType: 'organisation', entityId: org.id, data: { ...sentKeys(dto) } });
      return toOrganisationDto(org);
    });
  }

  /** Address and contact: an admin for any organisation, an applicant for their own. */
  async updateOrganisation(actor: Actor, id: string, dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    const changes = sentKeys(dto);
    return this.dataSource.transaction(async (em) => {
      const org = await em.findOne(Organisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw new NotFoundError('The organisation');
      if (!hasRole(actor, 'admin')) {
        const own = hasRole(actor, 'applicant') && actor.organisationId === org.id;
        if (!own) {
          // staff who may read it learn they may not change it; anyone else learns nothing
          if (seesAllOrganisations(actor)) throw new ForbiddenError('Only an admin or the organisation’s own applicants may change its address and contact.', 'ROLE_NOT_ALLOWED');
          throw new NotFoundError('The organisation');
        }
      }
      const before = addressOf(org, {});
      const after = addressOf(org, changes);
      assertAddress(after);
      const changed = ADDRESS_FIELDS.filter((f) => before[f] !== after[f]);
      if (!changed.length) return toOrganisationDto(org);
      await em.update(Organisation, { id }, after);
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'organisation.address_changed',
        entityType: 'organisation',
        entityId: id,
        data: { changed: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: after[f] }])) },
      });
      return toOrganisationDto(await em.findOneByOrFail(Organisation, { id }));
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
    const team = assertTeam(dto.team ?? null, roles);
    return this.dataSource.transaction(async (em) => {
      if (dto.organisationId && !(await em.existsBy(Organisation, { id: dto.organisationId }))) {
        throw new ValidationError('ORGANISATION_NOT_FOUND', 'The organisation does not exist.', { field: 'organisationId' });
      }
      const [taken] = await em.query('SELECT id, status FROM users WHERE lower(email) = lower($1)', [dto.email]);
      if (taken?.status === 'invited') {
        throw new ConflictError('USER_ALREADY_INVITED', `This person has been invited already and has not accepted yet; renew the invitation with POST /api/v1/users/${taken.id}/invitation.`, {
          field: 'email',
          userId: taken.id,
        });
      }
      if (taken) throw new ConflictError('EMAIL_TAKEN', 'A user with this e-mail address exists already.', { field: 'email' });
      const user = await em.save(
        em.create(User, { email: dto.email, displayName: dto.displayName, roles, organisationId: dto.organisationId ?? null, status: 'invited', team }),
      );
      const expiresAt = await this.sendInvitation(em, actor, user, 'invitation');
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'user.invited',
        entityType: 'user',
        entityId: user.id,
        data: { email: user.email, roles, organisationId: user.organisationId, team },
      });
      return { userId: user.id, email: user.email, expiresAt: expiresAt.toISOString() };
    });
  }

  /** A new one-time link for someone who has not accepted (also after expiry); every earlier link stops working. */
  async renewInvitation(actor: Actor, userId: string): Promise<InvitationCreatedDto> {
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('The user', 'USER_NOT_FOUND');
      if (user.status === 'active') {
        throw new ConflictError('USER_ALREADY_ACTIVE', 'This user has accepted the invitation already; a forgotten password is reset with POST /api/v1/auth/password-reset.');
      }
      if (user.status !== 'invited') throw new ConflictError('USER_DISABLED', 'This user is disabled and cannot be invited again.');
      const revoked = await em.update(Invitation, { userId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      const expiresAt = await this.sendInvitation(em, actor, user, 'invitation-renewed');
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'user.invitation_renewed',
        entityType: 'user',
        entityId: user.id,
        data: { email: user.email, revokedInvitations: revoked.affected ?? 0, expiresAt: expiresAt.toISOString() },
      });
      return { userId: user.id, email: user.email, expiresAt: expiresAt.toISOString() };
    });
  }

  private async sendInvitation(em: EntityManager, actor: Actor, user: User, kind: 'invitation' | 'invitation-renewed'): Promise<Date> {
    const expiresAt = new Date(Date.now() + this.config.invitationTtlHours * 3600_000);
    const { identifiers } = await em.insert(Invitation, { userId: user.id, tokenHash: unusableHash(), expiresAt, createdBy: actor.id });
    // the token is made and mailed by the job (AccountMailer), so it is never stored in the outbox
    await this.outbox.add(em, 'account.link-mail', { kind, id: identifiers[0].id, to: user.email });
    return expiresAt;
  }

  /** Whether an invitation link still works (the page shows the form only then); throws the coded reason otherwise. */
  async checkInvitation(token: string): Promise<void> {
    const invitation = await this.dataSource.getRepository(Invitation).findOneBy({ tokenHash: tokenHash(token) });
    assertInvitationUsable(invitation);
  }

  async acceptInvitation(dto: AcceptInvitationDto): Promise<UserDto> {
    return this.dataSource.transaction(async (em) => {
      // locks the user before the invitation, in the order a renewal takes them, so the two cannot deadlock
      const found = await em.findOneBy(Invitation, { tokenHash: tokenHash(dto.token) });
      const invitee = found && (await em.findOne(User, { where: { id: found.userId }, lock: { mode: 'pessimistic_write' } }));
      const invitation = found && (await em.findOne(Invitation, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } }));
      assertInvitationUsable(invitation);
      assertPasswordAllowed(dto.password, invitee ?? {});
      const passwordHash = await hashPassword(dto.password);
      await em.update(Invitation, { id: invitation.id }, { usedAt: new Date() });
      await em.update(User, { id: invitation.userId }, { passwordHash, status: 'active' });
      const user = await em.findOneByOrFail(User, { id: invitation.userId });
      await this.audit.append(em, { actorId: user.id, action: 'user.activated', entityType: 'user', entityId: user.id });
      return toUserDto(user);
    });
  }

  /**
   * "Forgot password": mails a one-time, expiring link to an active user. The answer is the same,
   * and takes about as long, whether or not the address belongs to one (no user enumeration).
   */
  async requestPasswordReset(dto: PasswordResetRequestDto): Promise<PasswordResetRequestedDto> {
    const started = Date.now();
    try {
      await this.dataSource.transaction(async (em) => {
        const user = await em.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: dto.email }).setLock('pessimistic_write').getOne();
        if (!user || user.status !== 'active') return;
        const expiresAt = new Date(Date.now() + this.config.passwordResetTtlMinutes * 60_000);
        const { identifiers } = await em.insert(PasswordReset, { userId: user.id, tokenHash: unusableHash(), expiresAt });
        await this.outbox.add(em, 'account.link-mail', { kind: 'password-reset', id: identifiers[0].id, to: user.email });
        await this.audit.append(em, { actorId: null, action: 'user.password_reset_requested', entityType: 'user', entityId: user.id, data: { expiresAt: expiresAt.toISOString() } });
      });
    } finally {
      const wait = started + PASSWORD_RESET_MIN_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    return { message: PASSWORD_RESET_REQUESTED };
  }

  async checkPasswordReset(token: string): Promise<void> {
    const reset = await this.dataSource.getRepository(PasswordReset).findOneBy({ tokenHash: tokenHash(token) });
    assertResetUsable(reset);
  }

  /** Sets the new password; the link and every other open reset link of the user stop working; every session ends. */
  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<UserDto> {
    return this.dataSource.transaction(async (em) => {
      const reset = await em.findOne(PasswordReset, { where: { tokenHash: tokenHash(dto.token) }, lock: { mode: 'pessimistic_write' } });
      assertResetUsable(reset);
      const user = await em.findOne(User, { where: { id: reset.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.status !== 'active') throw new NotFoundError('The password-reset link', 'PASSWORD_RESET_NOT_FOUND');
      assertPasswordAllowed(dto.password, user);
      const passwordHash = await hashPassword(dto.password);
      await em.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      await em.update(User, { id: user.id }, { passwordHash });
      const sessions = await this.sessions.revokeAllOf(em, user.id);
      await this.audit.append(em, { actorId: user.id, action: 'user.password_reset', entityType: 'user', entityId: user.id, data: { revokedSessions: sessions } });
      return toUserDto(user);
    });
  }

  /**
   * Change password: the current password must be right; the new one meets the rules. Every session of the
   * user ends (the caller gets a new one from the controller). Audited.
   */
  async changePassword(actor: Actor, dto: ChangePasswordDto): Promise<{ revokedSessions: number }> {
    return this.dataSource.transaction(async (em) => {
      const user = await em
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id: actor.id })
        .setLock('pessimistic_write')
        .getOne();
      if (!user || user.status !== 'active') throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'A valid bearer token is required.');
      const ok = user.passwordHash ? await argon2.verify(user.passwordHash, dto.currentPassword).catch(() => false) : false;
      if (!ok) throw new ForbiddenError('The current password is wrong.', 'CURRENT_PASSWORD_WRONG', { field: 'currentPassword' });
      assertPasswordAllowed(dto.newPassword, user, 'newPassword');
      if (await argon2.verify(user.passwordHash!, dto.newPassword).catch(() => false)) {
        throw new ValidationError('PASSWORD_REJECTED', 'The password does not meet the password rules.', {
          problems: [{ code: 'PASSWORD_UNCHANGED', message: 'The new password must differ from the current one.', field: 'newPassword' }],
        });
      }
      await em.update(User, { id: user.id }, { passwordHash: await hashPassword(dto.newPassword) });
      await em.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      const revokedSessions = await this.sessions.revokeAllOf(em, user.id);
      await this.audit.append(em, { actorId: actor.id, action: 'user.password_changed', entityType: 'user', entityId: user.id, data: { revokedSessions } });
      return { revokedSessions };
    });
  }

  /**
   * An admin deactivates a user (not themselves): the account cannot log in, every session ends (the next
   * request with an existing access token is refused, refresh tokens are revoked), open invitation and reset
   * links stop working. Audited with the reason.
   */
  async deactivateUser(actor: Actor, userId: string, dto: DeactivateUserDto): Promise<UserDto> {
    if (userId === actor.id) throw new ConflictError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account; ask another admin.');
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('The user', 'USER_NOT_FOUND');
      if (user.status === 'disabled') throw new ConflictError('USER_ALREADY_DISABLED', 'This user is deactivated already.');
      const previousStatus = user.status;
      await em.update(User, { id: user.id }, { status: 'disabled' });
      await em.update(Invitation, { userId: user.id, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      await em.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      const revokedSessions = await this.sessions.revokeAllOf(em, user.id);
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'user.deactivated',
        entityType: 'user',
        entityId: user.id,
        data: { reason: dto.reason, previousStatus, revokedSessions },
      });
      return toUserDto({ ...user, status: 'disabled' });
    });
  }

  /** Undoes a deactivation: an account with a password becomes active again, one without stays invited (renew the invitation). */
  async reactivateUser(actor: Actor, userId: string, dto: DeactivateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (em) => {
      const user = await em.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).setLock('pessimistic_write').getOne();
      if (!user) throw new NotFoundError('The user', 'USER_NOT_FOUND');
      if (user.status !== 'disabled') throw new ConflictError('USER_NOT_DISABLED', 'This user is not deactivated.');
      const status = user.passwordHash ? 'active' : 'invited';
      await em.update(User, { id: user.id }, { status });
      await this.audit.append(em, { actorId: actor.id, action: 'user.reactivated', entityType: 'user', entityId: user.id, data: { reason: dto.reason, status } });
      return toUserDto({ ...user, status });
    });
  }

  /** An admin changes a user's caseworker team (agency staff only); audited with the old and new team. */
  async updateUser(actor: Actor, userId: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('The user', 'USER_NOT_FOUND');
      if (dto.team === undefined) return toUserDto(user);
      const team = assertTeam(dto.team, user.roles);
      if (team === user.team) return toUserDto(user);
      await em.update(User, { id: user.id }, { team });
      await this.audit.append(em, { actorId: actor.id, action: 'user.team_changed', entityType: 'user', entityId: user.id, data: { from: user.team, to: team } });
      return toUserDto({ ...user, team });
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

/** Refuses a password the policy forbids: 400 PASSWORD_REJECTED listing each problem (PASSWORD_TOO_SHORT, PASSWORD_TOO_COMMON, …). */
export function assertPasswordAllowed(password: string, account: PasswordContext, field = 'password'): void {
  const problems = passwordProblems(password, account, field);
  if (problems.length) throw new ValidationError('PASSWORD_REJECTED', 'The password does not meet the password rules.', { problems });
}

/** A placeholder until the job stores the hash of the token it mails: the hash of a secret nobody keeps. */
function unusableHash(): string {
  return tokenHash(newToken());
}

function assertInvitationUsable(invitation: Invitation | null): asserts invitation is Invitation {
  if (!invitation) throw new NotFoundError('The invitation', 'INVITATION_NOT_FOUND');
  if (invitation.usedAt) throw new DomainError('gone', 'INVITATION_USED', 'This invitation link has been used already. Please log in.');
  if (invitation.revokedAt) throw new DomainError('gone', 'INVITATION_REVOKED', 'This invitation link has been replaced by a newer invitation. Please use the link from the latest mail.');
  if (invitation.expiresAt.getTime() < Date.now()) {
    throw new DomainError('gone', 'INVITATION_EXPIRED', 'This invitation link has expired. Please ask for a new invitation.');
  }
}

function assertResetUsable(reset: PasswordReset | null): asserts reset is PasswordReset {
  if (!reset) throw new NotFoundError('The password-reset link', 'PASSWORD_RESET_NOT_FOUND');
  if (reset.usedAt) throw new DomainError('gone', 'PASSWORD_RESET_USED', 'This password-reset link has been used already or replaced. Please request a new one.');
  if (reset.expiresAt.getTime() < Date.now()) throw new DomainError('gone', 'PASSWORD_RESET_EXPIRED', 'This password-reset link has expired. Please request a new one.');
}

function addressOf(base: Partial<AddressFields>, changes: Partial<AddressFields>): AddressFields {
  return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, f in changes && changes[f] !== undefined ? changes[f] : (base[f] ?? (f === 'country' ? 'DE' : null))])) as AddressFields;
}

function assertTeam(team: string | null, roles: readonly Role[]): string | null {
  const checked = checkedTeam(team, roles);
  if ('code' in checked) throw new ValidationError(checked.code, checked.message, { field: 'team' });
  return checked.team;
}

function assertAddress(address: AddressFields): void {
  const problem = addressProblem(address);
  if (problem) throw new ValidationError(problem.code, problem.message, { field: problem.field });
}

function toOrganisationDto(o: Organisation): OrganisationDto {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    ags: o.ags,
    district: o.ags ? districtOf(o.ags) : null,
    street: o.street,
    buildingNumber: o.buildingNumber,
    postalCode: o.postalCode,
    city: o.city,
    country: o.country,
    contactName: o.contactName,
    contactEmail: o.contactEmail,
    contactPhone: o.contactPhone,
  };
}

function toUserDto(u: User): UserDto {
  return { id: u.id, email: u.email, displayName: u.displayName, roles: u.roles, organisationId: u.organisationId, status: u.status, team: u.team };
}
