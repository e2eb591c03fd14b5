import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { APPLICANT_TYPES } from './applicant-types';

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
  // Structured postal address (EPC rules since Nov 2026 refuse unstructured ones); printed on every letter.
  @Column('text', { nullable: true }) street: string | null;
  @Column('text', { name: 'building_number', nullable: true }) buildingNumber: string | null;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode: string | null;
  @Column('text', { nullable: true }) city: string | null;
  @Column('char', { length: 2, default: 'DE' }) country: string;
  @Column('text', { name: 'contact_name', nullable: true }) contactName: string | null;
  @Column('text', { name: 'contact_email', nullable: true }) contactEmail: string | null;
  @Column('text', { name: 'contact_phone', nullable: true }) contactPhone: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
