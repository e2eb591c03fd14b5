import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const MAX_CENTS = 100_000_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReturnSettlementDto {
  @ApiProperty({ example: 'Die Kürzung der Personalausgaben ist zu begründen.' }) @IsString() @MinLength(1) @MaxLength(4000) reason: string;
}

export class DraftRevocationDto {
  @ApiPropertyOptional({ example: 3000000, description: 'Euro cents to recover; default: what was paid beyond the final grant (all that was paid before settlement)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents?: number;

  @ApiPropertyOptional({ example: '2026-03-16', description: 'Interest runs from this day; default: the day the money beyond the final grant was paid' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'interestFrom must be a date (YYYY-MM-DD)' })
  interestFrom?: string;

  @ApiProperty({ example: '2026-08-31', description: 'The day the amount is due' }) @IsString() @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' }) dueOn: string;

  @ApiProperty({ example: 'Die anerkannten Ausgaben blieben hinter dem Finanzierungsplan zurück.' }) @IsString() @MaxLength(8000) reasons: string;
}

export class SettlementCategoryDto {
  @ApiProperty() category: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Actual eligible costs the check accepted' }) acceptedCents: number;
  @ApiProperty({ description: 'Rate of the binding plan' }) rateBp: number;
  @ApiProperty({ description: 'round-down(accepted × rate)' }) grantCents: number;
}

export class SettlementComputationDto {
  @ApiProperty() approvedGrantCents: number;
  @ApiProperty() minimumGrantCents: number;
  @ApiProperty({ type: SettlementCategoryDto, isArray: true }) perCategory: SettlementCategoryDto[];
  @ApiProperty({ description: 'Σ per category, before the cap' }) uncappedCents: number;
  @ApiProperty() finalGrantCents: number;
  @ApiProperty() cappedByApproval: boolean;
  @ApiProperty() belowMinimum: boolean;
  @ApiProperty({ description: "What the case's payments paid" }) paidCents: number;
  @ApiProperty({ enum: ['final_payment', 'recovery', 'balanced'] }) outcome: string;
  @ApiProperty({ description: 'The final payment, or the overpayment to recover' }) outcomeCents: number;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The day the money beyond the final grant was paid' }) overpaidOn: string | null;
}

export class SettlementRecordDto extends SettlementComputationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['prepared', 'returned', 'approved'] }) status: string;
  @ApiProperty() preparedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) approvedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) settledOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The final payment request (outcome final_payment)' }) finalPaymentRequestId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Of the settlement notice (Schlussbescheid)' }) verificationCode: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Agency roles only' }) preparedBy?: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Agency roles only' }) approvedBy?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The approver's reason for sending it back (agency roles only)" }) returnedReason?: string | null;
}

export class RevocationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['drafted', 'signed'] }) status: string;
  @ApiProperty({ enum: ['partial', 'full'] }) scope: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ format: 'date' }) interestFrom: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() reasons: string;
  @ApiProperty() draftedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) signedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) claimId: string | null;
  @ApiProperty({ nullable: true, type: String }) verificationCode: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Agency roles only' }) draftedBy?: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Agency roles only' }) signedBy?: string | null;
}

export class SettlementViewDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: SettlementComputationDto, nullable: true, description: 'Agency, while the settlement can be prepared: the computation as it stands' }) preview: SettlementComputationDto | null;
  @ApiProperty({ type: SettlementRecordDto, nullable: true, description: 'The latest settlement (applicants: once signed off)' }) settlement: SettlementRecordDto | null;
  @ApiProperty({ type: RevocationDto, nullable: true, description: 'The latest revocation (applicants: once signed)' }) revocation: RevocationDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Receipts are kept until this day (recorded when the case closes)' }) receiptsRetainedUntil: string | null;
}
