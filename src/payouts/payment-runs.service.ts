import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { LedgerService, PaymentBooking } from '../ledger/ledger.service';
import { DirectoryService, OrganisationPostalAddress } from '../platform/accounts/directory.service';
import { AuditService } from '../platform/audit/audit.service';
import type { Actor } from '../platform/auth/actor';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { returnedRows } from '../platform/database/database';
import { DocumentStore } from '../platform/documents/document-store';
import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { QueuesService } from '../platform/outbox/queues.service';
import { fillCompletely, mailFromTexts } from '../platform/texts';
import { RETURN_REASONS, ReturnReasonCode } from './domain/return-reasons';
import { target2Closure } from './domain/target2';
import { ADVICE_TEXT_BLOCKS, adviceValues, renderPaymentAdvicePdf } from './payment-advice';
import { isSepaIdentifier, sepaText, SepaTransaction, writePain001 } from './sepa/pain001';

export interface Problem {
  code: string;
  message: string;
  field: string;
}

/** An ordered payment as a run sees it: what the bank file needs, and what would keep it out of a run. */
export interface RunPayment {
  id: string;
  caseId: string;
  fileNumber: string;
  number: number;
  amountCents: number;
  status: string;
  orderedAt: string | null;
  organisation: string;
  payee: { holder: string; iban: string; bic: string | null } | null;
  endToEndId: string | null;
  remittance: string;
  paidOn: string | null;
  returnReasonCode: string | null;
  returnNote: string | null;
  problems: Problem[];
}

export interface PaymentRunView {
  id: string;
  number: string;
  guidelineCode: string;
  executionDate: string;
  status: 'built' | 'exported' | 'executed';
  transactionCount: number;
  controlSumCents: number;
  messageId: string | null;
  sha256: string | null;
  createdAt: string;
  exportedAt: string | null;
  executedAt: string | null;
  payments?: RunPayment[];
}

export interface BuildRunInput {
  guidelineCode: string;
  executionDate: string;
  orderedBefore?: string;
  paymentIds?: string[];
}

const MAIL_TEXTS = ['mailPaymentPaidSubject', 'mailPaymentPaidBody', 'mailPaymentReturnedSubject', 'mailPaymentReturnedBody'];

/**
 * Payment runs (Zahlungsläufe): finance collects ordered payments into a run, exports it as one SEPA credit-transfer
 * file (pain.001.001.09) for the paying authority's account, confirms it when the bank has executed it (paid, booked
 * in the ledger, advice letter and mail) and books payments the bank returns. Each step is one transaction that
 * checks the state it starts from under a row lock, so a retry or a double click never pays or books twice.
 */
