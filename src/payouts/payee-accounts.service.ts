import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { AccountProblem, bicProblem, normaliseBic, normaliseIban, sepaIbanProblem } from '../applications/domain/iban';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { formatBerlinDateTime, PLATFORM_TEXTS, PlatformMail, platformMail, PlatformTexts } from '../platform/accounts/platform-texts';
import { AuditService } from '../platform/audit/audit.service';
import type { Actor } from '../platform/auth/actor';
import { Clock } from '../platform/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { ChangePayeeAccountDto, OrganisationPayeeAccountDto, PayeeAccountDto, PendingAccountChangeDto } from './dto/payee-accounts.dto';
import { AccountData, maskIban, sameAccount, STATES_NEEDING_CONFIRMED_ACCOUNT_CHANGES } from './payee-accounts.rules';

interface AccountRow {
  id: string;
  organisation_id: string;
  holder: string;
  iban: string;
  bic: string | null;
  status: PayeeAccountDto['status'];
  created_by: string;
  created_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  decided_comment: string | null;
}

type Step = 'changed' | 'change_requested' | 'change_confirmed' | 'change_rejected';
const MAILS: Record<Step, Extract<PlatformMail, `mailPayeeAccount${string}`>> = {
  changed: 'mailPayeeAccountChanged',
  change_requested: 'mailPayeeAccountChangeRequested',
  change_confirmed: 'mailPayeeAccountChangeConfirmed',
  change_rejected: 'mailPayeeAccountChangeRejected',
};

const NO_ORGANISATION = () => new NotFoundError('The organisation', 'ORGANISATION_NOT_FOUND');

/**
 * The account an organisation is paid to (holder, IBAN, optional BIC), kept by its applicant users. Rows are never
 * changed in substance: each change is a new row. While the organisation has a final notice a change stays `pending`
 * until a caseworker (not the one who asked) confirms it; a pending change is never paid to. Every step is audited
 * and told to the organisation's payee mailbox.
 */
