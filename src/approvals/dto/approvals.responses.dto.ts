import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty({ nullable: true, type: String }) verificationCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) noticeDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) deemedReceivedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) objectionDeadline: string | null;
  // working papers: never sent to applicants, who see issued decisions only
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Agency roles only' }) preparedBy?: string;
  @ApiPropertyOptional({ description: "The preparer's display name (agency roles only)" }) preparedByName?: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Agency roles only' }) approvedBy?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The approver's send-back comment (agency roles only)" }) returnComment?: string | null;
}


export class NoticeViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for settlement and revocation notices' }) decisionId: string | null;
  @ApiProperty({ description: 'approval, rejection, amendment, settlement (Schlussbescheid) or revocation (Widerrufs- und Rückforderungsbescheid)' }) kind: string;
  @ApiProperty() sha256: string;
  @ApiProperty() verificationCode: string;
  @ApiProperty({ format: 'date' }) issuedOn: string;
}
