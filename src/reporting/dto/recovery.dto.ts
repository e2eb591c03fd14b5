import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const MAX_CENTS = 100_000_000_000; // 1 bn €: far above any grant, below what cents in JS and bigint hold exactly

export class BookRepaymentDto {
  @ApiProperty({ example: '2026-03-15', description: 'Value date of the incoming payment (not in the future; not before the last booked repayment)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'receivedOn must be a date (YYYY-MM-DD)' })
  receivedOn: string;

  @ApiProperty({ example: 1000000, description: 'Euro cents received' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents: number;

  @ApiPropertyOptional({ example: 'Kontoauszug 2026/031, Buchung 7', description: "The bank statement's reference" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class RepaymentDto {
  @ApiProperty() id: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ description: '§ 367 BGB: first to costs …' }) toCostsCents: number;
  @ApiProperty({ description: '… then to interest …' }) toInterestCents: number;
  @ApiProperty({ description: '… then to principal' }) toPrincipalCents: number;
  @ApiProperty({ description: 'Received beyond the whole claim (to be refunded)' }) surplusCents: number;
  @ApiPropertyOptional({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() bookedAt: string;
}

export class RecoveryClaimDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ enum: ['settlement', 'revocation'] }) grounds: 'settlement' | 'revocation';
  @ApiProperty({ enum: ['open', 'settled'] }) status: 'open' | 'settled';
  @ApiProperty({ description: 'Euro cents recovered (Erstattungsbetrag)' }) principalCents: number;
  @ApiProperty() costsCents: number;
  @ApiProperty({ description: 'Interest runs from this day' }) interestFrom: string;
  @ApiProperty({ example: 500, description: 'Percentage points above the base rate, in basis points' }) interestAboveBp: number;
  @ApiProperty() dueOn: string;
  @ApiProperty({ description: 'The statement is as of this day (interest counted up to, not including, it)' }) asOf: string;
  @ApiProperty() principalOpenCents: number;
  @ApiProperty() costsOpenCents: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Interest owed as of asOf; null when a base rate it needs is not known yet' }) interestOpenCents: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) interestAccruedCents: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) totalOpenCents: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The first day whose base rate must be entered before interest can be stated' }) missingBaseRateFrom: string | null;
  @ApiProperty({ type: RepaymentDto, isArray: true }) repayments: RepaymentDto[];
}

export class OpenRecoveryClaimDto extends RecoveryClaimDto {
  @ApiPropertyOptional({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() caseTitle: string;
  @ApiProperty() organisationName: string;
}
