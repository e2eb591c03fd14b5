import { ApiProperty } from '@nestjs/swagger';
import { OPEN_OBJECT } from '../../platform/errors/api-errors.decorator';

// What the approvals endpoints answer (response bodies only; requests are in approvals.dto.ts).

export class DecisionViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 'approval', description: 'approval, partial, rejection or amendment' }) kind: string;
  @ApiProperty({ example: 'prepared', description: 'prepared, returned, approved, …' }) status: string;
  @ApiProperty() grantCents: number;
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, nullable: true }) costs: Record<string, unknown>[] | null;
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, nullable: true }) reductions: Record<string, unknown>[] | null;
  @ApiProperty({ type: String, isArray: true, nullable: true }) reasons: string[] | null;
  @ApiProperty() ownContributionCents: number;
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, nullable: true }) thirdPartyFunds: Record<string, unknown>[] | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingStart: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingEnd: string | null;
  @ApiProperty({ ...OPEN_OBJECT, nullable: true }) calculation: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) preparedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) returnComment: string | null;
  @ApiProperty({ nullable: true, type: String }) verificationCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) noticeDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) deemedReceivedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) objectionDeadline: string | null;
}

export class LedgerRowDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty() budgetCents: number;
  @ApiProperty() committedCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() recoveredCents: number;
  @ApiProperty() availableCents: number;
}

export class NoticeViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty() kind: string;
  @ApiProperty() sha256: string;
  @ApiProperty() verificationCode: string;
  @ApiProperty({ format: 'date' }) issuedOn: string;
}

export class NoticeVerificationDto {
  @ApiProperty() genuine: boolean;
  @ApiProperty() sha256: string;
  @ApiProperty({ required: false }) kind?: string;
  @ApiProperty({ required: false }) fileNumber?: string;
  @ApiProperty({ required: false, format: 'uuid' }) caseId?: string;
  @ApiProperty({ required: false, format: 'date' }) issuedOn?: string;
  @ApiProperty({ required: false }) verificationCode?: string;
}
