import { Injectable } from '@nestjs/common';
import { cleanFilename, readUpload } from '../platform/http/uploads';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { mailFrom } from '../applications/domain/mail-texts';
import { sniffMediaType } from '../applications/domain/media-type';
import { ApprovalsService } from '../approvals/approvals.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import type { Case } from '../guidelines/workflow/case.entity';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { DirectoryService } from '../platform/accounts/directory.service';
import { AuditService } from '../platform/audit/audit.service';
import { assertOrganisationAccess, seesAllOrganisations } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { DocumentStore } from '../platform/documents/document-store';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../platform/errors/domain-error';
import { formatEuro } from '../platform/format';
import { OutboxService } from '../platform/outbox/outbox.service';
import { assessPayable, BindingPlan, EarlierPayable, ExpenseLine, PayableCalculation, PayableProblem, retentionOf } from './domain/payable';
import type { CertifyDto, SavePaymentRequestDto } from './dto/payment-requests.dto';

/** Requests that draw on the grant: everything submitted and not returned by the bank. */
const LIVE = ['submitted', 'certified', 'ordered', 'paid'];
/** The mail text blocks this module fills (declared to the workflow registry, so a guideline lacking them fails at start). */
export const PAYMENT_MAIL_TEXTS = ['mailPaymentCertifiedSubject', 'mailPaymentCertifiedBody', 'mailPaymentOrderedSubject', 'mailPaymentOrderedBody', 'mailPaymentSentBackSubject', 'mailPaymentSentBackBody'];
/** The guideline's attachment type whose media types and size limit receipts follow. */
const RECEIPT_TYPE = 'receipts';

type RequestRow = Record<string, any> & { id: string; case_id: string; status: string; number: number; version: number };

/**
 * Payment requests (Mittelabruf) under four eyes: the recipient drafts and submits, a caseworker certifies
 * (sachlich und rechnerisch richtig), a different person with the finance role orders. Every step runs in one
 * transaction holding the case row's lock, so concurrent requests on one case never together exceed the open grant.
 */
