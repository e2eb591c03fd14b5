import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../auth/roles';

export type UserStatus = 'invited' | 'active' | 'disabled';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('uuid', { name: 'organisation_id', nullable: true }) organisationId: string | null;
  @Column('text', { name: 'password_hash', nullable: true, select: false }) passwordHash: string | null;
  @Column('text') status: UserStatus;
  /** The caseworker team of agency staff (e.g. "Referat 33 – Digitalisierung"); the processing-time report groups by it. */
  @Column('text', { nullable: true }) team: string | null;
  /** Access tokens issued before this instant are refused (a password reset or "log out everywhere" sets it). */
  @Column('timestamptz', { name: 'sessions_valid_after', nullable: true, select: false }) sessionsValidAfter: Date | null;
  /** TOTP secret, AES-256-GCM encrypted (TotpService); never answered once confirmed. */
  @Column('text', { name: 'totp_secret', nullable: true, select: false }) totpSecret: string | null;
  @Column('text', { name: 'totp_pending_secret', nullable: true, select: false }) totpPendingSecret: string | null;
  @Column('timestamptz', { name: 'totp_enabled_at', nullable: true }) totpEnabledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
