import { Injectable } from '@nestjs/common';
import { cleanFilename, readUpload } from '../platform/http/uploads';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { validateForm } from '../applications/domain/form-validation';
import { sniffMediaType } from '../applications/domain/media-type';
import { ApplicationsOverviewService } from '../applications/applications-overview.service';
import { ApplicationsService } from '../applications/applications.service';
import { ApprovalsService } from '../approvals/approvals.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import type { Case } from '../guidelines/workflow/case.entity';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { seesAllOrganisations } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { PaymentRequestsService } from '../payouts/payment-requests.service';
import { Clock } from '../platform/clock';
import { returnedRows } from '../platform/database/database';
import { DocumentStore } from '../platform/documents/document-store';
import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { drawSample } from './domain/settlement';
import { acceptedTotals, Amount, categoryTotals, CheckedLine, checkProblems, ExpenseLine, proofProblems, ProofRules } from './domain/proof-of-use';
import type { DecideLinesDto, ProofExpenseLineDto, ProofOfUseDto, ReceiptDto, SaveProofOfUseDto } from './dto/proof-of-use.dto';

interface ProofRow {
  case_id: string;
  kind: 'final';
  status: 'draft' | 'submitted';
  version: number;
  fields: Record<string, unknown>;
  third_party_funds: Amount[];
  income: Amount[];
  submitted_at: Date | null;
  sample_share_bp: number | null;
  sample_line_ids: string[] | null;
  sample_drawn_by: string | null;
  sample_drawn_at: Date | null;
}

interface LineRow {
  id: string;
  position: number;
  category: string;
  invoice_number: string;
  supplier: string;
  invoice_date: string | null;
  paid_date: string | null;
  amount_cents: string | null;
  description: string;
  receipt_sha256: string | null;
  receipt_filename: string | null;
  source_payment_line_id: string | null;
  decision: 'accepted' | 'reduced' | null;
  accepted_cents: string | null;
  reduction_reason: string | null;
  receipt_examined: boolean;
}

/** The state a proof of use is filed in (Durchführung und Mittelabruf): the step submit_proof_of_use starts there. */
const SUBMIT_STEP = 'submit_proof_of_use';
/** Payment requests whose lines are copied into a new proof (not drafts, not the returned ones). */
const PREFILL_STATUSES = ['submitted', 'certified', 'ordered', 'paid'];

/**
 * Proof of use (Verwendungsnachweis): the recipient's draft (report, expenses with receipts, third-party funds and
 * income), submitted through the workflow and then frozen; the caseworker's check on a recorded sample of receipts.
 */
