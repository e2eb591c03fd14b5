import { ApiProperty } from '@nestjs/swagger';
import { OPEN_OBJECT } from '../../platform/errors/api-errors.decorator';

// What the review endpoints answer (response bodies only; requests are in review.dto.ts).

export class AffiliationsViewDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ type: String, isArray: true }) organisationIds: string[];
  @ApiProperty({ type: String, isArray: true }) districts: string[];
}

export class AssignmentCreatedDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
}

export class PlannedAssignmentDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
}

export class ExclusionDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ example: 'district' }) reason: string;
}

export class UnfilledDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() missing: number;
}

export class AutoAssignmentDto {
  @ApiProperty({ type: PlannedAssignmentDto, isArray: true }) assignments: PlannedAssignmentDto[];
  @ApiProperty({ type: ExclusionDto, isArray: true }) exclusions: ExclusionDto[];
  @ApiProperty({ type: UnfilledDto, isArray: true }) unfilled: UnfilledDto[];
}

export class ConceptReviewSummaryDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: String, isArray: true, description: 'Knock-out criteria that failed' }) knockedOut: string[];
}

export class ConceptResultDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() requestedGrantCents: number;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ type: ConceptReviewSummaryDto, isArray: true }) reviews: ConceptReviewSummaryDto[];
  @ApiProperty() missingReviews: number;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty() spread: number;
  @ApiProperty() disagreement: boolean;
  @ApiProperty() disagreementResolved: boolean;
  @ApiProperty() knockedOut: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) criterionMeans: Record<string, number>;
}

export class ReviewResultsDto {
  @ApiProperty({ type: ConceptResultDto, isArray: true }) concepts: ConceptResultDto[];
  @ApiProperty({ type: 'array', items: OPEN_OBJECT, description: 'How each reviewer scores across the call' }) reviewers: Record<string, unknown>[];
}

export class RankingEntryDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) criterionMeans: Record<string, number>;
  @ApiProperty() requestedGrantCents: number;
  @ApiProperty() submittedAt: string;
  @ApiProperty() knockedOut: boolean;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty() tie: boolean;
  @ApiProperty() belowMinimum: boolean;
  @ApiProperty() fundable: boolean;
  @ApiProperty({ nullable: true, type: Number }) cumulativeGrantCents: number | null;
  @ApiProperty() aboveFundingLine: boolean;
}

export class RankingDto {
  @ApiProperty() budgetCents: number;
  @ApiProperty({ type: RankingEntryDto, isArray: true }) entries: RankingEntryDto[];
}

export class JuryResultDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['invite', 'reject'] }) outcome: string;
  @ApiProperty() state: string;
}

export class JuryOutcomeResultDto {
  @ApiProperty({ type: JuryResultDto, isArray: true }) results: JuryResultDto[];
}

export class MyAssignmentDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ example: 'frl-lifd' }) guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty({ example: 'active' }) status: string;
  @ApiProperty({ nullable: true, type: Date }) declaredAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) reviewStatus: string | null;
}

export class CallAssignmentDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty({ enum: ['active', 'conflict'] }) status: string;
  @ApiProperty({ nullable: true, type: Date }) declaredAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reason of a declared conflict' }) conflictReason: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['draft', 'submitted'] }) reviewStatus: string | null;
}

export class CallExclusionDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty({ enum: ['automatic', 'declared'] }) kind: string;
  @ApiProperty({ example: 'affiliated district' }) reason: string;
}

export class CallConceptAssignmentsDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty({ type: CallAssignmentDto, isArray: true }) assignments: CallAssignmentDto[];
  @ApiProperty({ type: CallExclusionDto, isArray: true }) exclusions: CallExclusionDto[];
}

export class ReviewerChoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class CallAssignmentsDto {
  @ApiProperty() reviewersPerConcept: number;
  @ApiProperty({ type: ReviewerChoiceDto, isArray: true, description: 'The active reviewers' }) reviewers: ReviewerChoiceDto[];
  @ApiProperty({ type: CallConceptAssignmentsDto, isArray: true, description: 'The concepts with the jury' }) concepts: CallConceptAssignmentsDto[];
}

export class AssignmentStatusDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ example: 'active' }) status: string;
}

export class ConceptAttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() filename: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sha256: string;
}

export class ConceptForReviewDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ nullable: true, type: String }) variant: string | null;
  @ApiProperty({ nullable: true, type: String }) locationAgs: string | null;
  @ApiProperty(OPEN_OBJECT) fields: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: OPEN_OBJECT }) costs: Record<string, unknown>[];
  @ApiProperty() ownContributionCents: number;
  @ApiProperty({ type: 'array', items: OPEN_OBJECT }) thirdPartyFunds: Record<string, unknown>[];
  @ApiProperty({ nullable: true, type: Number }) grantCents: number | null;
  @ApiProperty({ ...OPEN_OBJECT, nullable: true }) calculation: Record<string, unknown> | null;
  @ApiProperty({ type: ConceptAttachmentDto, isArray: true }) attachments: ConceptAttachmentDto[];
}

export class ReviewViewDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ ...OPEN_OBJECT, description: 'Per criterion code: {score, comment?}' }) scores: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
}

export class ReviewDraftDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ enum: ['draft'] }) status: string;
  @ApiProperty() version: number;
  @ApiProperty(OPEN_OBJECT) scores: Record<string, unknown>;
}

export class ReviewSubmittedDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ enum: ['submitted'] }) status: string;
  @ApiProperty({ description: 'The weighted total' }) total: number;
  @ApiProperty({ type: String, isArray: true }) knockedOut: string[];
}

export class CaseReviewDto {
  @ApiProperty({ description: 'The reviewer id (staff), "you" or "reviewer n" (other reviewers)' }) reviewer: string;
  @ApiProperty() status: string;
  @ApiProperty(OPEN_OBJECT) scores: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
}

export class ResolutionViewDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() note: string;
}
