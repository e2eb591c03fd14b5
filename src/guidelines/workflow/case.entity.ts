import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A funding request (Förderfall) from its first concept to its closing; moved only by the workflow engine. */
@Entity('cases')
export class Case {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'guideline_version_id' }) guidelineVersionId: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId: string;
  @Column('text', { name: 'call_code' }) callCode: string;
  @Column('text') title: string;
  @Column('text') state: string;
  /** Raised by every transition; guards against lost updates. */
  @Column('int') version: number;
  @Column('text', { name: 'file_number', nullable: true }) fileNumber: string | null;
  /** Set when the case is invited to the formal application (`set_application_deadline`); ISO date. */
  @Column('date', { name: 'application_due_on', nullable: true }) applicationDueOn: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('case_transitions')
export class CaseTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text') transition: string;
  @Column('text', { name: 'from_state', nullable: true }) fromState: string | null;
  @Column('text', { name: 'to_state' }) toState: string;
  @Column('uuid', { name: 'actor_id' }) actorId: string;
  /** The public reason: the applicant reads it. */
  @Column('text', { nullable: true }) reason: string | null;
  /** A working note of the agency; it never leaves the agency (applicants get transitions without it). */
  @Column('text', { name: 'internal_note', nullable: true }) internalNote: string | null;
  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
}
