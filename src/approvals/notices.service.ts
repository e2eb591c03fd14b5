import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_USER_ID } from '../../migrations/1732420000000-approvals';
import { ApplicationsService } from '../applications/applications.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { returnedRows } from '../platform/database/database';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { DocumentStore, sha256 } from '../platform/documents/document-store';
import { NotFoundError, ValidationError } from '../platform/errors/domain-error';
import { addMonths } from '../platform/calendar/calendar';
import { OutboxService } from '../platform/outbox/outbox.service';
import type { DecisionRow } from './approvals.service';
import { NoticeInput, renderNoticePdf } from './notice-pdf';

const SYSTEM: Actor = { id: SYSTEM_USER_ID, email: 'system@foerderwerk.invalid', roles: ['caseworker'], organisationId: null };

/** Notices as documents: rendered by a job, stored by SHA-256, mailed, verifiable by anyone. */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentStore,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly workflow: WorkflowService,
    private readonly applications: ApplicationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The `notice.render` job. The PDF depends only on the decision, so a retry renders the same bytes;
   * the notice row is unique per decision and the mail is queued with it, so there is one document and one mail.
   */
  async render(decisionId: string): Promise<void> {
    const [exists] = await this.dataSource.query('SELECT 1 FROM notices WHERE decision_id = $1', [decisionId]);
    if (exists) return;
    const input = await this.input(decisionId);
    const pdf = await renderNoticePdf(input.notice);
    await this.dataSource.transaction(async (em) => {
      const hash = await this.documents.put(pdf, 'application/pdf', em);
      const inserted = await em.query(
        `INSERT INTO notices (case_id, decision_id, kind, sha256, verification_code, issued_on) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (decision_id) DO NOTHING RETURNING id`,
        [input.caseId, decisionId, input.notice.kind, hash, input.notice.verificationCode, input.notice.date],
      );
      if (!returnedRows(inserted).length) return;
      await this.outbox.add(em, 'mail.send', {
        to: input.recipient,
        caseId: input.caseId,
        subject: `${input.notice.fileNumber}: ${TITLES[input.notice.kind]}`,
        text: [
          'Guten Tag,',
          '',
          `anbei erhalten Sie den ${TITLES[input.notice.kind]} zum Vorgang „${input.notice.projectTitle}“ (Aktenzeichen ${input.notice.fileNumber}).`,
          `Prüfcode: ${input.notice.verificationCode}. Die Echtheit können Sie unter ${input.notice.verificationUrl} prüfen.`,
          '',
          'Mit freundlichen Grüßen',
          input.notice.authority.name,
        ].join('\n'),
        attachments: [{ filename: `${input.notice.fileNumber}-${input.notice.kind}.pdf`, sha256: hash, mediaType: 'application/pdf' }],
      });
      await this.audit.append(em, { actorId: null, action: 'notice.issued', entityType: 'case', entityId: input.caseId, data: { decisionId, sha256: hash } });
    });
  }

  /** The `notice.finalize` job: when the objection period has run out without an objection, the notice becomes final. */
  async finalize(decisionId: string): Promise<void> {
    const [d] = await this.dataSource.query(
      `SELECT d.case_id, d.kind, c.state, v.definition FROM decisions d JOIN cases c ON c.id = d.case_id JOIN guideline_versions v ON v.id = c.guideline_version_id WHERE d.id = $1`,
      [decisionId],
    );
    if (!d) return;
    const transition = d.kind === 'rejection' ? 'close_rejected' : 'mark_notice_final';
    const step = (d.definition as GuidelineDefinition).workflow.transitions.find((t) => t.name === transition);
    if (!step?.from.includes(d.state)) return; // waived, objected, or already final
    await this.workflow.transition(SYSTEM, { caseId: d.case_id, transition });
  }

  /** Is this PDF (or hash) a notice we issued? Public: anyone holding a copy may ask. */
  async verify(hash: string) {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new ValidationError('HASH_INVALID', 'Give the SHA-256 of the file as 64 hexadecimal characters.', { field: 'sha256' });
    const [n] = await this.dataSource.query(
      `SELECT n.kind, n.issued_on, n.verification_code, c.file_number, c.id AS case_id FROM notices n JOIN cases c ON c.id = n.case_id WHERE n.sha256 = $1`,
      [hash],
    );
    if (!n) return { genuine: false, sha256: hash };
    return { genuine: true, sha256: hash, kind: n.kind, fileNumber: n.file_number, caseId: n.case_id, issuedOn: n.issued_on, verificationCode: n.verification_code };
  }

  verifyFile(data: Buffer) {
    if (!Buffer.isBuffer(data) || data.length === 0) throw new ValidationError('FILE_MISSING', 'Send the PDF as the request body (content type application/pdf).');
    return this.verify(sha256(data));
  }

  async list(actor: Actor, caseId: string) {
    await this.workflow.getCase(actor, caseId);
    return this.dataSource.query(
      `SELECT id, decision_id AS "decisionId", kind, sha256, verification_code AS "verificationCode", issued_on AS "issuedOn" FROM notices WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
  }

  async content(actor: Actor, noticeId: string) {
    const [n] = await this.dataSource.query(`SELECT case_id, sha256, kind FROM notices WHERE id = $1`, [noticeId]);
    if (!n) throw new NotFoundError('The notice', 'NOTICE_NOT_FOUND');
    const c = await this.workflow.getCase(actor, n.case_id);
    return { filename: `${c.fileNumber}-${n.kind}.pdf`, data: (await this.documents.get(n.sha256)).data };
  }

  private async input(decisionId: string): Promise<{ caseId: string; recipient: string; notice: NoticeInput }> {
    const [row] = await this.dataSource.query(
      `SELECT d.*, c.file_number, c.call_code, c.title, c.created_by, v.definition, o.name AS org_name,
              u.display_name AS signatory, creator.email AS recipient,
              (SELECT min(t.occurred_at) FROM case_transitions t WHERE t.case_id = c.id AND t.transition = 'submit_application') AS applied_at
         FROM decisions d JOIN cases c ON c.id = d.case_id JOIN guideline_versions v ON v.id = c.guideline_version_id
         JOIN organisations o ON o.id = c.organisation_id JOIN users u ON u.id = d.approved_by JOIN users creator ON creator.id = c.created_by
        WHERE d.id = $1 AND d.status = 'approved'`,
      [decisionId],
    );
    if (!row) throw new Error(`decision ${decisionId} is not approved`);
    const application = (await this.applications.proposalsOf(this.dataSource.manager, [row.case_id], 'application')).get(row.case_id);
    const d = row as DecisionRow & Record<string, any>;
    const def = row.definition as GuidelineDefinition;
    const call = def.calls.find((c) => c.code === row.call_code)!;
    const label = (code: string) => def.costCategories.find((c) => c.code === code)?.label ?? code;
    const byCategory = new Map<string, number>();
    for (const l of d.costs) byCategory.set(l.category, (byCategory.get(l.category) ?? 0) + l.amountCents);
    const totalCosts = [...byCategory.values()].reduce((a, b) => a + b, 0);
    const grant = Number(d.grant_cents);
    const calc = d.calculation as { perCategory: { category: string; rateBp: number }[]; eligibleCostsCents: number } | null;
    const notice: NoticeInput = {
      kind: d.kind,
      texts: def.texts,
      authority: def.authority,
      fileNumber: row.file_number,
      date: d.notice_date!,
      applicationDate: (row.applied_at ? new Date(row.applied_at) : new Date()).toISOString().slice(0, 10),
      callTitle: call.title,
      addressee: { name: row.org_name },
      projectTitle: (application?.fields.projectTitle as string) || row.title,
      signatory: row.signatory,
      verificationCode: d.verification_code!,
      verificationUrl: `${this.config.publicUrl}/api/v1/notices/verify`,
      requestWindowMonths: def.payments.requestWindowMonths,
      retentionBp: def.payments.retentionBp,
      interimReportDue: def.reporting.interimReportDue,
      receiptRetentionYears: def.reporting.receiptRetentionYears,
    };
    if (d.kind === 'rejection') notice.reasons = d.reasons;
    else {
      Object.assign(notice, {
        amountCents: grant,
        eligibleCostsCents: calc?.eligibleCostsCents ?? totalCosts,
        fundingTypeLabel: def.fundingType.label,
        rates: (calc?.perCategory ?? []).map((c) => ({ label: label(c.category), rateBp: c.rateBp })),
        fundingStart: d.funding_start ?? undefined,
        fundingEnd: d.funding_end ?? undefined,
        financingPlan: {
          costs: [...byCategory].map(([category, amountCents]) => ({ label: label(category), amountCents })),
          totalCostsCents: totalCosts,
          grantCents: grant,
          ownContributionCents: Number(d.own_contribution_cents),
          thirdParty: d.third_party_funds.map((f) => ({ label: f.source, amountCents: f.amountCents })),
        },
        reductions: d.reductions.map((r) => ({
          label: label(r.category),
          reducedByCents: (application?.costs ?? []).filter((l) => l.category === r.category).reduce((s, l) => s + l.amountCents, 0) - r.eligibleCents,
          reason: r.reason,
        })),
        finalReportDue: d.funding_end ? addMonths(d.funding_end, def.reporting.finalReportMonthsAfterPeriod) : undefined,
      });
    }
    return { caseId: d.case_id, recipient: row.recipient, notice };
  }
}

const TITLES: Record<DecisionRow['kind'], string> = { approval: 'Zuwendungsbescheid', rejection: 'Ablehnungsbescheid', amendment: 'Änderungsbescheid' };
