import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_USER_ID } from '../../migrations/1732420000000-approvals';
import { ApplicationsService } from '../applications/applications.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { returnedRows } from '../platform/database/database';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { DocumentStore, sha256 } from '../platform/documents/document-store';
import { NotFoundError, ValidationError } from '../platform/errors/domain-error';
import { sha256OfStream } from '../platform/http/stream-hash';
import type { Readable } from 'node:stream';
import { addMonths, berlinDate } from '../platform/calendar/calendar';
import { OutboxService } from '../platform/outbox/outbox.service';
import { CallsService } from '../guidelines/calls/calls.service';
import { DirectoryService } from '../platform/accounts/directory.service';
import { mailFromTexts } from '../platform/texts';
import { LetterInput, letterDate, renderLetterPdf } from '../letters/letter-pdf';
import type { VerificationOutcome } from '../letters/verification-page';
import type { DecisionRow } from './approvals.service';
import { NOTICE_TITLES, NoticeInput, renderNoticePdf } from './notice-letter';

const SYSTEM: Actor = { id: SYSTEM_USER_ID, email: 'system@foerderwerk.invalid', roles: ['caseworker'], organisationId: null };

/** Notices as documents: rendered by a job, stored by SHA-256, mailed, verifiable by anyone. */
/** No notice we render comes near this; a larger upload to the public verification cannot be one of ours. */
export const NOTICE_MAX_BYTES = 5 * 1024 * 1024;

