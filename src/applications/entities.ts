import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CENTS } from '../platform/database/cents.transformer';
import type { CostLine, GrantCalculation } from './domain/grant-calculation';

export type Stage = 'concept' | 'application';

/** The applicant's plan for one stage of a case: a draft with a version until it is submitted. */
@Entity('proposals')
export class Proposal {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @PrimaryColumn('text') stage: Stage;
  @Column('text', { nullable: true }) variant: string | null;
  @Column('char', { name: 'location_ags', length: 8, nullable: true }) locationAgs: string | null;
  @Column('jsonb') fields: Record<string, unknown>;
  @Column('jsonb') costs: CostLine[];
  @Column('jsonb', { name: 'requested_rates_bp' }) requestedRatesBp: Record<string, number>;
  @Column('bigint', { name: 'own_contribution_cents', transformer: CENTS }) ownContributionCents: number;
  @Column('jsonb', { name: 'third_party_funds' }) thirdPartyFunds: { source: string; amountCents: number }[];
  @Column('date', { name: 'funding_start', nullable: true }) fundingStart: string | null;
  @Column('date', { name: 'funding_end', nullable: true }) fundingEnd: string | null;
  @Column('text', { nullable: true }) iban: string | null;
  @Column('text', { name: 'account_holder', nullable: true }) accountHolder: string | null;
  @Column('bigint', { name: 'grant_cents', nullable: true, transformer: CENTS }) grantCents: number | null;
  @Column('jsonb', { nullable: true }) calculation: GrantCalculation | null;
  @Column('int') version: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text') stage: string;
  @Column('text') type: string;
  @Column('text') filename: string;
  @Column('text', { name: 'media_type' }) mediaType: string;
  @Column('bigint', { name: 'size_bytes', transformer: CENTS }) sizeBytes: number;
  @Column('char', { length: 64 }) sha256: string;
  @Column('uuid', { name: 'information_request_id', nullable: true }) informationRequestId: string | null;
  @Column('uuid', { name: 'uploaded_by' }) uploadedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'removed_at', nullable: true }) removedAt: Date | null;
}

/** Nachforderung. */
@Entity('information_requests')
export class InformationRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text') message: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('uuid', { name: 'requested_by' }) requestedBy: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt: Date;
  @Column('text', { nullable: true }) answer: string | null;
  @Column('uuid', { name: 'answered_by', nullable: true }) answeredBy: string | null;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt: Date | null;
  @Column('timestamptz', { name: 'reminder_sent_at', nullable: true }) reminderSentAt: Date | null;
}

/** Vorzeitiger Maßnahmebeginn. */
@Entity('early_start_requests')
export class EarlyStartRequest {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @Column('date', { name: 'requested_start' }) requestedStart: string;
  @Column('text') reason: string;
  @Column('uuid', { name: 'requested_by' }) requestedBy: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt: Date;
  @Column('boolean', { nullable: true }) approved: boolean | null;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('text', { name: 'decision_note', nullable: true }) decisionNote: string | null;
}