@Injectable()
export class ProofOfUseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflow: WorkflowService,
    private readonly guidelines: GuidelinesService,
    private readonly approvals: ApprovalsService,
    private readonly applications: ApplicationsService,
    private readonly requests: ApplicationsOverviewService,
    private readonly documents: DocumentStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly payments: PaymentRequestsService,
  ) {}

  async view(actor: Actor, caseId: string): Promise<ProofOfUseDto> {
    const found = await this.workflow.getCase(actor, caseId);
    return this.viewIn(this.db.manager, actor, found);
  }

  /** Starts the proof (applicant), while the case is in payment; the payment requests' expense lines are copied in. */
  async create(actor: Actor, caseId: string): Promise<ProofOfUseDto> {
    return this.db.transaction(async (em) => {
      const found = await this.lockedCase(em, actor, caseId);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      this.assertInPayment(definition, found);
      const [exists] = await em.query('SELECT 1 FROM proofs_of_use WHERE case_id = $1', [caseId]);
      if (exists) throw new ConflictError('PROOF_OF_USE_EXISTS', 'This case already has its proof of use; open and edit it.');
      await em.query(`INSERT INTO proofs_of_use (case_id, status, created_by) VALUES ($1, 'draft', $2)`, [caseId, actor.id]);
      const copied = await this.prefill(em, caseId, actor);
      await this.audit.append(em, { actorId: actor.id, action: 'proof_of_use.started', entityType: 'case', entityId: caseId, data: { prefilledLines: copied } });
      return this.viewIn(em, actor, found);
    });
  }

  async save(actor: Actor, caseId: string, dto: SaveProofOfUseDto): Promise<ProofOfUseDto> {
    return this.db.transaction(async (em) => {
      const found = await this.lockedCase(em, actor, caseId);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      const proof = await this.editableProof(em, definition, found);
      if (dto.version !== proof.version) {
        throw new ConflictError('STALE_VERSION', 'The proof of use has changed since you loaded it. Please reload and try again.', { expectedVersion: dto.version, currentVersion: proof.version });
      }
      const fields = { ...proof.fields };
      if (dto.fields) {
        for (const [k, v] of Object.entries(dto.fields)) {
          if (v === null) delete fields[k];
          else fields[k] = v;
        }
        // unknown keys and wrong types are refused even in a draft; only the submission insists on required answers
        const form = definition.forms.report;
        const problems = form ? validateForm(form, fields, 'draft') : Object.keys(fields).map((k) => ({ code: 'FIELD_UNKNOWN', field: `fields.${k}`, message: `The report has no field "${k}".` }));
        if (problems.length) throw new UnprocessableError('PROOF_OF_USE_INVALID', `The proof of use cannot be saved: ${problems.length} problem(s).`, { problems });
      }
      if (dto.lines) await this.replaceLines(em, caseId, dto.lines);
      const moved = await em.query(
        `UPDATE proofs_of_use SET fields = $2, third_party_funds = $3, income = $4, version = version + 1, updated_at = now() WHERE case_id = $1 AND version = $5 RETURNING version`,
        [caseId, fields, JSON.stringify(dto.thirdPartyFunds ?? proof.third_party_funds), JSON.stringify(dto.income ?? proof.income), proof.version],
      );
      if (returnedRows(moved).length !== 1) throw new ConflictError('STALE_VERSION', 'The proof of use has changed since you loaded it. Please reload and try again.');
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'proof_of_use.saved',
        entityType: 'case',
        entityId: caseId,
        data: { version: proof.version + 1, changed: Object.keys(dto).filter((k) => k !== 'version' && (dto as unknown as Record<string, unknown>)[k] !== undefined) },
      });
      return this.viewIn(em, actor, found);
    });
  }

  /** A receipt, stored by content; lines name it by its SHA-256. */
  async uploadReceipt(actor: Actor, caseId: string, upload: { filename: string; stream: Readable }): Promise<ReceiptDto> {
    const found = await this.workflow.getCase(actor, caseId);
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    const rules = definition.reporting;
    const data = await readUpload(upload.stream, rules.receiptMaxBytes, 'RECEIPT_TOO_LARGE', 'receipts');
    const mediaType = sniffMediaType(data);
    if (!mediaType || !rules.receiptMediaTypes.includes(mediaType)) {
      throw new DomainError('unsupported_media_type', 'RECEIPT_CONTENT_NOT_ALLOWED', `The file's content is ${mediaType ?? 'of an unknown type'}; receipts may be ${rules.receiptMediaTypes.join(', ')}.`, {
        detected: mediaType,
        allowed: rules.receiptMediaTypes,
      });
    }
    return this.db.transaction(async (em) => {
      const locked = await this.lockedCase(em, actor, caseId);
      await this.editableProof(em, definition, locked);
      const sha256 = await this.documents.put(data, mediaType, em);
      const filename = cleanFilename(upload.filename, 'beleg');
      await em.query(
        `INSERT INTO proof_of_use_receipts (case_id, sha256, filename, media_type, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (case_id, sha256) DO UPDATE SET filename = EXCLUDED.filename`,
        [caseId, sha256, filename, mediaType, actor.id, this.clock.now()],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'proof_of_use.receipt_uploaded', entityType: 'case', entityId: caseId, data: { sha256, filename, mediaType, sizeBytes: data.length } });
      return { sha256, filename, mediaType };
    });
  }

  async receipt(actor: Actor, caseId: string, lineId: string): Promise<{ filename: string; mediaType: string; data: Buffer }> {
    await this.workflow.getCase(actor, caseId);
    const [row] = await this.db.query(
      `SELECT r.sha256, r.filename, r.media_type FROM proof_of_use_lines l JOIN proof_of_use_receipts r ON r.case_id = l.case_id AND r.sha256 = l.receipt_sha256
       WHERE l.id = $1 AND l.case_id = $2`,
      [lineId, caseId],
    );
    if (!row) throw new NotFoundError('The receipt', 'RECEIPT_NOT_FOUND');
    const { data } = await this.documents.get(row.sha256);
    return { filename: row.filename, mediaType: row.media_type, data };
  }

  /** Submission is the workflow step (its check names every problem; its effect freezes the proof). */
  async submit(actor: Actor, caseId: string): Promise<ProofOfUseDto> {
    return this.db.transaction(async (em) => {
      const found = await this.lockedCase(em, actor, caseId);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      this.assertInPayment(definition, found);
      const [proof] = await em.query('SELECT 1 FROM proofs_of_use WHERE case_id = $1', [caseId]);
      if (!proof) throw new ConflictError('PROOF_OF_USE_NOT_STARTED', 'Start the proof of use first.');
      const moved = await this.workflow.transition(actor, { caseId, transition: SUBMIT_STEP }, em);
      return this.viewIn(em, actor, moved);
    });
  }

  /**
   * The sample of receipts to examine (caseworker, at the first check): drawn from the case's lines, seeded by the
   * case, and recorded with who drew it and when. Asked again, it answers the recorded sample and never draws anew.
   */
  async sample(actor: Actor, caseId: string): Promise<ProofOfUseDto> {
    return this.db.transaction(async (em) => {
      const found = await this.lockedCase(em, actor, caseId);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      const proof = await this.submittedProof(em, found);
      if (!proof.sample_line_ids) {
        const ids: string[] = (await em.query('SELECT id FROM proof_of_use_lines WHERE case_id = $1', [caseId])).map((r: { id: string }) => r.id);
        const shareBp = definition.reporting.receiptSampleBp;
        const drawn = drawSample(caseId, ids, shareBp);
        await em.query(`UPDATE proofs_of_use SET sample_share_bp = $2, sample_line_ids = $3, sample_drawn_by = $4, sample_drawn_at = $5 WHERE case_id = $1`, [
          caseId,
          shareBp,
          JSON.stringify(drawn),
          actor.id,
          this.clock.now(),
        ]);
        await this.audit.append(em, { actorId: actor.id, action: 'proof_of_use.sample_drawn', entityType: 'case', entityId: caseId, data: { shareBp, lines: ids.length, sample: drawn } });
      }
      return this.viewIn(em, actor, found);
    });
  }

  /** The caseworker's decisions on lines: accept as stated, or reduce with the accepted amount and a reason. */
  async decide(actor: Actor, caseId: string, dto: DecideLinesDto): Promise<ProofOfUseDto> {
    return this.db.transaction(async (em) => {
      const found = await this.lockedCase(em, actor, caseId);
      const proof = await this.submittedProof(em, found);
      if (!proof.sample_line_ids) throw new ConflictError('SAMPLE_NOT_DRAWN', 'Draw the sample before deciding on lines.');
      const lines: LineRow[] = await em.query('SELECT * FROM proof_of_use_lines WHERE case_id = $1 ORDER BY position', [caseId]);
      const problems: { code: string; field: string; message: string }[] = [];
      const seen = new Set<string>();
      dto.decisions.forEach((d, i) => {
        const at = (f: string) => `decisions[${i}].${f}`;
        const line = lines.find((l) => l.id === d.lineId);
        if (!line) return problems.push({ code: 'LINE_NOT_FOUND', field: at('lineId'), message: 'The proof of use has no such expense line.' });
        if (seen.has(d.lineId)) problems.push({ code: 'LINE_DECIDED_TWICE', field: at('lineId'), message: 'A line is decided once per request.' });
        seen.add(d.lineId);
        const amount = Number(line.amount_cents);
        if (proof.sample_line_ids!.includes(line.id) && !d.receiptExamined) {
          problems.push({ code: 'RECEIPT_NOT_EXAMINED', field: at('receiptExamined'), message: `Expense ${line.position + 1} is in the sample: examine its receipt before deciding.` });
        }
        if (d.decision === 'reduce') {
          if (d.acceptedCents === undefined) problems.push({ code: 'FIELD_REQUIRED', field: at('acceptedCents'), message: 'A reduction states the accepted amount.' });
          else if (d.acceptedCents >= amount) problems.push({ code: 'REDUCTION_NOT_LOWER', field: at('acceptedCents'), message: `The accepted amount must be less than the stated ${amount} cents.` });
          if (!d.reason || d.reason.trim().length < 10) problems.push({ code: 'REASON_REQUIRED', field: at('reason'), message: 'A reduction gives its reason (at least 10 characters).' });
        }
        return undefined;
      });
      if (problems.length) throw new UnprocessableError('DECISIONS_INVALID', `The decisions cannot be recorded: ${problems.length} problem(s).`, { problems });
      for (const d of dto.decisions) {
        const line = lines.find((l) => l.id === d.lineId)!;
        const accepted = d.decision === 'accept' ? Number(line.amount_cents) : d.acceptedCents!;
        await em.query(
          `UPDATE proof_of_use_lines SET decision = $2, accepted_cents = $3, reduction_reason = $4, receipt_examined = $5, decided_by = $6, decided_at = $7 WHERE id = $1`,
          [line.id, d.decision === 'accept' ? 'accepted' : 'reduced', accepted, d.decision === 'reduce' ? d.reason!.trim() : null, d.receiptExamined, actor.id, this.clock.now()],
        );
        await this.audit.append(em, {
          actorId: actor.id,
          action: 'proof_of_use.line_decided',
          entityType: 'case',
          entityId: caseId,
          data: { lineId: line.id, position: line.position, decision: d.decision, statedCents: Number(line.amount_cents), acceptedCents: accepted, reason: d.reason?.trim() ?? null, receiptExamined: d.receiptExamined },
        });
      }
      return this.viewIn(em, actor, found);
    });
  }

  /** What the check accepted per eligible category of the plan: what settlement computes the final grant from. */
  async acceptedTotals(em: EntityManager, caseId: string): Promise<{ category: string; acceptedCents: number }[]> {
    const found = await this.caseRow(em, caseId);
    const { definition } = await this.guidelines.version(found.guideline_version_id);
    const rules = await this.rules(em, definition, caseId);
    return acceptedTotals(rules, await this.checkedLines(em, caseId));
  }

  /** Of these cases, those whose proof of use was returned and is being corrected (for the work lists). */
  async returnedProofs(caseIds: string[]): Promise<Set<string>> {
    if (!caseIds.length) return new Set();
    const rows = await this.db.query(`SELECT case_id FROM proofs_of_use WHERE case_id = ANY($1) AND status = 'draft' AND submitted_at IS NOT NULL`, [caseIds]);
    return new Set(rows.map((r: { case_id: string }) => r.case_id));
  }

  /** Submitted proofs of use waiting for their check: the case still stands where the submission took it. */
  async proofsToCheck(): Promise<string[]> {
    const rows: { case_id: string; state: string; guideline_version_id: string }[] = await this.db.query(
      `SELECT p.case_id, c.state, c.guideline_version_id FROM proofs_of_use p JOIN cases c ON c.id = p.case_id WHERE p.status = 'submitted' ORDER BY p.submitted_at`,
    );
    const out: string[] = [];
    for (const r of rows) {
      const { definition } = await this.guidelines.version(r.guideline_version_id);
      if (definition.workflow.transitions.some((t) => t.name === SUBMIT_STEP && t.to === r.state)) out.push(r.case_id);
    }
    return out;
  }

  // --- for the workflow (proof-of-use.workflow.ts)

  async completenessProblems(em: EntityManager, definition: GuidelineDefinition, caseId: string) {
    const [proof]: ProofRow[] = await em.query('SELECT * FROM proofs_of_use WHERE case_id = $1 FOR UPDATE', [caseId]);
    if (!proof) return [{ code: 'PROOF_OF_USE_NOT_STARTED', field: 'proofOfUse', message: 'Start the proof of use first.' }];
    const lines = await this.lines(em, caseId);
    return proofProblems(await this.rules(em, definition, caseId), { fields: proof.fields, lines: lines.map(toExpense), thirdPartyFunds: proof.third_party_funds, income: proof.income });
  }

  async setFrozen(em: EntityManager, actor: Actor, caseId: string, frozen: boolean): Promise<void> {
    const rows = frozen
      ? await em.query(`UPDATE proofs_of_use SET status = 'submitted', submitted_by = $2, submitted_at = $3, version = version + 1 WHERE case_id = $1 RETURNING version`, [caseId, actor.id, this.clock.now()])
      : await em.query(`UPDATE proofs_of_use SET status = 'draft', version = version + 1 WHERE case_id = $1 RETURNING version`, [caseId]);
    if (returnedRows(rows).length !== 1) throw new Error(`case ${caseId} has no proof of use to ${frozen ? 'freeze' : 'unfreeze'}`);
    // filing the proof again answers the information request it was returned with
    const answered = frozen ? await this.applications.closeOpenInformationRequest(em, caseId, actor.id) : null;
    await this.audit.append(em, {
      actorId: actor.id,
      action: frozen ? 'proof_of_use.submitted' : 'proof_of_use.returned',
      entityType: 'case',
      entityId: caseId,
      data: answered ? { answeredInformationRequest: answered } : {},
    });
  }

  async checkProblems(em: EntityManager, caseId: string) {
    const [proof]: ProofRow[] = await em.query('SELECT * FROM proofs_of_use WHERE case_id = $1 FOR UPDATE', [caseId]);
    if (!proof || proof.status !== 'submitted') return [{ code: 'PROOF_OF_USE_NOT_SUBMITTED', field: 'proofOfUse', message: 'No submitted proof of use to check.' }];
    return checkProblems(proof.sample_line_ids, await this.checkedLines(em, caseId));
  }

  // --- internals

  private async viewIn(em: EntityManager, actor: Actor, found: Case): Promise<ProofOfUseDto> {
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    const agency = seesAllOrganisations(actor);
    const rules = await this.rules(em, definition, found.id);
    const [proof]: ProofRow[] = await em.query('SELECT * FROM proofs_of_use WHERE case_id = $1', [found.id]);
    const lines = proof ? await this.lines(em, found.id) : [];
    const expenses = lines.map(toExpense);
    const plan = await this.plan(em, found.id);
    const totals = categoryTotals(rules, plan, expenses);
    const checked = lines.map(toChecked);
    const accepted = agency ? acceptedTotals(rules, checked) : [];
    const sample = proof?.sample_line_ids ?? null;
    // returned: a draft that was submitted before; the information request it was returned with says what to do
    const open = proof?.status === 'draft' && proof.submitted_at ? (await this.requests.informationRequestsOf(found.id)).find((r) => !r.answeredAt) : undefined;
    return {
      caseId: found.id,
      status: proof ? proof.status : 'not_started',
      canStart: !proof && inPayment(definition, found),
      kind: 'final',
      version: proof?.version ?? 0,
      fields: proof?.fields ?? {},
      lines: lines.map((l): ProofExpenseLineDto => ({
        id: l.id,
        category: l.category,
        invoiceNumber: l.invoice_number,
        supplier: l.supplier,
        invoiceDate: l.invoice_date,
        paidDate: l.paid_date,
        amountCents: l.amount_cents === null ? null : Number(l.amount_cents),
        description: l.description,
        receiptSha256: l.receipt_sha256,
        receiptFilename: l.receipt_filename,
        fromPaymentRequest: !!l.source_payment_line_id,
        // the check is the agency's working paper until the settlement tells its result
        ...(agency
          ? {
              inSample: !!sample?.includes(l.id),
              decision: l.decision,
              acceptedCents: l.accepted_cents === null ? null : Number(l.accepted_cents),
              reductionReason: l.reduction_reason,
              receiptExamined: l.receipt_examined,
            }
          : {}),
      })),
      thirdPartyFunds: proof?.third_party_funds ?? [],
      income: proof?.income ?? [],
      totals: totals.map((t) => ({ ...t, ...(agency ? { acceptedCents: accepted.find((a) => a.category === t.category)?.acceptedCents ?? 0 } : {}) })),
      actualTotalCents: expenses.reduce((s, l) => s + (l.amountCents ?? 0), 0),
      problems: proof?.status === 'draft' ? proofProblems(rules, { fields: proof.fields, lines: expenses, thirdPartyFunds: proof.third_party_funds, income: proof.income }) : [],
      reportForm: (definition.forms.report?.fields ?? []).map((f) => ({ key: f.key, label: f.label, type: f.type, required: f.required, ...(f.maxLength ? { maxLength: f.maxLength } : {}) })),
      categories: definition.costCategories.map((c) => ({ code: c.code, label: c.label })),
      fundingStart: rules.fundingStart,
      fundingEnd: rules.fundingEnd,
      receiptsRequired: rules.receiptsRequired,
      submittedAt: proof?.submitted_at ? new Date(proof.submitted_at).toISOString() : null,
      returned: open ? { message: open.message, dueOn: open.dueOn, overdue: open.overdue } : null,
      ...(agency
        ? {
            sample: proof?.sample_line_ids
              ? { shareBp: proof.sample_share_bp!, lineIds: proof.sample_line_ids, drawnBy: proof.sample_drawn_by!, drawnAt: new Date(proof.sample_drawn_at!).toISOString() }
              : null,
            checkProblems: proof?.status === 'submitted' ? checkProblems(sample, checked) : [],
          }
        : {}),
    };
  }

  private async lockedCase(em: EntityManager, actor: Actor, caseId: string): Promise<Case> {
    // the case row is what a submission's checks lock too: a save either lands before them or finds the case moved on
    await em.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    return this.workflow.getCase(actor, caseId, em);
  }

  private assertInPayment(definition: GuidelineDefinition, found: Case): void {
    if (!inPayment(definition, found)) {
      const label = definition.workflow.states.find((s) => s.code === found.state)?.label ?? found.state;
      throw new ConflictError('CASE_NOT_IN_PAYMENT', `A proof of use is filed while the project runs and is paid out; the case is "${label}".`, { state: found.state });
    }
  }

  /** The draft, while it may be edited: the case is in payment and the proof not submitted. */
  private async editableProof(em: EntityManager, definition: GuidelineDefinition, found: Case): Promise<ProofRow> {
    const [proof]: ProofRow[] = await em.query('SELECT * FROM proofs_of_use WHERE case_id = $1 FOR UPDATE', [found.id]);
    if (!proof) throw new NotFoundError('The proof of use', 'PROOF_OF_USE_NOT_FOUND');
    if (proof.status !== 'draft') throw new ConflictError('PROOF_OF_USE_NOT_EDITABLE', 'The proof of use is submitted; it can be changed only when the agency returns it.');
    this.assertInPayment(definition, found);
    return proof;
  }

  /** The submitted proof, while its check is open: the case still stands where the submission took it. */
  private async submittedProof(em: EntityManager, found: Case): Promise<ProofRow> {
    const [proof]: ProofRow[] = await em.query('SELECT * FROM proofs_of_use WHERE case_id = $1 FOR UPDATE', [found.id]);
    if (!proof) throw new NotFoundError('The proof of use', 'PROOF_OF_USE_NOT_FOUND');
    if (proof.status !== 'submitted') throw new ConflictError('PROOF_OF_USE_NOT_SUBMITTED', 'The proof of use is checked once it is submitted.');
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    if (!definition.workflow.transitions.some((t) => t.name === SUBMIT_STEP && t.to === found.state)) {
      throw new ConflictError('PROOF_OF_USE_CHECK_CLOSED', 'The check of this proof of use is closed: the case has moved on to its settlement.', { state: found.state });
    }
    return proof;
  }

  /** Replaces the list: a line sent with its id stays that line (its check kept unless its substance changed). */
  private async replaceLines(em: EntityManager, caseId: string, input: SaveProofOfUseDto['lines'] & object): Promise<void> {
    const existing: LineRow[] = await em.query('SELECT * FROM proof_of_use_lines WHERE case_id = $1', [caseId]);
    const receipts = new Map<string, string>(
      (await em.query('SELECT sha256, filename FROM proof_of_use_receipts WHERE case_id = $1', [caseId])).map((r: { sha256: string; filename: string }) => [r.sha256, r.filename]),
    );
    const problems: { code: string; field: string; message: string }[] = [];
    const ids = new Set<string>();
    input.forEach((l, i) => {
      if (l.receiptSha256 && !receipts.has(l.receiptSha256)) problems.push({ code: 'RECEIPT_UNKNOWN', field: `lines[${i}].receipt`, message: `Expense ${i + 1}: upload the receipt to this proof of use first.` });
      if (l.id && !existing.some((e) => e.id === l.id)) problems.push({ code: 'LINE_NOT_FOUND', field: `lines[${i}].id`, message: `Expense ${i + 1}: the proof has no saved line with this id.` });
      if (l.id && ids.has(l.id)) problems.push({ code: 'LINE_TWICE', field: `lines[${i}].id`, message: `Expense ${i + 1}: the same saved line is sent twice.` });
      if (l.id) ids.add(l.id);
    });
    if (problems.length) throw new UnprocessableError('PROOF_OF_USE_INVALID', `The proof of use cannot be saved: ${problems.length} problem(s).`, { problems });
    const kept = new Set(input.map((l) => l.id).filter(Boolean));
    const gone = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
    if (gone.length) await em.query('DELETE FROM proof_of_use_lines WHERE id = ANY($1)', [gone]);
    for (const [position, l] of input.entries()) {
      const values = [l.category, l.invoiceNumber.trim(), l.supplier.trim(), l.invoiceDate, l.paidDate, l.amountCents, l.description.trim(), l.receiptSha256];
      const before = l.id ? existing.find((e) => e.id === l.id) : undefined;
      if (before) {
        const same =
          before.category === l.category && before.invoice_date === l.invoiceDate && before.paid_date === l.paidDate &&
          (before.amount_cents === null ? null : Number(before.amount_cents)) === l.amountCents && before.receipt_sha256 === l.receiptSha256;
        await em.query(
          `UPDATE proof_of_use_lines SET position = $2, category = $3, invoice_number = $4, supplier = $5, invoice_date = $6, paid_date = $7, amount_cents = $8, description = $9, receipt_sha256 = $10
             ${same ? '' : ', decision = NULL, accepted_cents = NULL, reduction_reason = NULL, receipt_examined = false, decided_by = NULL, decided_at = NULL'}
           WHERE id = $1`,
          [l.id, position, ...values],
        );
      } else {
        await em.query(
          `INSERT INTO proof_of_use_lines (case_id, position, category, invoice_number, supplier, invoice_date, paid_date, amount_cents, description, receipt_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [caseId, position, ...values],
        );
      }
    }
  }

  /** Copies the expense lines of the case's payment requests (with their receipts) into the new draft. */
  private async prefill(em: EntityManager, caseId: string, actor: Actor): Promise<number> {
    const rows = await this.payments.expenseLinesOf(em, caseId, PREFILL_STATUSES);
    for (const [position, r] of rows.entries()) {
      if (r.receipt_sha256) {
        await em.query(
          `INSERT INTO proof_of_use_receipts (case_id, sha256, filename, media_type, uploaded_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [caseId, r.receipt_sha256, r.receipt_filename ?? 'beleg', r.media_type ?? 'application/octet-stream', actor.id],
        );
      }
      // the date the recipient paid is theirs to state; the payment request knows only when we paid them
      await em.query(
        `INSERT INTO proof_of_use_lines (case_id, position, category, invoice_number, supplier, invoice_date, paid_date, amount_cents, description, receipt_sha256, source_payment_line_id)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10)`,
        [caseId, position, r.category, r.invoice_number, r.supplier, r.invoice_date, r.amount_cents, r.description, r.receipt_sha256, r.id],
      );
    }
    return rows.length;
  }

  private async lines(em: EntityManager, caseId: string): Promise<LineRow[]> {
    return em.query(
      `SELECT l.*, l.invoice_date::text AS invoice_date, l.paid_date::text AS paid_date, r.filename AS receipt_filename
         FROM proof_of_use_lines l LEFT JOIN proof_of_use_receipts r ON r.case_id = l.case_id AND r.sha256 = l.receipt_sha256
        WHERE l.case_id = $1 ORDER BY l.position`,
      [caseId],
    );
  }

  private async checkedLines(em: EntityManager, caseId: string): Promise<CheckedLine[]> {
    return (await this.lines(em, caseId)).map(toChecked);
  }

  /** The binding plan: the costs of the approval (after reductions) in force, or of its latest amendment. */
  private async plan(em: EntityManager, caseId: string): Promise<{ category: string; amountCents: number }[]> {
    const d = await this.approvals.currentApproval(em, caseId);
    return (d?.costs ?? []).map((c) => ({ category: c.category, amountCents: c.amountCents }));
  }

  private async rules(em: EntityManager, definition: GuidelineDefinition, caseId: string): Promise<ProofRules> {
    const d = await this.approvals.currentApproval(em, caseId);
    return {
      reportForm: definition.forms.report,
      categories: definition.costCategories.map((c) => ({ code: c.code, label: c.label, eligible: c.eligible })),
      planCategories: [...new Set((d?.costs ?? []).map((c) => c.category))],
      fundingStart: d?.funding_start ?? null,
      fundingEnd: d?.funding_end ?? null,
      receiptsRequired: definition.reporting.receiptsRequired,
    };
  }

  private async caseRow(em: EntityManager, caseId: string): Promise<{ guideline_version_id: string }> {
    const [row] = await em.query('SELECT guideline_version_id FROM cases WHERE id = $1', [caseId]);
    if (!row) throw new NotFoundError('The case', 'CASE_NOT_FOUND');
    return row;
  }
}

/** In payment: the state the guideline's submission step starts from. */
function inPayment(definition: GuidelineDefinition, found: Case): boolean {
  return !!definition.workflow.transitions.find((t) => t.name === SUBMIT_STEP)?.from.includes(found.state);
}

function toExpense(l: LineRow): ExpenseLine {
  return {
    id: l.id,
    category: l.category,
    invoiceNumber: l.invoice_number,
    supplier: l.supplier,
    invoiceDate: l.invoice_date,
    paidDate: l.paid_date,
    amountCents: l.amount_cents === null ? null : Number(l.amount_cents),
    description: l.description,
    receiptSha256: l.receipt_sha256,
  };
}

function toChecked(l: LineRow): CheckedLine {
  return {
    id: l.id,
    category: l.category,
    amountCents: Number(l.amount_cents ?? 0),
    decision: l.decision,
    acceptedCents: l.accepted_cents === null ? null : Number(l.accepted_cents),
    receiptExamined: l.receipt_examined,
  };
}