@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentStore,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly workflow: WorkflowService,
    private readonly applications: ApplicationsService,
    private readonly directory: DirectoryService,
    private readonly guidelines: GuidelinesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calls: CallsService,
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
        [input.caseId, decisionId, input.notice.kind, hash, input.notice.verificationCode, berlinDate(input.notice.issuedAt)],
      );
      if (!returnedRows(inserted).length) return;
      await this.outbox.add(em, 'mail.send', {
        to: input.recipient,
        caseId: input.caseId,
        ...this.mail(input.guidelineCode, input.notice),
        attachments: [{ filename: `${input.notice.fileNumber}-${input.notice.kind}.pdf`, sha256: hash, mediaType: 'application/pdf' }],
      });
      await this.audit.append(em, { actorId: null, action: 'notice.issued', entityType: 'case', entityId: input.caseId, data: { decisionId, sha256: hash } });
    });
  }

  /** The printed title of a kind of notice (e.g. settlement → Schlussbescheid). */
  titleOf(kind: keyof typeof NOTICE_TITLES): string {
    return NOTICE_TITLES[kind];
  }

  /**
   * A notice another module words (the settlement's Schlussbescheid, the Widerrufs- und Rückforderungsbescheid):
   * rendered through the shared letter layout in the caller's transaction, stored by its hash, listed and verified
   * with the case's other notices, and mailed with the guideline's notice mail. Returns the notice id.
   */
  async issueLetter(
    em: EntityManager,
    l: { caseId: string; kind: 'settlement' | 'revocation'; sourceId: string; letter: LetterInput & { verificationCode: string }; recipient: string; texts: Record<string, string>; projectTitle: string },
  ): Promise<{ id: string; sha256: string }> {
    const pdf = await renderLetterPdf(l.letter);
    const hash = await this.documents.put(pdf, 'application/pdf', em);
    const [row] = await em.query(
      `INSERT INTO notices (case_id, ${l.kind === 'settlement' ? 'settlement_id' : 'revocation_id'}, kind, sha256, verification_code, issued_on) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [l.caseId, l.sourceId, l.kind, hash, l.letter.verificationCode, berlinDate(l.letter.issuedAt)],
    );
    await this.outbox.add(em, 'mail.send', {
      to: l.recipient,
      caseId: l.caseId,
      ...mailFromTexts(l.texts, 'mailNotice', {
        documentTitle: NOTICE_TITLES[l.kind],
        fileNumber: l.letter.fileNumber,
        projectTitle: l.projectTitle,
        date: letterDate(l.letter.issuedAt),
        verificationCode: l.letter.verificationCode,
        verificationUrl: this.verificationUrl(l.letter.verificationCode),
        authorityName: l.letter.sender.name,
      }),
      attachments: [{ filename: `${l.letter.fileNumber}-${l.kind}.pdf`, sha256: hash, mediaType: 'application/pdf' }],
    });
    await this.audit.append(em, { actorId: null, action: 'notice.issued', entityType: 'case', entityId: l.caseId, data: { kind: l.kind, sourceId: l.sourceId, sha256: hash } });
    return { id: row.id, sha256: hash };
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

  /**
   * Is this the verification code printed on a notice we issued? Public. A code that is not ours is 404
   * NOTICE_NOT_FOUND; a string that cannot be a code is 400 VERIFICATION_CODE_INVALID.
   */
  async verifyCode(raw: unknown): Promise<VerifiedNotice> {
    const code = normaliseVerificationCode(raw);
    const [n] = await this.dataSource.query(
      `SELECT n.kind, n.issued_on, n.verification_code, n.sha256, c.file_number, c.guideline_version_id FROM notices n JOIN cases c ON c.id = n.case_id WHERE n.verification_code = $1`,
      [code],
    );
    if (!n) throw new NotFoundError('A notice with this verification code', 'NOTICE_NOT_FOUND');
    const { definition } = await this.guidelines.version(n.guideline_version_id);
    return {
      genuine: true,
      verificationCode: n.verification_code,
      kind: n.kind,
      title: NOTICE_TITLES[n.kind as keyof typeof NOTICE_TITLES],
      issuer: definition.authority.name,
      fileNumber: n.file_number,
      issuedOn: n.issued_on,
      sha256: n.sha256,
    };
  }

  /** What the public verification page shows for a code as typed (or none: the empty form). */
  async verificationOutcome(raw: unknown): Promise<VerificationOutcome> {
    const code = raw === undefined ? '' : String(raw); // a repeated ?code= arrives as an array
    if (code.trim() === '') return { status: 'form' };
    try {
      const n = await this.verifyCode(code);
      return { status: 'genuine', code: n.verificationCode, issuer: n.issuer, title: n.title, fileNumber: n.fileNumber, issuedOn: n.issuedOn, sha256: n.sha256 };
    } catch (e) {
      if (e instanceof NotFoundError) return { status: 'not_found', code: code.trim().toUpperCase() };
      if (e instanceof ValidationError) return { status: 'invalid', code: code.slice(0, 100), errorCode: e.code };
      throw e;
    }
  }

  /** The address printed on every page of a notice: opens the public verification page for its code. */
  verificationUrl(code: string): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}/verify?code=${encodeURIComponent(code)}`;
  }

  /** Hashes the sent PDF while it streams in; more than NOTICE_MAX_BYTES is refused (413) without reading the rest. */
  async verifyFile(body: Readable | Buffer | undefined, declaredLength?: number) {
    const { sha256: hash, size } = await sha256OfStream(body, NOTICE_MAX_BYTES, declaredLength);
    if (size === 0) throw new ValidationError('FILE_MISSING', 'Send the PDF as the request body (content type application/pdf).');
    return this.verify(hash);
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
    // another organisation's notice answers exactly as one that does not exist: CASE_NOT_FOUND would reveal it
    const c = await this.workflow.getCase(actor, n.case_id).catch((e: unknown) => {
      throw e instanceof NotFoundError ? new NotFoundError('The notice', 'NOTICE_NOT_FOUND') : e;
    });
    return { filename: `${c.fileNumber}-${n.kind}.pdf`, data: (await this.documents.get(n.sha256)).data };
  }

  /** Subject and body of the mail that carries a notice: the guideline's text blocks mailNoticeSubject/mailNoticeBody. */
  private mail(guidelineCode: string, notice: NoticeInput): { subject: string; text: string } {
    // A case keeps the guideline version it started under; a version from before these blocks uses the current wording.
    const texts = notice.texts.mailNoticeSubject && notice.texts.mailNoticeBody ? notice.texts : this.guidelines.currentVersion(guidelineCode).definition.texts;
    return mailFromTexts(texts, 'mailNotice', {
      documentTitle: NOTICE_TITLES[notice.kind],
      fileNumber: notice.fileNumber,
      projectTitle: notice.projectTitle,
      date: letterDate(notice.issuedAt),
      verificationCode: notice.verificationCode,
      verificationUrl: notice.verificationUrl,
      authorityName: notice.authority.name,
    });
  }

  private async input(decisionId: string): Promise<{ caseId: string; guidelineCode: string; recipient: string; notice: NoticeInput }> {
    // Every date printed comes from a stored instant (issue, submission), never from the moment of rendering.
    const [row] = await this.dataSource.query(
      `SELECT d.*, c.file_number, c.call_code, c.title, c.created_by, c.organisation_id, c.created_at AS case_created_at, v.definition,
              coalesce(d.notice_issued_at, (d.notice_date + time '12:00') AT TIME ZONE 'Europe/Berlin') AS issued_at,
              (SELECT min(t.occurred_at) FROM case_transitions t WHERE t.case_id = c.id AND t.transition = $2) AS applied_at
         FROM decisions d JOIN cases c ON c.id = d.case_id JOIN guideline_versions v ON v.id = c.guideline_version_id
        WHERE d.id = $1 AND d.status = 'approved'`,
      [decisionId, 'submit_application'],
    );
    if (!row) throw new Error(`decision ${decisionId} is not approved`);
    if (!row.issued_at) throw new Error(`decision ${decisionId} has no notice issued`);
    // The addressee as on record; a missing address prints what there is (the name).
    const addressee = await this.directory.postalAddress(row.organisation_id);
    if (!addressee) throw new Error(`organisation ${row.organisation_id} of decision ${decisionId} not found`);
    const application = (await this.applications.proposalsOf(this.dataSource.manager, [row.case_id], 'application')).get(row.case_id);
    const d = row as DecisionRow & Record<string, any>;
    const def = row.definition as GuidelineDefinition;
    const call = await this.calls.get(def.code, row.call_code); // the call record: also calls opened by staff
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
      issuedAt: new Date(row.issued_at),
      appliedAt: new Date(row.applied_at ?? row.case_created_at),
      callTitle: call.title,
      addressee,
      projectTitle: (application?.fields.projectTitle as string) || row.title,
      signatory: (await this.directory.displayNameOf(row.approved_by)) ?? '',
      verificationCode: d.verification_code!,
      verificationUrl: this.verificationUrl(d.verification_code!),
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
    const recipient = await this.directory.emailOf(row.created_by);
    if (!recipient) throw new Error(`the applicant who filed case ${d.case_id} was not found`);
    return { caseId: d.case_id, guidelineCode: def.code, recipient, notice };
  }
}

export interface VerifiedNotice {
  genuine: true;
  verificationCode: string;
  kind: DecisionRow['kind'];
  /** The notice's German title, e.g. Zuwendungsbescheid. */
  title: string;
  /** The authority that issued it. */
  issuer: string;
  fileNumber: string;
  issuedOn: string;
  sha256: string;
}

/** `fw-3f9a-7c21-be04-0a1b` → `FW-3F9A-7C21-BE04-0A1B`; anything that cannot be a printed code is a 400. */
export function normaliseVerificationCode(raw: unknown): string {
  const code = String(raw ?? '').trim().toUpperCase();
  if (!/^FW(-[0-9A-F]{4}){4}$/.test(code)) {
    throw new ValidationError('VERIFICATION_CODE_INVALID', 'A verification code looks like FW-XXXX-XXXX-XXXX-XXXX (hexadecimal digits), as printed at the foot of every page.', {
      field: 'code',
    });
  }
  return code;
}
