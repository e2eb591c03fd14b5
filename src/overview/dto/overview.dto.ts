import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const TASK_KINDS = ['draft', 'step', 'information_request', 'overdue_answer', 'declaration', 'review', 'sign_decision', 'certify_payment', 'order_payment', 'proof_of_use', 'proof_of_use_returned', 'check_proof_of_use', 'overdue_proof'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** One thing that waits for the person asking. */
export class TaskDto {
  @ApiProperty({
    enum: TASK_KINDS,
    description:
      'draft: a concept or application to edit and submit; step: a workflow step the guideline gives your role in the case\'s state (see steps); ' +
      'information_request: an information request to answer; overdue_answer: an information request whose deadline passed unanswered; ' +
      'declaration / review: a concept to declare conflicts for / to score; sign_decision: a prepared decision to sign off; ' +
      'certify_payment: a submitted payment request to certify (caseworker); order_payment: a certified payment request to order (finance); ' +
      'proof_of_use: a proof of use to file; proof_of_use_returned: a proof of use the agency returned with an information request (dueOn: its deadline); ' +
      'check_proof_of_use: a submitted proof of use to check; overdue_proof: a proof of use or interim proof past its due date (caseworker; dueOn: the oldest)',
  })
  kind: TaskKind;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The case\'s workflow state' }) state: string;
  @ApiProperty() stateLabel: string;
  @ApiPropertyOptional({ format: 'date', description: 'By when (information requests: their deadline; drafts of invited cases: the application due date; a proof of use: the next due date of its reporting duties)' }) dueOn?: string;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'The awaited workflow steps (transition names)' }) steps?: string[];
  @ApiProperty({ example: '/api/v1/cases/0b7e…/concept', description: 'Where to continue: the API resource to open' }) link: string;
  @ApiPropertyOptional({ format: 'uuid' }) informationRequestId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) assignmentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) decisionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) paymentRequestId?: string;
}

export class TimelineTransitionDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty({ nullable: true, type: String }) fromStateLabel: string | null;
  @ApiProperty() toState: string;
  @ApiProperty() toStateLabel: string;
  @ApiProperty({ nullable: true, type: String, description: 'The public reason' }) reason: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Who took the step: agency staff only, never shown to applicants' }) actorId?: string;
}

export class TimelineNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty() verificationCode: string;
}

export class TimelineMailDto {
  @ApiProperty() subject: string;
  @ApiPropertyOptional({ description: 'Agency staff only' }) recipient?: string;
  @ApiPropertyOptional({ description: 'Sent to the agency only (agency staff see these alone)' }) internal?: boolean;
}

export class TimelineInformationRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() overdue: boolean;
}

export class TimelinePaymentDto {
  @ApiProperty({ description: 'Number of the payment request within the case' }) number: number;
  @ApiProperty({ enum: ['submitted', 'certified', 'ordered'] }) step: string;
  @ApiProperty() amountCents: number;
}

/** One thing that happened on a case. Exactly one of transition, notice, mail, informationRequest, payment is set, as kind says. */
export class TimelineEntryDto {
  @ApiProperty({ description: 'When (ISO instant)' }) at: Date;
  @ApiProperty({ enum: ['transition', 'notice', 'mail', 'information_requested', 'information_answered', 'payment'] }) kind: string;
  @ApiProperty({ description: 'A line for people' }) summary: string;
  @ApiPropertyOptional({ type: TimelineTransitionDto }) transition?: TimelineTransitionDto;
  @ApiPropertyOptional({ type: TimelineNoticeDto }) notice?: TimelineNoticeDto;
  @ApiPropertyOptional({ type: TimelineMailDto }) mail?: TimelineMailDto;
  @ApiPropertyOptional({ type: TimelineInformationRequestDto }) informationRequest?: TimelineInformationRequestDto;
  @ApiPropertyOptional({ type: TimelinePaymentDto }) payment?: TimelinePaymentDto;
}

export class TimelineDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'When the formal application is due, once invited' }) applicationDueOn: string | null;
  @ApiProperty({ type: TimelineEntryDto, isArray: true, description: 'Oldest first' }) entries: TimelineEntryDto[];
}
