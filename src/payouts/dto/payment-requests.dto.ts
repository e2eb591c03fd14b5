import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

// Requests and answers of the payment request (Mittelabruf) endpoints.

export const PAYMENT_REQUEST_STATUSES = ['draft', 'submitted', 'certified', 'ordered', 'paid', 'returned'] as const;

/** One expense of the Belegliste. */
export class ExpenseLineDto {
  @ApiProperty({ example: 'equipment', description: 'Cost category code of the binding financing plan' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/) category: string;
  @ApiProperty({ example: 'RE-2027-0815' }) @IsString() @Length(1, 100) invoiceNumber: string;
  @ApiProperty({ example: 'Laser GmbH, Chemnitz' }) @IsString() @Length(1, 200) supplier: string;
  @ApiProperty({ example: '2027-05-10', format: 'date' }) @IsISO8601({ strict: true }) @Length(10, 10) invoiceDate: string;
  @ApiProperty({ example: '2027-06-10', format: 'date', description: 'When the invoice is due or was paid' }) @IsISO8601({ strict: true }) @Length(10, 10) dueDate: string;
  @ApiProperty({ example: 1250000, description: 'Gross amount of the invoice in cents' }) @IsInt() @Min(1) @Max(1_000_000_000_000) amountCents: number;
  @ApiPropertyOptional({ example: 'Lasercutter' }) @IsOptional() @IsString() @Length(0, 1000) description?: string;
  @ApiPropertyOptional({ description: 'SHA-256 of a receipt uploaded to this request (POST …/receipts)', example: 'a3f1…' })
  @IsOptional() @IsString() @Matches(/^[0-9a-f]{64}$/)
  receiptSha256?: string;
}

export class SavePaymentRequestDto {
  @ApiProperty({ description: 'The version you loaded (409 STALE_VERSION if someone saved since)', example: 1 }) @IsInt() @Min(1) version: number;
  @ApiProperty({ type: ExpenseLineDto, isArray: true }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ExpenseLineDto) lines: ExpenseLineDto[];
}

export class LineReductionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lineId: string;
  @ApiProperty({ description: 'The amount accepted as eligible, in cents (≤ the line amount)' }) @IsInt() @Min(0) @Max(1_000_000_000_000) acceptedCents: number;
  @ApiProperty({ example: 'Skonto nicht abgezogen.' }) @IsString() @Length(5, 2000) reason: string;
}

export class CertifyDto {
  @ApiPropertyOptional({ type: LineReductionDto, isArray: true, description: 'Lines accepted at less than requested, each with its reason' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => LineReductionDto)
  reductions?: LineReductionDto[];
}

export class SendBackDto {
  @ApiProperty({ description: 'For the certifying caseworker; never shown to the applicant', example: 'Rechnung 3 fehlt als Beleg.' }) @IsString() @Length(5, 4000) comment: string;
}

export class PaymentRequestQueryDto {
  @ApiPropertyOptional({ enum: PAYMENT_REQUEST_STATUSES }) @IsOptional() @IsIn(PAYMENT_REQUEST_STATUSES as unknown as string[]) status?: string;
}

// --- answers

export class ProblemDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiProperty({ example: 'lines[2].dueDate' }) field: string;
}

export class ExpenseLineViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty() category: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty() supplier: string;
  @ApiProperty({ format: 'date' }) invoiceDate: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() amountCents: number;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) receiptSha256: string | null;
  @ApiProperty({ nullable: true, type: String }) receiptFilename: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Accepted by the caseworker (null: as requested)' }) acceptedCents: number | null;
  @ApiProperty({ nullable: true, type: String }) reductionReason: string | null;
}

export class ReceiptViewDto {
  @ApiProperty() sha256: string;
  @ApiProperty() filename: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sizeBytes: number;
}

export class CategoryPayableDto {
  @ApiProperty() category: string;
  @ApiProperty() rateBp: number;
  @ApiProperty({ description: 'Σ accepted line amounts of the category' }) acceptedCents: number;
  @ApiProperty({ description: 'round-down(accepted × rate)' }) payableCents: number;
  @ApiProperty() planGrantCents: number;
  @ApiProperty({ description: 'Drawn by earlier live requests' }) earlierCents: number;
}

export class PayableCalculationDto {
  @ApiProperty({ type: CategoryPayableDto, isArray: true }) perCategory: CategoryPayableDto[];
  @ApiProperty() payableCents: number;
  @ApiProperty() grantCents: number;
  @ApiProperty() retentionCents: number;
  @ApiProperty({ description: 'Drawn by earlier live requests of the case' }) earlierCents: number;
  @ApiProperty({ description: 'Open before this request: grant − retention − earlier requests' }) openBeforeCents: number;
  @ApiProperty({ format: 'date', description: 'The last due date the request window allows' }) dueByDate: string;
}

export class PlanCategoryDto {
  @ApiProperty({ example: 'equipment' }) category: string;
  @ApiProperty({ example: 'Ausstattung und Investitionen' }) label: string;
  @ApiProperty({ example: 8000 }) rateBp: number;
  @ApiProperty({ description: 'Grant the plan approves for the category' }) grantCents: number;
}

/** The binding financing plan a request is measured against. */
export class BindingPlanDto {
  @ApiProperty() grantCents: number;
  @ApiProperty({ description: 'Held until settlement' }) retentionCents: number;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingStart: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingEnd: string | null;
  @ApiProperty() requestWindowMonths: number;
  @ApiProperty({ type: PlanCategoryDto, isArray: true }) categories: PlanCategoryDto[];
}

export class PaymentRequestViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Per case: 1, 2, 3, …' }) number: number;
  @ApiProperty({ enum: ['request', 'final'], description: "'request': a Mittelabruf of the recipient; 'final': the final payment the settlement found due" }) kind: string;
  @ApiProperty({ enum: PAYMENT_REQUEST_STATUSES }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Payable as submitted' }) requestedCents: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Payable as certified (the amount paid out)' }) payableCents: number | null;
  @ApiProperty({ type: PayableCalculationDto, nullable: true, description: 'The frozen calculation (per category, retention, open amount)' }) calculation: PayableCalculationDto | null;
  @ApiProperty({ type: BindingPlanDto, nullable: true }) plan: BindingPlanDto | null;
  @ApiProperty({ type: PayableCalculationDto, nullable: true, description: 'Drafts: the calculation as it would be submitted today' }) preview: PayableCalculationDto | null;
  @ApiProperty({ type: ProblemDto, isArray: true, description: 'Drafts: what would refuse the submission today' }) problems: ProblemDto[];
  @ApiProperty({ type: ExpenseLineViewDto, isArray: true }) lines: ExpenseLineViewDto[];
  @ApiProperty({ type: ReceiptViewDto, isArray: true }) receipts: ReceiptViewDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) certifiedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) orderedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Agency roles only' }) certifiedBy?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Agency roles only' }) orderedBy?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "Finance's send-back comment (agency roles only)" }) sentBackComment?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The payee account the payment goes to (agency roles only)' }) payeeAccountId?: string | null;
}

export class CasePaymentsDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Grant of the binding decision' }) grantCents: number | null;
  @ApiProperty({ description: 'Held until settlement' }) retentionCents: number;
  @ApiProperty({ description: 'Paid out' }) paidCents: number;
  @ApiProperty({ description: 'Submitted, certified or ordered, not yet paid' }) pendingCents: number;
  @ApiProperty({ description: 'Still open: grant − retention − paid − pending' }) openCents: number;
  @ApiProperty({ type: PaymentRequestViewDto, isArray: true }) requests: PaymentRequestViewDto[];
}