@Injectable()
export class PaymentRunsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly workflow: WorkflowService,
    private readonly registry: WorkflowRegistry,
    private readonly ledger: LedgerService,
    private readonly directory: DirectoryService,
    private readonly documents: DocumentStore,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.declareNeeds('payment-runs', { texts: ['paymentRemittance', ...ADVICE_TEXT_BLOCKS, ...MAIL_TEXTS] });
    this.queues.register('payment.advice', ({ paymentRequestId }) => this.renderAdvice(paymentRequestId));
  }

  // --- building

  /** The payments a run of this guideline would take now, each with what would keep it out (the build form shows them). */
  async candidates(guidelineCode: string, orderedBefore?: string): Promise<{ guidelineCode: string; payments: RunPayment[]; count: number; sumCents: number }> {
    const def = this.guidelines.currentVersion(guidelineCode).definition; // 404 GUIDELINE_NOT_FOUND
    const rows = await this.select(this.dataSource.manager, `pr.status = 'ordered' AND pr.run_id IS NULL AND v.guideline_code = $1 AND ($2::date IS NULL OR pr.ordered_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'))`, [
      guidelineCode,
      orderedBefore ?? null,
    ]);
    const payments = await this.describe(this.dataSource.manager, rows, def);
    const fit = payments.filter((p) => p.problems.length === 0);
    return { guidelineCode, payments, count: fit.length, sumCents: fit.reduce((s, p) => s + p.amountCents, 0) };
  }

  async build(actor: Actor, input: BuildRunInput): Promise<PaymentRunView> {
    const def = this.guidelines.currentVersion(input.guidelineCode).definition;
    this.checkExecutionDate(input.executionDate);
    return this.dataSource.transaction(async (em) => {
      const where = input.paymentIds
        ? `pr.id = ANY($1::uuid[])`
        : `pr.status = 'ordered' AND pr.run_id IS NULL AND v.guideline_code = $1 AND ($2::date IS NULL OR pr.ordered_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'))`;
      const params = input.paymentIds ? [input.paymentIds] : [input.guidelineCode, input.orderedBefore ?? null];
      const rows = await this.select(em, where, params);
      const payments = await this.describe(em, rows, def);
      const problems: Problem[] = [];
      if (input.paymentIds) {
        const found = new Set(rows.map((r) => r.id));
        input.paymentIds.forEach((pid, i) => {
          if (!found.has(pid)) problems.push({ code: 'PAYMENT_NOT_FOUND', field: `paymentIds[${i}]`, message: `There is no payment request ${pid}.` });
        });
        rows.forEach((r, i) => {
          const field = `paymentIds[${input.paymentIds!.indexOf(r.id)}]`;
          const label = `Payment ${r.number} of ${r.file_number}`;
          if (r.guideline_code !== input.guidelineCode) problems.push({ code: 'PAYMENT_OF_OTHER_GUIDELINE', field, message: `${label} belongs to ${r.guideline_code}; a run pays from one debtor account.` });
          else if (r.run_id) problems.push({ code: 'PAYMENT_ALREADY_IN_RUN', field, message: `${label} is already in a payment run.` });
          else if (r.status !== 'ordered') problems.push({ code: 'PAYMENT_NOT_ORDERED', field, message: `${label} is ${r.status}, not ordered.` });
          else problems.push(...payments[i].problems.map((p) => ({ ...p, field })));
        });
      } else {
        payments.forEach((p, i) => problems.push(...p.problems.map((x) => ({ ...x, field: `payments[${i}]` }))));
      }
      if (problems.length) throw new UnprocessableError(problems[0].code, `${problems.length} problem(s) keep payments out of the run.`, { problems });
      if (rows.length === 0) {
        throw new UnprocessableError('NO_PAYMENTS_TO_RUN', 'There are no ordered payments for this run.', {
          problems: [{ code: 'NO_PAYMENTS_TO_RUN', field: 'guidelineCode', message: `No ordered payment of ${input.guidelineCode} waits for a run.` }],
        });
      }
      const [{ n }] = await em.query(`SELECT nextval('payment_run_numbers') AS n`);
      const number = `ZL-${input.executionDate.slice(0, 4)}-${String(n).padStart(5, '0')}`;
      const [run] = await em.query(
        `INSERT INTO payment_runs (number, guideline_code, execution_date, status, created_by) VALUES ($1, $2, $3, 'built', $4) RETURNING id`,
        [number, input.guidelineCode, input.executionDate, actor.id],
      );
      // Row locks in id order (concurrent builds of overlapping payments queue instead of deadlocking); then the claim:
      // a payment another build took meanwhile (its run_id set) is skipped by the WHERE and the count tells.
      await em.query(`SELECT id FROM payment_requests WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [payments.map((p) => p.id)]);
      const claimed: { id: string; payable_cents: string }[] = returnedRows(
        await em.query(
          `UPDATE payment_requests pr SET run_id = $1, payee_account_id = x.account, end_to_end_id = x.e2e, updated_at = now()
             FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS x(id, account, e2e)
            WHERE pr.id = x.id AND pr.run_id IS NULL AND pr.status = 'ordered'
            RETURNING pr.id, pr.payable_cents`,
          [run.id, payments.map((p) => p.id), payments.map((p) => p.payeeAccountId), payments.map((p) => endToEndId(p.fileNumber, p.number))],
        ),
      );
      if (claimed.length !== rows.length) {
        throw new ConflictError('PAYMENTS_TAKEN_BY_OTHER_RUN', `${rows.length - claimed.length} of the payments were taken into another run meanwhile. Review the payments and build again.`);
      }
      const sum = claimed.reduce((s, c) => s + Number(c.payable_cents), 0);
      const [stored] = returnedRows(await em.query(`UPDATE payment_runs SET transaction_count = $2, control_sum_cents = $3 WHERE id = $1 RETURNING *`, [run.id, claimed.length, sum]));
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'payment_run.built',
        entityType: 'payment_run',
        entityId: run.id,
        // one entry for the run naming its payments (an entry per payment would make a chain insert of tens of thousands)
        data: { number, guidelineCode: input.guidelineCode, executionDate: input.executionDate, transactionCount: claimed.length, controlSumCents: sum, paymentIds: claimed.map((c) => c.id) },
      });
      // the answer from what is at hand: a run of thousands is not read back
      return {
        ...runView(stored),
        payments: payments.map(({ payeeAccountId: _account, problems: _problems, ...p }) => ({ ...p, endToEndId: endToEndId(p.fileNumber, p.number), problems: [] })),
      };
    });
  }

  // --- export

  /** Writes the run's pain.001 file, stores it by SHA-256 and makes the run immutable. */
  async export(actor: Actor, runId: string): Promise<PaymentRunView> {
    await this.dataSource.transaction(async (em) => {
      const run = await this.lockRun(em, runId);
      if (run.status !== 'built') throw new ConflictError('RUN_ALREADY_EXPORTED', `Payment run ${run.number} was exported already; its file cannot change.`);
      const def = this.guidelines.currentVersion(run.guideline_code).definition;
      const debtor = def.payments.debtor;
      const rows = await this.select(em, `pr.run_id = $1`, [runId]);
      const addresses = await this.directory.postalAddresses(rows.map((r) => r.organisation_id), em);
      // an address may have been emptied since the build: the file needs it structured
      const problems = rows.flatMap((r, i) => {
        const missing = missingAddressParts(addresses.get(r.organisation_id)!);
        return missing.length ? [{ code: 'PAYEE_ADDRESS_INCOMPLETE', field: `payments[${i}]`, message: `Payment ${r.number} of ${r.file_number}: the organisation's postal address lacks ${missing.join(', ')}.` }] : [];
      });
      if (problems.length) throw new UnprocessableError(problems[0].code, `${problems.length} payment(s) lack a structured address.`, { problems });
      const transactions: SepaTransaction[] = rows.map((r) => {
        const a = addresses.get(r.organisation_id)!;
        return {
          endToEndId: r.end_to_end_id!,
          amountCents: Number(r.payable_cents),
          creditor: {
            name: r.holder!,
            iban: r.iban!,
            bic: r.bic,
            address: { street: a.street!, buildingNumber: a.buildingNumber!, postalCode: a.postalCode!, town: a.city!, country: a.country },
          },
          remittance: remittance(def, r.file_number, r.number),
        };
      });
      const now = this.clock.now();
      const messageId = `FW-${run.number}`;
      const xml = Buffer.from(
        writePain001({ messageId, paymentInfoId: messageId, createdAt: now, executionDate: run.execution_date, initiatingParty: debtor.name, debtor, transactions }),
        'utf8',
      );
      const hash = await this.documents.put(xml, 'application/xml', em);
      await em.query(`UPDATE payment_runs SET status = 'exported', sha256 = $2, message_id = $3, exported_by = $4, exported_at = $5 WHERE id = $1`, [
        runId,
        hash,
        messageId,
        actor.id,
        now,
      ]);
      await this.audit.append(em, { actorId: actor.id, action: 'payment_run.exported', entityType: 'payment_run', entityId: runId, data: { number: run.number, messageId, sha256: hash } });
    });
    return this.get(actor, runId);
  }

  /** The stored file, byte for byte as exported. */
  async file(runId: string): Promise<{ filename: string; data: Buffer }> {
    const [run] = await this.dataSource.query(`SELECT number, sha256 FROM payment_runs WHERE id = $1`, [runId]);
    if (!run) throw new NotFoundError('The payment run', 'PAYMENT_RUN_NOT_FOUND');
    if (!run.sha256) throw new ConflictError('RUN_NOT_EXPORTED', `Payment run ${run.number} has not been exported yet.`);
    return { filename: `${run.number}.xml`, data: (await this.documents.get(run.sha256)).data };
  }

  // --- the bank executed it

  async confirm(actor: Actor, runId: string, bookedOn?: string): Promise<PaymentRunView> {
    await this.dataSource.transaction(async (em) => {
      const run = await this.lockRun(em, runId);
      if (run.status === 'executed') throw new ConflictError('RUN_ALREADY_EXECUTED', `Payment run ${run.number} was confirmed as executed already; nothing was booked again.`);
      if (run.status !== 'exported') throw new ConflictError('RUN_NOT_EXPORTED', `Payment run ${run.number} has not been exported; export it and hand the file to the bank first.`);
      const today = berlinDate(this.clock.now());
      const paidOn = bookedOn ?? run.execution_date;
      const problems: Problem[] = [];
      if (run.execution_date > today) problems.push({ code: 'RUN_NOT_YET_DUE', field: 'runId', message: `Payment run ${run.number} is to be executed on ${run.execution_date}; it cannot be confirmed before.` });
      else if (paidOn > today) problems.push({ code: 'BOOKING_DATE_IN_FUTURE', field: 'bookedOn', message: 'The booking date cannot lie in the future.' });
      else if (paidOn < run.execution_date) problems.push({ code: 'BOOKING_DATE_BEFORE_EXECUTION', field: 'bookedOn', message: `The booking date cannot be before the requested execution date ${run.execution_date}.` });
      if (problems.length) throw new UnprocessableError(problems[0].code, problems[0].message, { problems });
      const now = this.clock.now();
      await em.query(`UPDATE payment_runs SET status = 'executed', executed_by = $2, executed_at = $3 WHERE id = $1`, [runId, actor.id, now]);
      const paid: { id: string; case_id: string; payable_cents: string }[] = returnedRows(
        await em.query(
          `UPDATE payment_requests SET status = 'paid', paid_on = $2, updated_at = now() WHERE run_id = $1 AND status = 'ordered' RETURNING id, case_id, payable_cents`,
          [runId, paidOn],
        ),
      );
      const cases: { id: string; call_code: string; guideline_code: string }[] = await em.query(
        `SELECT c.id, c.call_code, v.guideline_code FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id WHERE c.id = ANY($1::uuid[])`,
        [[...new Set(paid.map((p) => p.case_id))]],
      );
      const byCase = new Map(cases.map((c) => [c.id, c]));
      const fiscalYear = Number(paidOn.slice(0, 4));
      const bookings: PaymentBooking[] = paid.map((p) => ({
        guidelineCode: byCase.get(p.case_id)!.guideline_code,
        callCode: byCase.get(p.case_id)!.call_code,
        fiscalYear,
        caseId: p.case_id,
        paymentRequestId: p.id,
        amountCents: Number(p.payable_cents),
        bookedOn: paidOn,
      }));
      await this.ledger.bookPayments(em, actor.id, bookings);
      // the advice letter and its mail are made by a job, one per payment (rendering thousands of PDFs has no place in a request)
      {
        for (const p of paid) await this.outbox.add(em, 'payment.advice', { paymentRequestId: p.id });
      }
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'payment_run.executed',
        entityType: 'payment_run',
        entityId: runId,
        data: { number: run.number, paidOn, transactionCount: paid.length, paidCents: bookings.reduce((s, b) => s + b.amountCents, 0), paidPaymentIds: paid.map((p) => p.id) },
      });
    });
    return this.get(actor, runId);
  }

  /** The bank gave a paid payment back: it is booked as returned and its amount is open again for a new request. */
  async bookReturn(actor: Actor, paymentId: string, reasonCode: ReturnReasonCode, note?: string): Promise<RunPayment> {
    await this.dataSource.transaction(async (em) => {
      const [p] = await em.query(`SELECT id, case_id, status, number, payable_cents FROM payment_requests WHERE id = $1 FOR UPDATE`, [paymentId]);
      if (!p) throw new NotFoundError('The payment request', 'PAYMENT_REQUEST_NOT_FOUND');
      if (p.status === 'returned') throw new ConflictError('PAYMENT_ALREADY_RETURNED', `Payment ${p.number} was booked as returned already.`);
      if (p.status !== 'paid') throw new ConflictError('PAYMENT_NOT_PAID', `Payment ${p.number} is ${p.status}; only a paid payment can come back from the bank.`);
      const [c] = await em.query(`SELECT c.call_code, v.guideline_code FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id WHERE c.id = $1`, [p.case_id]);
      const fiscalYear = await this.ledger.paymentFiscalYear(em, paymentId);
      if (fiscalYear === null) throw new Error(`paid payment ${paymentId} has no ledger booking`);
      const today = berlinDate(this.clock.now());
      await em.query(`UPDATE payment_requests SET status = 'returned', returned_at = $2, return_reason_code = $3, return_note = $4, updated_at = now() WHERE id = $1`, [
        paymentId,
        this.clock.now(),
        reasonCode,
        note ?? null,
      ]);
      await this.ledger.bookReturns(em, actor.id, [
        { guidelineCode: c.guideline_code, callCode: c.call_code, fiscalYear, caseId: p.case_id, paymentRequestId: paymentId, amountCents: Number(p.payable_cents), bookedOn: today },
      ]);
      await this.returnMail(em, paymentId, reasonCode);
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'payment.returned',
        entityType: 'payment_request',
        entityId: paymentId,
        data: { caseId: p.case_id, reasonCode, amountCents: Number(p.payable_cents), fiscalYear },
      });
    });
    const [row] = await this.select(this.dataSource.manager, `pr.id = $1`, [paymentId]);
    const [view] = await this.describe(this.dataSource.manager, [row], null);
    return view;
  }

  // --- reading

  async list(): Promise<PaymentRunView[]> {
    const rows = await this.dataSource.query(`SELECT * FROM payment_runs ORDER BY created_at DESC, number DESC LIMIT 200`);
    return rows.map(runView);
  }

  async get(_actor: Actor, runId: string): Promise<PaymentRunView> {
    const [run] = await this.dataSource.query(`SELECT * FROM payment_runs WHERE id = $1`, [runId]);
    if (!run) throw new NotFoundError('The payment run', 'PAYMENT_RUN_NOT_FOUND');
    const rows = await this.select(this.dataSource.manager, `pr.run_id = $1`, [runId]);
    return { ...runView(run), payments: await this.describe(this.dataSource.manager, rows, null) };
  }

  /** The payment advices of a case, for everyone who may see the case (the applicant included). */
  async advices(actor: Actor, caseId: string): Promise<{ paymentRequestId: string; paymentNumber: number; amountCents: number; paidOn: string; sha256: string; issuedAt: string }[]> {
    await this.workflow.getCase(actor, caseId); // 404 for another organisation's case
    const rows = await this.dataSource.query(
      `SELECT a.payment_request_id, pr.number, pr.payable_cents, pr.paid_on, a.sha256, a.issued_at
         FROM payment_advices a JOIN payment_requests pr ON pr.id = a.payment_request_id WHERE a.case_id = $1 ORDER BY pr.number`,
      [caseId],
    );
    return rows.map((r: Record<string, any>) => ({
      paymentRequestId: r.payment_request_id,
      paymentNumber: r.number,
      amountCents: Number(r.payable_cents),
      paidOn: r.paid_on,
      sha256: r.sha256,
      issuedAt: new Date(r.issued_at).toISOString(),
    }));
  }

  async adviceContent(actor: Actor, paymentId: string): Promise<{ filename: string; data: Buffer }> {
    const [a] = await this.dataSource.query(
      `SELECT a.case_id, a.sha256, pr.number FROM payment_advices a JOIN payment_requests pr ON pr.id = a.payment_request_id WHERE a.payment_request_id = $1`,
      [paymentId],
    );
    if (!a) throw new NotFoundError('The payment advice', 'PAYMENT_ADVICE_NOT_FOUND');
    const c = await this.workflow.getCase(actor, a.case_id).catch((e: unknown) => {
      throw e instanceof NotFoundError ? new NotFoundError('The payment advice', 'PAYMENT_ADVICE_NOT_FOUND') : e;
    });
    return { filename: `${c.fileNumber}-auszahlungsmitteilung-${a.number}.pdf`, data: (await this.documents.get(a.sha256)).data };
  }

  // --- the advice letter (job)

  /** The `payment.advice` job: renders, stores and mails the advice once (payment_advices is keyed by the payment). */
  async renderAdvice(paymentId: string): Promise<void> {
    const [exists] = await this.dataSource.query(`SELECT 1 FROM payment_advices WHERE payment_request_id = $1`, [paymentId]);
    if (exists) return;
    const d = await this.paymentDetails(this.dataSource.manager, paymentId);
    if (d.status !== 'paid' && d.status !== 'returned') return;
    const [executed] = await this.dataSource.query(`SELECT executed_at FROM payment_runs WHERE id = $1`, [d.run_id]);
    const issuedAt = new Date(executed.executed_at); // the letter's date is a stored instant: a retry renders the same bytes
    const [{ paid }] = await this.dataSource.query(
      `SELECT coalesce(sum(payable_cents), 0) AS paid FROM payment_requests WHERE case_id = $1 AND status = 'paid' AND number <= $2`,
      [d.case_id, d.number],
    );
    const addressee = await this.directory.postalAddress(d.organisation_id);
    const pdf = await renderPaymentAdvicePdf({
      texts: d.def.texts,
      authority: d.def.authority,
      addressee: addressee!,
      fileNumber: d.file_number,
      projectTitle: d.title,
      issuedAt,
      paymentNumber: d.number,
      amountCents: Number(d.payable_cents),
      paidOn: d.paid_on,
      payee: { holder: d.holder, iban: d.iban },
      endToEndId: d.end_to_end_id,
      remittance: sepaText(remittance(d.def, d.file_number, d.number)),
      paidToDateCents: Number(paid),
      requestWindowMonths: d.def.payments.requestWindowMonths,
      receiptRetentionYears: d.def.reporting.receiptRetentionYears,
    });
    await this.dataSource.transaction(async (em) => {
      const hash = await this.documents.put(pdf, 'application/pdf', em);
      const inserted = await em.query(
        `INSERT INTO payment_advices (payment_request_id, case_id, sha256, issued_at) VALUES ($1, $2, $3, $4) ON CONFLICT (payment_request_id) DO NOTHING RETURNING payment_request_id`,
        [paymentId, d.case_id, hash, issuedAt],
      );
      if (!returnedRows(inserted).length) return;
      const to = await this.directory.emailOf(d.created_by, em);
      if (to) {
        await this.outbox.add(em, 'mail.send', {
          to,
          caseId: d.case_id,
          ...mailFromTexts(d.def.texts, 'mailPaymentPaid', { ...adviceValues(d.adviceArgs), authorityName: d.def.authority.name }),
          attachments: [{ filename: `${d.file_number}-auszahlungsmitteilung-${d.number}.pdf`, sha256: hash, mediaType: 'application/pdf' }],
        });
      }
      await this.audit.append(em, { actorId: null, action: 'payment.advice_issued', entityType: 'case', entityId: d.case_id, data: { paymentRequestId: paymentId, sha256: hash } });
    });
  }

  // --- helpers

  private async returnMail(em: EntityManager, paymentId: string, reasonCode: ReturnReasonCode): Promise<void> {
    const d = await this.paymentDetails(em, paymentId);
    const to = await this.directory.emailOf(d.created_by, em);
    if (!to) return;
    await this.outbox.add(em, 'mail.send', {
      to,
      caseId: d.case_id,
      ...mailFromTexts(d.def.texts, 'mailPaymentReturned', {
        ...adviceValues(d.adviceArgs),
        returnReason: `${reasonCode}: ${RETURN_REASONS[reasonCode]}`,
        authorityName: d.def.authority.name,
      }),
    });
  }

  private async paymentDetails(em: EntityManager, paymentId: string) {
    const [d] = await em.query(
      `SELECT pr.id, pr.case_id, pr.number, pr.status, pr.payable_cents, pr.paid_on, pr.end_to_end_id, pr.run_id, pr.created_by,
              c.file_number, c.title, c.organisation_id, c.guideline_version_id, a.holder, a.iban
         FROM payment_requests pr JOIN cases c ON c.id = pr.case_id LEFT JOIN payee_accounts a ON a.id = pr.payee_account_id
        WHERE pr.id = $1`,
      [paymentId],
    );
    if (!d) throw new Error(`payment request ${paymentId} not found`);
    // a case keeps its guideline version; a version from before the payment texts uses the current wording
    let def = (await this.guidelines.version(d.guideline_version_id)).definition;
    if (!def.texts.mailPaymentPaidBody || !def.texts.adviceIntro) def = this.guidelines.currentVersion(def.code).definition;
    const adviceArgs = {
      fileNumber: d.file_number as string,
      projectTitle: d.title as string,
      paymentNumber: d.number as number,
      amountCents: Number(d.payable_cents),
      paidOn: d.paid_on as string,
      payee: { holder: d.holder as string, iban: d.iban as string },
    };
    return { ...d, def, adviceArgs } as Record<string, any> & { def: GuidelineDefinition; adviceArgs: typeof adviceArgs };
  }

  private checkExecutionDate(date: string): void {
    const today = berlinDate(this.clock.now());
    const closure = target2Closure(date);
    const problems: Problem[] = [];
    if (date < today) problems.push({ code: 'EXECUTION_DATE_IN_PAST', field: 'executionDate', message: `The execution date ${date} lies in the past (today is ${today}).` });
    else if (closure) {
      problems.push({ code: 'EXECUTION_DATE_NOT_BUSINESS_DAY', field: 'executionDate', message: `${date} is not a TARGET2 business day (${closure}); the bank cannot execute on it.` });
    }
    if (problems.length) throw new UnprocessableError(problems[0].code, problems[0].message, { problems });
  }

  private async lockRun(em: EntityManager, runId: string) {
    const [run] = await em.query(`SELECT id, number, status, guideline_code, to_char(execution_date, 'YYYY-MM-DD') AS execution_date FROM payment_runs WHERE id = $1 FOR UPDATE`, [runId]);
    if (!run) throw new NotFoundError('The payment run', 'PAYMENT_RUN_NOT_FOUND');
    return run as { id: string; number: string; status: string; guideline_code: string; execution_date: string };
  }

  private async select(em: EntityManager, where: string, params: unknown[]): Promise<PaymentRow[]> {
    return em.query(
      `SELECT pr.id, pr.case_id, pr.number, pr.status, pr.payable_cents, pr.ordered_at, pr.run_id, pr.end_to_end_id, to_char(pr.paid_on, 'YYYY-MM-DD') AS paid_on,
              pr.return_reason_code, pr.return_note, c.file_number, c.organisation_id, v.guideline_code,
              coalesce(used.id, active.id) AS account_id, coalesce(used.holder, active.holder) AS holder,
              coalesce(used.iban, active.iban) AS iban, coalesce(used.bic, active.bic) AS bic
         FROM payment_requests pr
         JOIN cases c ON c.id = pr.case_id
         JOIN guideline_versions v ON v.id = c.guideline_version_id
         LEFT JOIN payee_accounts used ON used.id = pr.payee_account_id
         LEFT JOIN payee_accounts active ON pr.payee_account_id IS NULL AND active.organisation_id = c.organisation_id AND active.status = 'active'
        WHERE ${where}
        ORDER BY c.file_number, pr.number`,
      params,
    );
  }

  /** The rows as the API shows them; with a guideline, also what keeps each out of a run (no active account, no structured address). */
  private async describe(em: EntityManager, rows: PaymentRow[], def: GuidelineDefinition | null): Promise<(RunPayment & { payeeAccountId: string | null })[]> {
    const addresses = await this.directory.postalAddresses(rows.map((r) => r.organisation_id), em);
    const remittanceDef = def ?? (rows.length ? this.guidelines.currentVersion(rows[0].guideline_code).definition : null);
    return rows.map((r) => {
      const a = addresses.get(r.organisation_id);
      const label = `Payment ${r.number} of ${r.file_number}`;
      const problems: Problem[] = [];
      if (def) {
        if (!r.account_id) problems.push({ code: 'PAYEE_ACCOUNT_MISSING', field: 'payments', message: `${label}: the organisation has no confirmed (active) payee account.` });
        const missing = a ? missingAddressParts(a) : ['address'];
        if (missing.length) {
          problems.push({ code: 'PAYEE_ADDRESS_INCOMPLETE', field: 'payments', message: `${label}: the organisation's postal address lacks ${missing.join(', ')} (SEPA needs a structured address).` });
        }
      }
      return {
        id: r.id,
        caseId: r.case_id,
        fileNumber: r.file_number,
        number: r.number,
        amountCents: Number(r.payable_cents),
        status: r.status,
        orderedAt: r.ordered_at ? new Date(r.ordered_at).toISOString() : null,
        organisation: a?.name ?? '',
        payee: r.account_id ? { holder: r.holder!, iban: r.iban!, bic: r.bic } : null,
        payeeAccountId: r.account_id,
        endToEndId: r.end_to_end_id,
        remittance: remittanceDef ? sepaText(remittance(remittanceDef, r.file_number, r.number)) : '',
        paidOn: r.paid_on,
        returnReasonCode: r.return_reason_code,
        returnNote: r.return_note,
        problems,
      };
    });
  }
}

