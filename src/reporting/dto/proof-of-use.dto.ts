import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

const MAX_CENTS = 1_000_000_000_000;
const KEEP = ' Left out: the saved value is kept.';

/** One expense of the numeric statement (zahlenmäßiger Nachweis); a draft line may be incomplete. */
export class ExpenseLineInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The id of a saved line this one continues (keeps its check); left out: a new line' })
  @IsOptional() @IsUUID()
  id?: string;

  @ApiProperty({ example: 'equipment', description: "A cost category code of the guideline ('' while not chosen)" })
  @IsString() @Matches(/^([a-z][a-z0-9_]{0,63})?$/, { message: 'category must be a category code' })
  category: string;

  @ApiProperty({ example: 'RE-2027-0815' }) @IsString() @MaxLength(100) invoiceNumber: string;
  @ApiProperty({ example: 'Laser GmbH, Chemnitz' }) @IsString() @MaxLength(200) supplier: string;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2027-05-03' })
  @ValidateIf((_o, v) => v !== null) @IsISO8601({ strict: true }) @Length(10, 10)
  invoiceDate: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2027-05-20' })
  @ValidateIf((_o, v) => v !== null) @IsISO8601({ strict: true }) @Length(10, 10)
  paidDate: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 4500000, description: 'Euro cents' })
  @ValidateIf((_o, v) => v !== null) @IsInt() @Min(0) @Max(MAX_CENTS)
  amountCents: number | null;

  @ApiProperty({ example: 'Lasercutter' }) @IsString() @MaxLength(500) description: string;

  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of a receipt uploaded to this proof (POST …/proof-of-use/receipts)' })
  @ValidateIf((_o, v) => v !== null) @Matches(/^[0-9a-f]{64}$/, { message: 'receiptSha256 must be the SHA-256 of an uploaded receipt' })
  receiptSha256: string | null;
}

export class AmountDto {
  @ApiProperty({ example: 'Landkreis Mittelsachsen' }) @IsString() @MaxLength(200) label: string;
  @ApiProperty({ example: 500000 }) @IsInt() @Min(0) @Max(MAX_CENTS) amountCents: number;
}

/** Saving the draft: a key sent replaces the saved value (lists whole), a key left out keeps it; `fields` merge per key. */
export class SaveProofOfUseDto {
  @ApiProperty({ description: 'The draft version this edit is based on; a stale one is refused with 409' })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Answers to the guideline's report form (Sachbericht) by key, merged: null removes an answer." + KEEP })
  @IsOptional() @IsObject()
  fields?: Record<string, unknown>;

  @ApiPropertyOptional({ type: ExpenseLineInputDto, isArray: true, description: 'The whole list of expenses, replacing the saved one.' + KEEP })
  @IsOptional() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => ExpenseLineInputDto)
  lines?: ExpenseLineInputDto[];

  @ApiPropertyOptional({ type: AmountDto, isArray: true, description: 'Third-party funds received (Drittmittel).' + KEEP })
  @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AmountDto)
  thirdPartyFunds?: AmountDto[];

  @ApiPropertyOptional({ type: AmountDto, isArray: true, description: 'Income of the project (Einnahmen).' + KEEP })
  @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AmountDto)
  income?: AmountDto[];
}

export class LineDecisionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lineId: string;

  @ApiProperty({ enum: ['accept', 'reduce'] }) @IsIn(['accept', 'reduce']) decision: 'accept' | 'reduce';

  @ApiPropertyOptional({ example: 4000000, description: 'With reduce: the accepted amount in cents, less than the stated one' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS)
  acceptedCents?: number;

  @ApiPropertyOptional({ example: 'Skonto von 2 % nicht abgezogen.', description: 'With reduce: why (at least 10 characters)' })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;

  @ApiProperty({ description: 'The receipt was examined in detail (required for lines in the sample)' }) @IsBoolean() receiptExamined: boolean;
}

export class DecideLinesDto {
  @ApiProperty({ type: LineDecisionDto, isArray: true })
  @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => LineDecisionDto)
  decisions: LineDecisionDto[];
}

// --- responses

export class ProofProblemDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiProperty({ example: 'lines[0].receipt' }) field: string;
}

