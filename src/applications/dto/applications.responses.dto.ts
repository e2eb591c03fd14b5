import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPEN_OBJECT } from '../../platform/errors/api-errors.decorator';

// What the applications endpoints answer (response bodies only; requests are in applications.dto.ts).

export class OpenCallViewDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() guidelineTitle: string;
  @ApiProperty() callCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) opensOn: string;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty() minimumGrantCents: number;
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, description: 'Variants with their caps' }) variants: unknown[];
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, description: 'Cost categories with rates' }) costCategories: unknown[];
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, description: 'Attachment types: code, stage, media types, size limit' }) attachmentTypes: unknown[];
  @ApiProperty({ ...OPEN_OBJECT, description: 'The concept form definition' }) conceptForm: Record<string, unknown>;
}

export class CaseListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: "The state as the guideline names it for people, e.g. 'Projektskizze eingereicht (formale Prüfung)'" }) stateLabel: string;
  @ApiProperty({ nullable: true, type: String, enum: ['concept', 'application', 'decision', 'payment', 'reporting', 'closed'] }) stage: string | null;
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty({ nullable: true, type: String }) variant: string | null;
  @ApiProperty({ nullable: true, type: String }) locationAgs: string | null;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ nullable: true, type: Number }) grantCents: number | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CaseListDto {
  @ApiProperty({ type: CaseListItemDto, isArray: true }) items: CaseListItemDto[];
  @ApiProperty({ description: 'Cases matching the filter: exact up to 10,000 and up to the end of the requested page; see totalIsLowerBound' })
  total: number;
  @ApiProperty({ description: 'true: more cases than `total` match (counting stopped there); the next page exists' })
  totalIsLowerBound: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CostLineViewDto {
  @ApiProperty() category: string;
  @ApiProperty() amountCents: number;
  @ApiPropertyOptional() fiscalYear?: number;
  @ApiPropertyOptional() description?: string;
}

export class ThirdPartyFundViewDto {
  @ApiProperty() source: string;
  @ApiProperty() amountCents: number;
}

export class ProblemViewDto {
  @ApiProperty({ example: 'FIELD_REQUIRED' }) code: string;
  @ApiProperty({ example: 'fields.title', description: 'Dotted path into the draft' }) field: string;
  @ApiProperty() message: string;
}

export class ProposalCaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() state: string;
  @ApiPropertyOptional() stateLabel?: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
}

/** The parts of the case's guideline version an editor of one stage needs (the guideline's own data, untyped here). */
export class ProposalGuideDto {
  @ApiProperty({ ...OPEN_OBJECT, description: "The stage's form definition: fields with key, label, type, required, options" }) form: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, description: 'Variants with their caps' }) variants: unknown[];
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, description: 'Cost categories with rates' }) costCategories: unknown[];
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, description: "Attachment types of this stage: code, label, required, media types, size limit" }) attachmentTypes: unknown[];
}

/** A concept or formal application as the applicant edits it, with its computed grant and open problems. */
export class ProposalViewDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['concept', 'application'] }) stage: string;
  @ApiProperty({ description: 'Send it back with the next save' }) version: number;
  @ApiProperty({ nullable: true, type: String }) variant: string | null;
  @ApiProperty({ nullable: true, type: String }) locationAgs: string | null;
  @ApiProperty({ ...OPEN_OBJECT, description: 'Form answers by field key' }) fields: Record<string, unknown>;
  @ApiProperty({ type: CostLineViewDto, isArray: true }) costs: CostLineViewDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Requested rate per cost category, basis points' }) requestedRatesBp: Record<string, number>;
  @ApiProperty() ownContributionCents: number;
  @ApiProperty({ type: ThirdPartyFundViewDto, isArray: true }) thirdPartyFunds: ThirdPartyFundViewDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingStart: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) fundingEnd: string | null;
  @ApiProperty({ nullable: true, type: String }) iban: string | null;
  @ApiProperty({ nullable: true, type: String }) accountHolder: string | null;
  @ApiProperty({ nullable: true, type: Number }) grantCents: number | null;
  @ApiProperty({ ...OPEN_OBJECT, nullable: true, description: 'How the grant was computed' }) calculation: Record<string, unknown> | null;
  @ApiProperty() editable: boolean;
  @ApiProperty({ type: ProblemViewDto, isArray: true, description: 'What still blocks submission' }) problems: ProblemViewDto[];
  @ApiProperty({ type: ProposalGuideDto, description: "The guideline's parts for editing this stage" }) guide: ProposalGuideDto;
  @ApiProperty({ type: ProposalCaseDto }) case: ProposalCaseDto;
}

export class EarlyStartRequestViewDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'date' }) requestedStart: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: Boolean }) approved: boolean | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
}

export class AttachmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() stage: string;
  @ApiProperty() filename: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) informationRequestId: string | null;
  @ApiProperty() createdAt: Date;
}

/** The multipart body of an upload: one file in the field "file". */
export class AttachmentUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file; its media type is checked by its bytes' }) file: unknown;
}

export class InformationRequestViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: Date }) answeredAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) reminderSentAt: Date | null;
  @ApiProperty() overdue: boolean;
}
