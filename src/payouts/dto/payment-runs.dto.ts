import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { RETURN_REASON_CODES, type ReturnReasonCode } from '../domain/return-reasons';

export class BuildPaymentRunDto {
  @ApiProperty({ example: 'frl-lifd', description: 'The guideline: a run pays from one debtor account, the one configured for the guideline' })
  @IsString() @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  guidelineCode: string;

  @ApiProperty({ example: '2027-03-02', description: 'Requested execution date: a TARGET2 business day, not in the past' })
  @IsISO8601({ strict: true }) @Length(10, 10)
  executionDate: string;

  @ApiPropertyOptional({ example: '2027-02-28', description: 'Only payments ordered on or before this day (Germany)' })
  @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10)
  orderedBefore?: string;

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Only these ordered payments (payment request ids); each must be ordered, unpaid and in no run' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20000) @IsUUID('all', { each: true })
  paymentIds?: string[];
}

export class ConfirmPaymentRunDto {
  @ApiPropertyOptional({ example: '2027-03-02', description: 'The day the bank booked the run; default: the requested execution date' })
  @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10)
  bookedOn?: string;
}

export class ReturnPaymentDto {
  @ApiProperty({ enum: RETURN_REASON_CODES, example: 'AC04', description: 'ISO 20022 return reason code the bank gave' })
  @IsIn(RETURN_REASON_CODES)
  reasonCode: ReturnReasonCode;

  @ApiPropertyOptional({ example: 'Rückläufer laut Kontoauszug vom 05.03.2027' })
  @IsOptional() @IsString() @Length(1, 2000)
  note?: string;
}

export class RunProblemDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiProperty() field: string;
}

export class PayeeDto {
  @ApiProperty() holder: string;
  @ApiProperty() iban: string;
  @ApiProperty({ type: String, nullable: true }) bic: string | null;
}

export class RunPaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() fileNumber: string;
  @ApiProperty({ description: 'The payment request\'s number within its case' }) number: number;
  @ApiProperty({ description: 'Amount paid out, in cents' }) amountCents: number;
  @ApiProperty({ enum: ['draft', 'submitted', 'certified', 'ordered', 'paid', 'returned'] }) status: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) orderedAt: string | null;
  @ApiProperty({ description: 'The recipient organisation' }) organisation: string;
  @ApiProperty({ type: PayeeDto, nullable: true, description: 'The active payee account (in a run: the account used)' }) payee: PayeeDto | null;
  @ApiProperty({ type: String, nullable: true }) endToEndId: string | null;
  @ApiProperty({ description: 'Remittance information as written into the file' }) remittance: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) paidOn: string | null;
  @ApiProperty({ type: String, nullable: true }) returnReasonCode: string | null;
  @ApiProperty({ type: String, nullable: true }) returnNote: string | null;
  @ApiProperty({ type: RunProblemDto, isArray: true, description: 'What keeps the payment out of a run (candidates only)' }) problems: RunProblemDto[];
}

export class RunCandidatesDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty({ type: RunPaymentDto, isArray: true }) payments: RunPaymentDto[];
  @ApiProperty({ description: 'Payments that can go into a run now' }) count: number;
  @ApiProperty({ description: 'Their sum in cents' }) sumCents: number;
}

export class PaymentRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ZL-2027-00001' }) number: string;
  @ApiProperty() guidelineCode: string;
  @ApiProperty({ format: 'date' }) executionDate: string;
  @ApiProperty({ enum: ['built', 'exported', 'executed'] }) status: 'built' | 'exported' | 'executed';
  @ApiProperty() transactionCount: number;
  @ApiProperty({ description: 'Sum of the amounts, in cents' }) controlSumCents: number;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the exported pain.001 file' }) sha256: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) exportedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) executedAt: string | null;
  @ApiPropertyOptional({ type: RunPaymentDto, isArray: true }) payments?: RunPaymentDto[];
}

export class PaymentAdviceDto {
  @ApiProperty({ format: 'uuid' }) paymentRequestId: string;
  @ApiProperty() paymentNumber: number;
  @ApiProperty() amountCents: number;
  @ApiProperty({ format: 'date' }) paidOn: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}
