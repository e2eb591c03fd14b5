import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { APPLICANT_TYPES } from '../../guidelines/guideline.types';

/** The kinds a guideline may admit as applicants, and the funding agency itself. */
export const ORGANISATION_KINDS = ['agency', ...APPLICANT_TYPES] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') kind: OrganisationKind;
  /** Amtlicher Gemeindeschlüssel; required for municipalities and districts. */
  @Column('char', { length: 8, nullable: true }) ags: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