export class ProofExpenseLineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() category: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty() supplier: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) invoiceDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) paidDate: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountCents: number | null;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) receiptSha256: string | null;
  @ApiProperty({ nullable: true, type: String }) receiptFilename: string | null;
  @ApiProperty({ description: 'Copied from a payment request (Mittelabruf)' }) fromPaymentRequest: boolean;
  @ApiPropertyOptional({ description: 'Agency only: the line is in the recorded sample' }) inSample?: boolean;
  @ApiPropertyOptional({ enum: ['accepted', 'reduced'], nullable: true, description: 'Agency only' }) decision?: 'accepted' | 'reduced' | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Agency only' }) acceptedCents?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Agency only' }) reductionReason?: string | null;
  @ApiPropertyOptional({ description: 'Agency only' }) receiptExamined?: boolean;
}

export class AmountViewDto {
  @ApiProperty() label: string;
  @ApiProperty() amountCents: number;
}

export class CategoryTotalDto {
  @ApiProperty() category: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Eligible cost of the binding financing plan' }) plannedCents: number;
  @ApiProperty({ description: 'Σ of the stated expenses' }) actualCents: number;
  @ApiProperty({ description: 'Stated expenses that can count for the grant (eligible category of the plan)' }) eligibleCents: number;
  @ApiPropertyOptional({ description: 'Agency only: what the check accepted' }) acceptedCents?: number;
}

export class SampleDto {
  @ApiProperty() shareBp: number;
  @ApiProperty({ type: String, isArray: true }) lineIds: string[];
  @ApiProperty() drawnBy: string;
  @ApiProperty() drawnAt: string;
}

export class ReportFieldDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['text', 'textarea', 'number', 'integer', 'date', 'boolean', 'select', 'email', 'ags'] }) type: string;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional() maxLength?: number;
}

export class CategoryOptionDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
}

export class ReturnedDto {
  @ApiProperty({ description: 'What the agency asks for' }) message: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() overdue: boolean;
}

export class ProofOfUseDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'], description: 'not_started: no proof yet (one is started with POST while the case is in payment)' })
  status: 'not_started' | 'draft' | 'submitted';
  @ApiProperty({ description: 'The applicant may start one now' }) canStart: boolean;
  @ApiProperty({ enum: ['final'] }) kind: 'final';
  @ApiProperty({ description: '0 before it is started' }) version: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "Answers to the guideline's report form (Sachbericht) by key" }) fields: Record<string, unknown>;
  @ApiProperty({ type: ProofExpenseLineDto, isArray: true }) lines: ProofExpenseLineDto[];
  @ApiProperty({ type: AmountViewDto, isArray: true }) thirdPartyFunds: AmountViewDto[];
  @ApiProperty({ type: AmountViewDto, isArray: true }) income: AmountViewDto[];
  @ApiProperty({ type: CategoryTotalDto, isArray: true }) totals: CategoryTotalDto[];
  @ApiProperty({ description: 'Σ of all stated expenses' }) actualTotalCents: number;
  @ApiProperty({ type: ProofProblemDto, isArray: true, description: 'What still stands in the way of submitting (a draft)' }) problems: ProofProblemDto[];
  @ApiProperty({ type: ReportFieldDto, isArray: true, description: "The guideline's report form" }) reportForm: ReportFieldDto[];
  @ApiProperty({ type: CategoryOptionDto, isArray: true, description: 'Cost categories of the guideline' }) categories: CategoryOptionDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingStart: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingEnd: string | null;
  @ApiProperty() receiptsRequired: boolean;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ type: ReturnedDto, nullable: true, description: 'A draft the agency returned: its open information request' }) returned: ReturnedDto | null;
  @ApiPropertyOptional({ type: SampleDto, nullable: true, description: 'Agency only: the recorded sample' }) sample?: SampleDto | null;
  @ApiPropertyOptional({ type: ProofProblemDto, isArray: true, description: 'Agency only: what the check still lacks' }) checkProblems?: ProofProblemDto[];
}

export class ReceiptDto {
  @ApiProperty() sha256: string;
  @ApiProperty() filename: string;
  @ApiProperty() mediaType: string;
}

export class ReceiptUploadDto {
  @ApiProperty({ type: 'string', format: 'binary' }) file: unknown;
}

export class AcceptedTotalDto {
  @ApiProperty() category: string;
  @ApiProperty() acceptedCents: number;
}