@Injectable()
export class PaymentRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly workflow: WorkflowService,
    private readonly registry: WorkflowRegistry,
    private readonly approvals: ApprovalsService,
    private readonly documents: DocumentStore,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, caseId: string) {
    return this.dataSource.transaction(async (em) => {
      const found = await this.lockCase(em, actor, caseId);
      const definition = await this.definitionOf(found);
      await this.assertPayable(em, actor, found, definition);
      const [{ next }] = await em.query('SELECT coalesce(max(number), 0) + 1 AS next FROM payment_requests WHERE case_id = $1', [caseId]);
      const [row] = await em.query(`INSERT INTO payment_requests (case_id, number, status, created_by, created_at) VALUES ($1, $2, 'draft', $3, $4) RETURNING id`, [caseId, next, actor.id, this.clock.now()]);
      await this.audit.append(em, { actorId: actor.id, action: 'payment_request.created', entityType: 'case', entityId: caseId, data: { requestId: row.id, number: next } });
      return this.view(em, actor, row.id);
    });
  }

  async get(actor: Actor, id: string) {
    await this.load(this.dataSource.manager, actor, id);
    return this.view(this.dataSource.manager, actor, id);
  }

  async save(actor: Actor, id: string, dto: SavePaymentRequestDto) {
    return this.dataSource.transaction(async (em) => {
      const { request, found } = await this.lockRequest(em, actor, id);
      if (request.status !== 'draft') throw new ConflictError('PAYMENT_REQUEST_NOT_DRAFT', 'Only a draft payment request can be changed.');
      if (request.version !== dto.version) {
        throw new ConflictError('STALE_VERSION', 'The payment request has changed since you loaded it. Please reload and try again.', { expectedVersion: dto.version, currentVersion: request.version });
      }
      await this.assertPayable(em, actor, found, await this.definitionOf(found));
      const receipts = new Map<string, string>(
        (await em.query('SELECT sha256, filename FROM payment_request_receipts WHERE request_id = $1', [id])).map((r: { sha256: string; filename: string }) => [r.sha256, r.filename]),
      );
      const unknown = dto.lines.map((l, i) => ({ l, i })).filter(({ l }) => l.receiptSha256 && !receipts.has(l.receiptSha256));
      if (unknown.length) {
        throw new ValidationError('RECEIPT_NOT_FOUND', 'A line names a receipt that was not uploaded to this payment request.', {
          problems: unknown.map(({ i }) => ({ code: 'RECEIPT_NOT_FOUND', field: `lines[${i}].receiptSha256`, message: 'Upload the receipt to this payment request first.' })),
        });
      }
      await em.query('DELETE FROM payment_request_lines WHERE request_id = $1', [id]);
      for (const [i, l] of dto.lines.entries()) {
        await em.query(
          `INSERT INTO payment_request_lines (request_id, position, category, invoice_number, supplier, invoice_date, due_date, amount_cents, description, receipt_sha256, receipt_filename)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [id, i + 1, l.category, l.invoiceNumber, l.supplier, l.invoiceDate, l.dueDate, l.amountCents, l.description ?? '', l.receiptSha256 ?? null, l.receiptSha256 ? receipts.get(l.receiptSha256) : null],
        );
      }
      await em.query('UPDATE payment_requests SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
      await this.audit.append(em, { actorId: actor.id, action: 'payment_request.saved', entityType: 'case', entityId: found.id, data: { requestId: id, lines: dto.lines.length } });
      return this.view(em, actor, id);
    });
  }

  /** A receipt for a line, stored by content; a line then names it by its SHA-256. */
  async uploadReceipt(actor: Actor, id: string, upload: { filename: string; stream: Readable }) {
    const { request, found } = await this.load(this.dataSource.manager, actor, id);
    const definition = await this.definitionOf(found);
    const type = definition.attachmentTypes.find((t) => t.code === RECEIPT_TYPE);
    if (!type) {
      upload.stream.resume();
      throw new ConflictError('RECEIPTS_NOT_CONFIGURED', `The guideline ${definition.code} defines no attachment type "${RECEIPT_TYPE}".`);
    }
    if (request.status !== 'draft') {
      upload.stream.resume();
      throw new ConflictError('PAYMENT_REQUEST_NOT_DRAFT', 'Receipts can only be added to a draft payment request.');
    }
    const data = await readUpload(upload.stream, type.maxBytes, 'ATTACHMENT_TOO_LARGE', 'receipts');
    const mediaType = sniffMediaType(data);
    if (!mediaType || !type.mediaTypes.includes(mediaType)) {
      throw new DomainError('unsupported_media_type', 'ATTACHMENT_CONTENT_NOT_ALLOWED', `The file's content is ${mediaType ?? 'of an unknown type'}; receipts may be ${type.mediaTypes.join(', ')}.`, {
        detected: mediaType,
        allowed: type.mediaTypes,
      });
    }
    return this.dataSource.transaction(async (em) => {
      const { request: locked } = await this.lockRequest(em, actor, id);
      if (locked.status !== 'draft') throw new ConflictError('PAYMENT_REQUEST_NOT_DRAFT', 'Receipts can only be added to a draft payment request.');
      const sha256 = await this.documents.put(data, mediaType, em);
      const filename = cleanFilename(upload.filename, 'beleg');
      await em.query(
        `INSERT INTO payment_request_receipts (request_id, sha256, filename, media_type, size_bytes, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (request_id, sha256) DO UPDATE SET filename = EXCLUDED.filename`,
        [id, sha256, filename, mediaType, data.length, actor.id],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'payment_request.receipt_added', entityType: 'case', entityId: found.id, data: { requestId: id, sha256 } });
      return { sha256, filename, mediaType, sizeBytes: data.length };
    });
  }

  async receipt(actor: Actor, id: string, sha256: string) {
    await this.load(this.dataSource.manager, actor, id);
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new NotFoundError('The receipt', 'RECEIPT_NOT_FOUND');
    const [r] = await this.dataSource.query('SELECT filename, media_type FROM payment_request_receipts WHERE request_id = $1 AND sha256 = $2', [id, sha256]);
    if (!r) throw new NotFoundError('The receipt', 'RECEIPT_NOT_FOUND');
    const { data } = await this.documents.get(sha256);
    return { filename: r.filename as string, mediaType: r.media_type as string, data };
  }

  /**
   * Freezes the request. Under the case row's lock: concurrent submissions on one case are serialised, so the second
   * sees the first's payable among the earlier requests. The first submission starts the project (`start_project`).
   */
  async submit(actor: Actor, id: string) {
    return this.dataSource.transaction(async (em) => {
      const { request, found } = await this.lockRequest(em, actor, id);
      if (request.status !== 'draft') throw new ConflictError('PAYMENT_REQUEST_NOT_DRAFT', `This payment request is already ${request.status}.`);
      const definition = await this.definitionOf(found);
      await this.assertPayable(em, actor, found, definition);
      const today = berlinDate(this.clock.now());
      const { plan, decisionId } = await this.plan(em, found.id, definition);
      const lines = await this.lines(em, id);
      const { calculation, problems } = assessPayable(plan, lines.map(toExpense), await this.earlier(em, found.id, id), today);
      const all = lines.length ? problems : [{ code: 'LINES_MISSING', field: 'lines', message: 'Add at least one expense.' }, ...problems];
      if (all.length) throw invalid(all, calculation);
      await em.query(
        `UPDATE payment_requests SET status = 'submitted', version = version + 1, updated_at = now(), decision_id = $2, requested_cents = $3, payable_cents = $3,
           calculation = $4, submitted_by = $5, submitted_at = $6 WHERE id = $1`,
        [id, decisionId, calculation.payableCents, calculation, actor.id, this.clock.now()],
      );
      if (found.state === finalState(definition)) await this.workflow.transition(actor, { caseId: found.id, transition: 'start_project' }, em);
      await this.audit.append(em, { actorId: actor.id, action: 'payment_request.submitted', entityType: 'case', entityId: found.id, data: { requestId: id, payableCents: calculation.payableCents } });
      return this.view(em, actor, id);
    });
  }

  /** Sachlich und rechnerisch richtig: optionally reduced per line, each with its reason; the limits are checked again. */
  async certify(actor: Actor, id: string, dto: CertifyDto) {
    return this.dataSource.transaction(async (em) => {
      const { request, found } = await this.lockRequest(em, actor, id);
      if (request.status !== 'submitted') throw new ConflictError('PAYMENT_REQUEST_NOT_SUBMITTED', `Only a submitted payment request can be certified; this one is ${request.status}.`);
      const definition = await this.definitionOf(found);
      if (request.kind === 'final') return this.certifyFinal(em, actor, request, found, definition, dto);
      await this.assertPayable(em, actor, found, definition);
      const lines = await this.lines(em, id);
      const reductions = dto.reductions ?? [];
      const byId = new Map(lines.map((l) => [l.id, l]));
      const wrong = reductions.flatMap((r, i) => {
        const line = byId.get(r.lineId);
        if (!line) return [{ code: 'LINE_NOT_FOUND', field: `reductions[${i}].lineId`, message: 'This payment request has no such line.' }];
        if (r.acceptedCents >= Number(line.amount_cents)) return [{ code: 'REDUCTION_INVALID', field: `reductions[${i}].acceptedCents`, message: `A reduction must accept less than the ${formatEuro(Number(line.amount_cents))} of the line.` }];
        return [];
      });
      if (new Set(reductions.map((r) => r.lineId)).size !== reductions.length) wrong.push({ code: 'REDUCTION_INVALID', field: 'reductions', message: 'Each line can be reduced once.' });
      if (wrong.length) throw new ValidationError('REDUCTION_INVALID', 'The reductions cannot be applied.', { problems: wrong });
      await em.query('UPDATE payment_request_lines SET accepted_cents = NULL, reduction_reason = NULL WHERE request_id = $1', [id]);
      for (const r of reductions) await em.query('UPDATE payment_request_lines SET accepted_cents = $2, reduction_reason = $3 WHERE id = $1', [r.lineId, r.acceptedCents, r.reason]);
      const { plan } = await this.plan(em, found.id, definition);
      const reduced = await this.lines(em, id);
      const { calculation, problems } = assessPayable(plan, reduced.map(toExpense), await this.earlier(em, found.id, id), berlinDate(new Date(request.submitted_at)));
      if (problems.length) throw invalid(problems, calculation);
      await em.query(
        `UPDATE payment_requests SET status = 'certified', version = version + 1, updated_at = now(), payable_cents = $2, calculation = $3, certified_by = $4, certified_at = $5 WHERE id = $1`,
        [id, calculation.payableCents, calculation, actor.id, this.clock.now()],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'payment_request.certified', entityType: 'case', entityId: found.id, data: { requestId: id, payableCents: calculation.payableCents, reductions } });
      const details = reductions.map((r) => `\nGekürzt: Zeile ${byId.get(r.lineId)!.position} auf ${formatEuro(r.acceptedCents)} – ${r.reason}\n`).join('');
      await this.mail(em, found, definition, 'mailPaymentCertified', await this.applicantEmail(em, found), { paymentNumber: String(request.number), amount: formatEuro(calculation.payableCents), details });
      return this.view(em, actor, id);
    });
  }

  /** Anordnung: never by the person who certified, whatever roles they hold; paid to the organisation's active account. */
  async order(actor: Actor, id: string) {
    return this.dataSource.transaction(async (em) => {
      const { request, found } = await this.lockRequest(em, actor, id);
      if (request.status !== 'certified') throw new ConflictError('PAYMENT_REQUEST_NOT_CERTIFIED', `Only a certified payment request can be ordered; this one is ${request.status}.`);
      if (request.certified_by === actor.id) throw new ForbiddenError('The person who certified a payment request cannot order its payment (four eyes).', 'FOUR_EYES_VIOLATION');
      const definition = await this.definitionOf(found);
      if (request.kind === 'final') assertFinalPayable(found, definition);
      else await this.assertPayable(em, actor, found, definition);
      const [account] = await em.query(`SELECT id FROM payee_accounts WHERE organisation_id = $1 AND status = 'active'`, [found.organisationId]);
      if (!account) throw new UnprocessableError('PAYEE_ACCOUNT_MISSING', 'The organisation has no confirmed payee account; the payment cannot be ordered.');
      await em.query(`UPDATE payment_requests SET status = 'ordered', version = version + 1, updated_at = now(), ordered_by = $2, ordered_at = $4, payee_account_id = $3 WHERE id = $1`, [
        id,
        actor.id,
        account.id,
        this.clock.now(),
      ]);
      await this.audit.append(em, { actorId: actor.id, action: 'payment_request.ordered', entityType: 'case', entityId: found.id, data: { requestId: id, payableCents: Number(request.payable_cents), payeeAccountId: account.id } });
      await this.mail(em, found, definition, 'mailPaymentOrdered', await this.applicantEmail(em, found), { paymentNumber: String(request.number), amount: formatEuro(Number(request.payable_cents)) });
      return this.view(em, actor, id);
    });
  }

  /** Back to the caseworker without an order: the certification and its reductions are cleared. */
  async sendBack(actor: Actor, id: string, comment: string) {
    return this.dataSource.transaction(async (em) => {
      const { request, found } = await this.lockRequest(em, actor, id);
      if (request.status !== 'certified') throw new ConflictError('PAYMENT_REQUEST_NOT_CERTIFIED', `Only a certified payment request can be sent back; this one is ${request.status}.`);
      const definition = await this.definitionOf(found);
      await em.query('UPDATE payment_request_lines SET accepted_cents = NULL, reduction_reason = NULL WHERE request_id = $1', [id]);
      await em.query(
        `UPDATE payment_requests SET status = 'submitted', version = version + 1, updated_at = now(), certified_by = NULL, certified_at = NULL, payable_cents = requested_cents,
           sent_back_by = $2, sent_back_at = $4, sent_back_comment = $3 WHERE id = $1`,
        [id, actor.id, comment, this.clock.now()],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'payment_request.sent_back', entityType: 'case', entityId: found.id, data: { requestId: id, comment, certifiedBy: request.certified_by } });
      const certifier = await this.directory.emailOf(request.certified_by, em);
      if (certifier) {
        await this.mail(em, found, definition, 'mailPaymentSentBack', certifier, { paymentNumber: String(request.number), actorEmail: actor.email, reasons: comment }, true);
      }
      return this.view(em, actor, id);
    });
  }

  // --- the final payment after settlement (asked by the settlement, in its transaction)

  /** What the case's payments paid out (net of returns), each with the day it was paid, oldest first. */
  async paidOf(em: EntityManager, caseId: string): Promise<{ paidCents: number; payments: { paidOn: string; amountCents: number }[] }> {
    const rows: { paid_on: string; amount: string }[] = await em.query(
      `SELECT paid_on::text, payable_cents AS amount FROM payment_requests WHERE case_id = $1 AND status = 'paid' ORDER BY paid_on, number`,
      [caseId],
    );
    const payments = rows.map((r) => ({ paidOn: r.paid_on, amountCents: Number(r.amount) }));
    return { paidCents: payments.reduce((sum, p) => sum + p.amountCents, 0), payments };
  }

  /** Whether any payment of the case is still on its way (submitted, certified or ordered): the case cannot close. */
  async hasUnsettled(em: EntityManager, caseId: string): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM payment_requests WHERE case_id = $1 AND status IN ('draft', 'submitted', 'certified', 'ordered') LIMIT 1`, [caseId]);
    return !!row;
  }

  /**
   * The final payment the settlement found due (final grant − paid, the retention among it): a request of kind
   * 'final', submitted on the recipient's behalf by the settlement, then certified and ordered under four eyes
   * like every payment, and paid in the next run. The retention limit of Mittelabrufe no longer applies to it.
   */
  async createFinal(em: EntityManager, actorId: string, caseId: string, decisionId: string, amountCents: number, settlementId: string): Promise<string> {
    const now = this.clock.now();
    const calculation = { kind: 'final', settlementId, payableCents: amountCents };
    const [row] = await em.query(
      `INSERT INTO payment_requests (case_id, number, kind, status, decision_id, requested_cents, payable_cents, calculation, created_by, created_at, submitted_by, submitted_at)
       VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM payment_requests WHERE case_id = $1), 'final', 'submitted', $2, $3, $3, $4, $5, $6, $5, $6) RETURNING id, number`,
      [caseId, decisionId, amountCents, calculation, actorId, now],
    );
    await this.audit.append(em, { actorId, action: 'payment_request.final_created', entityType: 'case', entityId: caseId, data: { requestId: row.id, number: row.number, payableCents: amountCents, settlementId } });
    return row.id;
  }

  /** The final payment is certified as the settlement computed it: no lines to reduce, no limits of a Mittelabruf. */
  private async certifyFinal(em: EntityManager, actor: Actor, request: RequestRow, found: Case, definition: GuidelineDefinition, dto: CertifyDto) {
    assertFinalPayable(found, definition);
    if (dto.reductions?.length) throw new ValidationError('REDUCTION_INVALID', 'The final payment has no lines to reduce; the settlement fixed its amount.', { field: 'reductions' });
    await em.query(`UPDATE payment_requests SET status = 'certified', version = version + 1, updated_at = now(), certified_by = $2, certified_at = $3 WHERE id = $1`, [
      request.id,
      actor.id,
      this.clock.now(),
    ]);
    await this.audit.append(em, { actorId: actor.id, action: 'payment_request.certified', entityType: 'case', entityId: found.id, data: { requestId: request.id, payableCents: Number(request.payable_cents), kind: 'final' } });
    await this.mail(em, found, definition, 'mailPaymentCertified', await this.applicantEmail(em, found), { paymentNumber: String(request.number), amount: formatEuro(Number(request.payable_cents)), details: '' });
    return this.view(em, actor, request.id);
  }

  /** The payments of a case: grant, retention, paid, pending and open, and its requests. */
  async ofCase(actor: Actor, caseId: string) {
    const found = await this.workflow.getCase(actor, caseId);
    const definition = await this.definitionOf(found);
    const em = this.dataSource.manager;
    const decision = await this.approvals.currentApproval(em, caseId);
    const grantCents = decision ? Number(decision.grant_cents) : null;
    const retentionCents = grantCents === null ? 0 : retentionOf(grantCents, definition.payments.retentionBp);
    const [sums] = await em.query(
      `SELECT coalesce(sum(payable_cents) FILTER (WHERE status = 'paid'), 0)::bigint AS paid,
              coalesce(sum(payable_cents) FILTER (WHERE status IN ('submitted', 'certified', 'ordered')), 0)::bigint AS pending
         FROM payment_requests WHERE case_id = $1`,
      [caseId],
    );
    const ids: { id: string }[] = await em.query('SELECT id FROM payment_requests WHERE case_id = $1 ORDER BY number', [caseId]);
    const requests = [];
    for (const { id } of ids) requests.push(await this.view(em, actor, id));
    const paidCents = Number(sums.paid);
    const pendingCents = Number(sums.pending);
    return {
      caseId,
      grantCents,
      retentionCents,
      paidCents,
      pendingCents,
      openCents: grantCents === null ? 0 : Math.max(0, grantCents - retentionCents - paidCents - pendingCents),
      requests,
    };
  }

  /** The agency's queues: requests by status, oldest first. */
  async queue(actor: Actor, status?: string) {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM payment_requests WHERE ($1::text IS NULL OR status = $1) ORDER BY coalesce(certified_at, submitted_at, created_at), id LIMIT 500`,
      [status ?? null],
    );
    const out = [];
    for (const { id } of rows) out.push(await this.view(this.dataSource.manager, actor, id));
    return out;
  }

  /** For the work lists: requests waiting for certification or for the order. */
  async waiting(status: 'submitted' | 'certified'): Promise<{ id: string; caseId: string; number: number; certifiedBy: string | null }[]> {
    const rows = await this.dataSource.query(`SELECT id, case_id, number, certified_by FROM payment_requests WHERE status = $1 ORDER BY coalesce(certified_at, submitted_at), id`, [status]);
    return rows.map((r: { id: string; case_id: string; number: number; certified_by: string | null }) => ({ id: r.id, caseId: r.case_id, number: r.number, certifiedBy: r.certified_by }));
  }

  /** For the case timeline: the steps of the case's payment requests. The caller has checked access to the case. */
  async eventsOf(caseId: string): Promise<{ at: Date; number: number; final: boolean; step: 'submitted' | 'certified' | 'ordered'; amountCents: number }[]> {
    const rows = await this.dataSource.query('SELECT number, kind, requested_cents, payable_cents, submitted_at, certified_at, ordered_at FROM payment_requests WHERE case_id = $1', [caseId]);
    const out: { at: Date; number: number; final: boolean; step: 'submitted' | 'certified' | 'ordered'; amountCents: number }[] = [];
    for (const r of rows) {
      const final = r.kind === 'final';
      if (r.submitted_at) out.push({ at: r.submitted_at, number: r.number, final, step: 'submitted', amountCents: Number(r.requested_cents) });
      if (r.certified_at) out.push({ at: r.certified_at, number: r.number, final, step: 'certified', amountCents: Number(r.payable_cents) });
      if (r.ordered_at) out.push({ at: r.ordered_at, number: r.number, final, step: 'ordered', amountCents: Number(r.payable_cents) });
    }
    return out;
  }

  // --- used by the workflow (payouts.workflow.ts)

  /** The expense lines of the case's requests in the given states, oldest request first (the proof of use starts from them). */
  async expenseLinesOf(
    em: EntityManager,
    caseId: string,
    statuses: readonly string[],
  ): Promise<{ id: string; category: string; invoice_number: string; supplier: string; invoice_date: string; amount_cents: string; description: string; receipt_sha256: string | null; receipt_filename: string | null; media_type: string | null }[]> {
    return em.query(
      `SELECT l.id, l.category, l.invoice_number, l.supplier, l.invoice_date::text, l.amount_cents, l.description, l.receipt_sha256, l.receipt_filename, d.media_type
         FROM payment_request_lines l JOIN payment_requests r ON r.id = l.request_id LEFT JOIN documents d ON d.sha256 = l.receipt_sha256
        WHERE r.case_id = $1 AND r.status = ANY($2) ORDER BY r.number, l.position`,
      [caseId, statuses],
    );
  }

  async hasPending(em: EntityManager, caseId: string): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM payment_requests WHERE case_id = $1 AND status IN ('submitted', 'certified') LIMIT 1`, [caseId]);
    return !!row;
  }

  async fundingPeriod(em: EntityManager, caseId: string): Promise<{ start: string | null; end: string | null }> {
    const d = await this.approvals.currentApproval(em, caseId);
    return { start: d?.funding_start ?? null, end: d?.funding_end ?? null };
  }

  // --- internals

  /** The binding plan: the case's current approval (the latest approved approval or amendment). */
  private async plan(em: EntityManager, caseId: string, definition: GuidelineDefinition): Promise<{ plan: BindingPlan; decisionId: string }> {
    const d = await this.approvals.currentApproval(em, caseId);
    if (!d) throw new ConflictError('NOTICE_NOT_FINAL', 'The case has no approved decision to pay out.');
    const perCategory = ((d as unknown as { calculation?: { perCategory?: { category: string; rateBp: number; grantCents: number }[] } }).calculation?.perCategory ?? []).map((c) => ({
      category: c.category,
      rateBp: c.rateBp,
      grantCents: c.grantCents,
    }));
    return {
      decisionId: d.id,
      plan: {
        grantCents: Number(d.grant_cents),
        categories: perCategory,
        fundingStart: d.funding_start,
        fundingEnd: d.funding_end,
        retentionBp: definition.payments.retentionBp,
        requestWindowMonths: definition.payments.requestWindowMonths,
      },
    };
  }

  private async earlier(em: EntityManager, caseId: string, exceptId: string): Promise<EarlierPayable> {
    const rows: { payable_cents: string; calculation: PayableCalculation | null }[] = await em.query(
      'SELECT payable_cents, calculation FROM payment_requests WHERE case_id = $1 AND id <> $2 AND status = ANY($3)',
      [caseId, exceptId, LIVE],
    );
    const perCategory: Record<string, number> = {};
    let totalCents = 0;
    for (const r of rows) {
      totalCents += Number(r.payable_cents);
      for (const c of r.calculation?.perCategory ?? []) perCategory[c.category] = (perCategory[c.category] ?? 0) + c.payableCents;
    }
    return { totalCents, perCategory };
  }

  /** Payments only on a final notice not held by an objection: the objection check of approvals, then the state. */
  private async assertPayable(em: EntityManager, actor: Actor, found: Case, definition: GuidelineDefinition): Promise<void> {
    const transition = definition.workflow.transitions.find((t) => t.name === 'start_project')!;
    const check = this.registry.check('no_open_objection');
    const failures = check ? await check({ em, case: found, definition, transition, actor, reason: null, input: {}, notes: [] }) : [];
    if (failures.length) throw new ConflictError(failures[0].code, failures[0].message, { problems: failures });
    const payable = [finalState(definition), transition.to];
    if (!payable.includes(found.state)) {
      throw new ConflictError('NOTICE_NOT_FINAL', 'Funds can only be requested once the notice is final (and until the proof of use is submitted).', { state: found.state });
    }
  }

  private async definitionOf(found: Case): Promise<GuidelineDefinition> {
    return (await this.guidelines.version(found.guidelineVersionId)).definition;
  }

  private async lockCase(em: EntityManager, actor: Actor, caseId: string): Promise<Case> {
    const found = await this.workflow.getCase(actor, caseId, em);
    await em.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    return this.workflow.getCase(actor, caseId, em);
  }

  /** Loads a request the actor may see; another organisation's answers exactly as one that does not exist. */
  private async load(em: EntityManager, actor: Actor, id: string): Promise<{ request: RequestRow; found: Case }> {
    const [request] = await em.query('SELECT * FROM payment_requests WHERE id = $1', [id]);
    if (!request) throw new NotFoundError('The payment request', 'PAYMENT_REQUEST_NOT_FOUND');
    const [c] = await em.query('SELECT organisation_id FROM cases WHERE id = $1', [request.case_id]);
    assertOrganisationAccess(actor, c.organisation_id, 'The payment request', 'PAYMENT_REQUEST_NOT_FOUND');
    return { request, found: await this.workflow.getCase(actor, request.case_id, em) };
  }

  /** The case row, then the request row, locked in that order (every path does the same, so none deadlocks). */
  private async lockRequest(em: EntityManager, actor: Actor, id: string): Promise<{ request: RequestRow; found: Case }> {
    const { request } = await this.load(em, actor, id);
    const found = await this.lockCase(em, actor, request.case_id);
    const [locked] = await em.query('SELECT * FROM payment_requests WHERE id = $1 FOR UPDATE', [id]);
    return { request: locked, found };
  }

  private async lines(em: EntityManager, id: string): Promise<Record<string, any>[]> {
    return em.query(
      `SELECT id, position, category, invoice_number, supplier, invoice_date::text AS invoice_date, due_date::text AS due_date, amount_cents, description,
              receipt_sha256, receipt_filename, accepted_cents, reduction_reason
         FROM payment_request_lines WHERE request_id = $1 ORDER BY position`,
      [id],
    );
  }

  private async view(em: EntityManager, actor: Actor, id: string) {
    const [r] = await em.query(
      `SELECT p.*, c.file_number, c.title, c.guideline_version_id FROM payment_requests p JOIN cases c ON c.id = p.case_id WHERE p.id = $1`,
      [id],
    );
    const lines = await this.lines(em, id);
    const receipts = await em.query('SELECT sha256, filename, media_type, size_bytes FROM payment_request_receipts WHERE request_id = $1 ORDER BY uploaded_at, sha256', [id]);
    let preview: PayableCalculation | null = null;
    let problems: PayableProblem[] = [];
    const { definition } = await this.guidelines.version(r.guideline_version_id);
    const binding = (await this.approvals.currentApproval(em, r.case_id)) ? (await this.plan(em, r.case_id, definition)).plan : null;
    if (r.status === 'draft' && binding) {
      // what the submission would say today, so the form can show it early
      ({ calculation: preview, problems } = assessPayable(binding, lines.map(toExpense), await this.earlier(em, r.case_id, id), berlinDate(this.clock.now())));
    }
    const labels = new Map(definition.costCategories.map((c) => [c.code, c.label]));
    const plan = binding && {
      grantCents: binding.grantCents,
      retentionCents: retentionOf(binding.grantCents, binding.retentionBp),
      fundingStart: binding.fundingStart,
      fundingEnd: binding.fundingEnd,
      requestWindowMonths: binding.requestWindowMonths,
      categories: binding.categories.map((c) => ({ ...c, label: labels.get(c.category) ?? c.category })),
    };
    const agency = seesAllOrganisations(actor);
    return {
      id: r.id,
      caseId: r.case_id,
      fileNumber: r.file_number,
      title: r.title,
      number: r.number,
      kind: r.kind,
      status: r.status,
      version: r.version,
      requestedCents: r.requested_cents === null ? null : Number(r.requested_cents),
      payableCents: r.payable_cents === null ? null : Number(r.payable_cents),
      calculation: r.calculation,
      plan,
      preview,
      problems,
      lines: lines.map((l) => ({
        id: l.id,
        position: l.position,
        category: l.category,
        invoiceNumber: l.invoice_number,
        supplier: l.supplier,
        invoiceDate: l.invoice_date,
        dueDate: l.due_date,
        amountCents: Number(l.amount_cents),
        description: l.description,
        receiptSha256: l.receipt_sha256,
        receiptFilename: l.receipt_filename,
        acceptedCents: l.accepted_cents === null ? null : Number(l.accepted_cents),
        reductionReason: l.reduction_reason,
      })),
      receipts: receipts.map((x: Record<string, any>) => ({ sha256: x.sha256, filename: x.filename, mediaType: x.media_type, sizeBytes: x.size_bytes })),
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
      certifiedAt: r.certified_at,
      orderedAt: r.ordered_at,
      // who worked on it and finance's comment are the agency's working papers
      ...(agency ? { certifiedBy: r.certified_by, orderedBy: r.ordered_by, sentBackComment: r.sent_back_comment, payeeAccountId: r.payee_account_id } : {}),
    };
  }

  private async applicantEmail(em: EntityManager, found: Case): Promise<string> {
    const email = await this.directory.emailOf(found.createdBy, em);
    if (!email) throw new Error(`case ${found.id}: its creator has no account`);
    return email;
  }

  private async mail(em: EntityManager, found: Case, definition: GuidelineDefinition, key: string, to: string, values: Record<string, string>, internal = false): Promise<void> {
    const texts = PAYMENT_MAIL_TEXTS.every((k) => k in definition.texts) ? definition.texts : { ...this.guidelines.currentVersion(definition.code).definition.texts, ...definition.texts };
    const mail = mailFrom(texts, key, {
      fileNumber: found.fileNumber ?? '–',
      projectTitle: found.title || '–',
      authorityName: definition.authority.name,
      details: '',
      ...values,
    });
    await this.outbox.add(em, 'mail.send', { to, caseId: found.id, ...(internal ? { internal: true } : {}), ...mail });
  }
}

/** The state a notice becomes final in (the target of `mark_notice_final`). */
function finalState(definition: GuidelineDefinition): string | undefined {
  return definition.workflow.transitions.find((t) => t.name === 'mark_notice_final')?.to;
}

function toExpense(l: Record<string, any>): ExpenseLine {
  return {
    category: l.category,
    invoiceDate: l.invoice_date,
    dueDate: l.due_date,
    amountCents: Number(l.amount_cents),
    acceptedCents: l.accepted_cents === null || l.accepted_cents === undefined ? null : Number(l.accepted_cents),
  };
}

function invalid(problems: { code: string; field: string; message: string }[], calculation: PayableCalculation): UnprocessableError {
  return new UnprocessableError('PAYMENT_REQUEST_INVALID', `The payment request cannot be accepted: ${problems.length} problem(s).`, {
    problems,
    payableCents: calculation.payableCents,
    openCents: calculation.openBeforeCents,
    retentionCents: calculation.retentionCents,
  });
}


/** A final payment is made once the settlement is signed off (state `settled`), and not after a revocation. */
function assertFinalPayable(found: Case, definition: GuidelineDefinition): void {
  const settled = definition.workflow.transitions.filter((t) => ['approve_settlement', 'settle'].includes(t.name)).map((t) => t.to);
  if (!settled.includes(found.state)) throw new ConflictError('CASE_NOT_SETTLED', 'The final payment is made only on a settled case.', { state: found.state });
}