interface PaymentRow {
  id: string;
  case_id: string;
  number: number;
  status: string;
  payable_cents: string;
  ordered_at: Date | null;
  run_id: string | null;
  end_to_end_id: string | null;
  paid_on: string | null;
  return_reason_code: string | null;
  return_note: string | null;
  file_number: string;
  organisation_id: string;
  guideline_code: string;
  account_id: string | null;
  holder: string | null;
  iban: string | null;
  bic: string | null;
}

function missingAddressParts(a: OrganisationPostalAddress): string[] {
  const parts: [string, string | null][] = [
    ['street', a.street],
    ['building number', a.buildingNumber],
    ['postcode', a.postalCode],
    ['town', a.city],
    ['country', a.country],
  ];
  return parts.filter(([, v]) => !v || !v.trim()).map(([k]) => k);
}

/** The transfer's remittance information from the guideline's text block paymentRemittance. */
function remittance(def: GuidelineDefinition, fileNumber: string, number: number): string {
  return fillCompletely('paymentRemittance', def.texts.paymentRemittance, { fileNumber, paymentNumber: String(number), programme: def.shortTitle });
}

/** LIfD-2026-1-000123 and payment 2 → LIfD-2026-1-000123-2: unique (file number and number are), stable, ≤ 35 SEPA characters. */
export function endToEndId(fileNumber: string, number: number): string {
  const id = `${sepaText(fileNumber).replace(/ /g, '')}-${number}`.slice(-35);
  if (!isSepaIdentifier(id)) throw new Error(`no end-to-end id can be made of ${fileNumber}`);
  return id;
}

function runView(r: Record<string, any>): PaymentRunView {
  return {
    id: r.id,
    number: r.number,
    guidelineCode: r.guideline_code,
    executionDate: typeof r.execution_date === 'string' ? r.execution_date : berlinDate(r.execution_date),
    status: r.status,
    transactionCount: r.transaction_count,
    controlSumCents: Number(r.control_sum_cents),
    messageId: r.message_id,
    sha256: r.sha256,
    createdAt: new Date(r.created_at).toISOString(),
    exportedAt: r.exported_at ? new Date(r.exported_at).toISOString() : null,
    executedAt: r.executed_at ? new Date(r.executed_at).toISOString() : null,
  };
}