@Injectable()
export class PayeeAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly workflow: WorkflowService,
    private readonly applications: ApplicationsService,
    private readonly clock: Clock,
    @Inject(PLATFORM_TEXTS) private readonly texts: PlatformTexts,
  ) {}

  /** For payment runs: the confirmed account payments go to, or null. A pending change is never returned. */
  async activeAccount(em: EntityManager, organisationId: string): Promise<{ id: string; holder: string; iban: string; bic: string | null } | null> {
    const [row] = await em.query(`SELECT id, holder, iban, bic FROM payee_accounts WHERE organisation_id = $1 AND status = 'active'`, [organisationId]);
    return row ?? null;
  }

  /** The applicant's own organisation: its account, a pending or rejected change, and a proposal when it has none. */
  async ofOwnOrganisation(actor: Actor): Promise<OrganisationPayeeAccountDto> {
    const organisationId = ownOrganisation(actor);
    const view = await this.view(this.dataSource.manager, organisationId);
    const proposal = view.active || view.pending ? null : await this.proposal(organisationId);
    return { ...view, proposal };
  }

  /** The account of a case's organisation, for the agency (and the organisation's own applicants). */
  async ofCase(actor: Actor, caseId: string): Promise<OrganisationPayeeAccountDto> {
    const found = await this.workflow.getCase(actor, caseId);
    return { ...(await this.view(this.dataSource.manager, found.organisationId)), proposal: null };
  }

  async change(actor: Actor, dto: ChangePayeeAccountDto): Promise<OrganisationPayeeAccountDto> {
    const organisationId = ownOrganisation(actor);
    const next = checkedAccount(dto);
    const view = await this.dataSource.transaction(async (em) => {
      const org = await this.lockOrganisation(em, organisationId);
      const active = await this.current(em, organisationId, 'active');
      const pending = await this.current(em, organisationId, 'pending');
      if (active && sameAccount(active, next)) {
        // back to the account in force: an open change is withdrawn, nothing else happens
        if (pending) {
          await em.query(`UPDATE payee_accounts SET status = 'superseded' WHERE id = $1`, [pending.id]);
          await this.audit.append(em, { actorId: actor.id, action: 'payee_account.change_withdrawn', entityType: 'organisation', entityId: organisationId, data: { accountId: pending.id } });
        }
        return this.view(em, organisationId);
      }
      if (pending && sameAccount(pending, next)) return this.view(em, organisationId); // asked for already
      const confirm = await this.needsConfirmation(em, organisationId);
      // a new change replaces an older pending one; one that needs no confirmation replaces the active account too
      if (pending) await em.query(`UPDATE payee_accounts SET status = 'superseded' WHERE id = $1`, [pending.id]);
      if (!confirm && active) await em.query(`UPDATE payee_accounts SET status = 'superseded' WHERE id = $1`, [active.id]);
      const now = this.clock.now();
      const [row] = await em.query(
        `INSERT INTO payee_accounts (organisation_id, holder, iban, bic, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [organisationId, next.holder, next.iban, next.bic, confirm ? 'pending' : 'active', actor.id, now],
      );
      const step: Step = confirm ? 'change_requested' : 'changed';
      await this.audit.append(em, {
        actorId: actor.id,
        action: `payee_account.${step}`,
        entityType: 'organisation',
        entityId: organisationId,
        data: { accountId: row.id, holder: next.holder, iban: next.iban, bic: next.bic, previousAccountId: active?.id ?? null, replacedChangeId: pending?.id ?? null },
      });
      await this.tell(em, step, org, { old: active, next, at: now });
      return this.view(em, organisationId);
    });
    return { ...view, proposal: null };
  }

  /** Caseworker: the changes waiting for confirmation, oldest first. */
  async pendingChanges(): Promise<PendingAccountChangeDto[]> {
    const rows: (AccountRow & { organisation_name: string; requested_by: string })[] = await this.dataSource.query(
      `SELECT p.*, o.name AS organisation_name, u.display_name AS requested_by
         FROM payee_accounts p JOIN organisations o ON o.id = p.organisation_id JOIN users u ON u.id = p.created_by
        WHERE p.status = 'pending' ORDER BY p.created_at, p.id`,
    );
    const actives: AccountRow[] = rows.length
      ? await this.dataSource.query(`SELECT * FROM payee_accounts WHERE status = 'active' AND organisation_id = ANY($1)`, [rows.map((r) => r.organisation_id)])
      : [];
    return rows.map((r) => {
      const current = actives.find((a) => a.organisation_id === r.organisation_id);
      return { organisationId: r.organisation_id, organisationName: r.organisation_name, change: accountView(r), current: current ? accountView(current) : null, requestedBy: r.requested_by };
    });
  }

  /** Four eyes: the person who asked for a change can never confirm (or reject) it, whatever roles they hold. */
  async confirm(actor: Actor, organisationId: string, changeId: string): Promise<OrganisationPayeeAccountDto> {
    return this.decide(actor, organisationId, changeId, null);
  }

  async reject(actor: Actor, organisationId: string, changeId: string, comment: string): Promise<OrganisationPayeeAccountDto> {
    return this.decide(actor, organisationId, changeId, comment);
  }

  private async decide(actor: Actor, organisationId: string, changeId: string, rejection: string | null): Promise<OrganisationPayeeAccountDto> {
    const view = await this.dataSource.transaction(async (em) => {
      const org = await this.lockOrganisation(em, organisationId);
      const pending = await this.current(em, organisationId, 'pending');
      // the id guards against confirming a change that replaced the one the caseworker checked
      if (!pending || pending.id !== changeId) {
        throw new ConflictError('ACCOUNT_CHANGE_NOT_PENDING', 'This account change is no longer pending: it was decided or replaced by a newer change. Reload the list.', { changeId, pendingChangeId: pending?.id ?? null });
      }
      if (pending.created_by === actor.id) throw new ForbiddenError('The person who asked for an account change cannot decide on it (four eyes).', 'FOUR_EYES_VIOLATION');
      const active = await this.current(em, organisationId, 'active');
      const now = this.clock.now();
      if (rejection === null) {
        if (active) await em.query(`UPDATE payee_accounts SET status = 'superseded' WHERE id = $1`, [active.id]);
        await em.query(`UPDATE payee_accounts SET status = 'active', confirmed_by = $2, confirmed_at = $3 WHERE id = $1`, [pending.id, actor.id, now]);
      } else {
        await em.query(`UPDATE payee_accounts SET status = 'rejected', confirmed_by = $2, confirmed_at = $3, decided_comment = $4 WHERE id = $1`, [pending.id, actor.id, now, rejection]);
      }
      const step: Step = rejection === null ? 'change_confirmed' : 'change_rejected';
      await this.audit.append(em, {
        actorId: actor.id,
        action: `payee_account.${step}`,
        entityType: 'organisation',
        entityId: organisationId,
        data: { accountId: pending.id, iban: pending.iban, previousAccountId: active?.id ?? null, ...(rejection !== null ? { comment: rejection } : {}) },
      });
      await this.tell(em, step, org, { old: active, next: pending, at: now, comment: rejection ?? undefined });
      return this.view(em, organisationId);
    });
    return { ...view, proposal: null };
  }

  private async view(em: EntityManager, organisationId: string): Promise<Omit<OrganisationPayeeAccountDto, 'proposal'>> {
    const rows: AccountRow[] = await em.query(
      `(SELECT * FROM payee_accounts WHERE organisation_id = $1 AND status IN ('active', 'pending'))
       UNION ALL (SELECT * FROM payee_accounts WHERE organisation_id = $1 AND status = 'rejected' ORDER BY confirmed_at DESC LIMIT 1)`,
      [organisationId],
    );
    const active = rows.find((r) => r.status === 'active') ?? null;
    const pending = rows.find((r) => r.status === 'pending') ?? null;
    const rejected = rows.find((r) => r.status === 'rejected') ?? null;
    // a rejection is news only until something newer happened
    const rejectedIsLatest = rejected && !pending && (!active || (active.confirmed_at ?? active.created_at) < rejected.confirmed_at!);
    return {
      organisationId,
      active: active && accountView(active),
      pending: pending && accountView(pending),
      rejected: rejectedIsLatest ? accountView(rejected) : null,
      confirmationRequired: await this.needsConfirmation(em, organisationId),
    };
  }

  private async needsConfirmation(em: EntityManager, organisationId: string): Promise<boolean> {
    const [row] = await em.query('SELECT 1 FROM cases WHERE organisation_id = $1 AND state = ANY($2) LIMIT 1', [organisationId, [...STATES_NEEDING_CONFIRMED_ACCOUNT_CHANGES]]);
    return !!row;
  }

  private async current(em: EntityManager, organisationId: string, status: 'active' | 'pending'): Promise<AccountRow | null> {
    const [row] = await em.query('SELECT * FROM payee_accounts WHERE organisation_id = $1 AND status = $2', [organisationId, status]);
    return row ?? null;
  }

  /** Changes of one organisation's account are serialised on its row. */
  private async lockOrganisation(em: EntityManager, organisationId: string): Promise<{ id: string; name: string; contact_email: string | null }> {
    const [org] = await em.query('SELECT id, name, contact_email FROM organisations WHERE id = $1 FOR UPDATE', [organisationId]);
    if (!org) throw NO_ORGANISATION();
    return org;
  }

  /** The bank account of the organisation's latest application that has a valid SEPA one. */
  private async proposal(organisationId: string): Promise<{ holder: string; iban: string } | null> {
    const em = this.dataSource.manager;
    const cases: { id: string }[] = await em.query('SELECT id FROM cases WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 50', [organisationId]);
    const proposals = await this.applications.proposalsOf(em, cases.map((c) => c.id), 'application');
    for (const c of cases) {
      const p = proposals.get(c.id);
      if (p?.iban && p.accountHolder?.trim() && !sepaIbanProblem(p.iban)) return { holder: p.accountHolder.trim(), iban: normaliseIban(p.iban) };
    }
    return null;
  }

  /** The payee mailbox: the organisation's contact address and its active applicant users, each once. */
  private async tell(em: EntityManager, step: Step, org: { id: string; name: string; contact_email: string | null }, what: { old: AccountData | null; next: AccountData; at: Date; comment?: string }): Promise<void> {
    const users: { email: string }[] = await em.query(`SELECT email FROM users WHERE organisation_id = $1 AND status = 'active' AND 'applicant' = ANY(roles) ORDER BY email`, [org.id]);
    const seen = new Set<string>();
    const to = [org.contact_email, ...users.map((u) => u.email)].filter((e): e is string => !!e && !seen.has(e.toLowerCase()) && !!seen.add(e.toLowerCase()));
    const values = {
      organisation: org.name,
      holder: what.next.holder,
      oldIban: what.old ? maskIban(what.old.iban) : this.texts.payeeAccountNone,
      newIban: maskIban(what.next.iban),
      at: formatBerlinDateTime(what.at),
      comment: what.comment ?? '',
    };
    const mail = platformMail(this.texts, MAILS[step], values);
    for (const address of to) await this.outbox.add(em, 'mail.send', { to: address, ...mail });
  }
}

function ownOrganisation(actor: Actor): string {
  if (!actor.organisationId) throw NO_ORGANISATION();
  return actor.organisationId;
}

/** Normalised input, or a 400 naming every problem (the first one's code on top). */
function checkedAccount(dto: ChangePayeeAccountDto): AccountData {
  const iban = normaliseIban(dto.iban);
  const bic = dto.bic?.trim() ? normaliseBic(dto.bic) : null;
  const problems = [sepaIbanProblem(iban), bic ? bicProblem(bic) : null].filter((p): p is AccountProblem => !!p);
  if (problems.length) throw new ValidationError(problems[0].code, problems[0].message, { field: problems[0].field, problems });
  return { holder: dto.holder.trim().replace(/\s+/g, ' '), iban, bic };
}

function accountView(r: AccountRow): PayeeAccountDto {
  return {
    id: r.id,
    holder: r.holder,
    iban: r.iban,
    bic: r.bic,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    decidedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
    comment: r.decided_comment,
  };
}
