import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ROLES, Role } from '../../auth/roles';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisation.entity';

/** Structured postal address and contact of an organisation (printed on every letter). `null` clears a field. */
export class OrganisationAddressDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Markt', maxLength: 70 })
  @IsOptional() @IsString() @Length(1, 70)
  street?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '32', maxLength: 16 })
  @IsOptional() @IsString() @Length(1, 16)
  buildingNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '09648', description: 'Five digits when country is DE' })
  @IsOptional() @IsString() @Matches(/^[0-9A-Z -]{3,10}$/, { message: 'postalCode must be 3 to 10 digits, capital letters, spaces or hyphens' })
  postalCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Mittweida', maxLength: 35 })
  @IsOptional() @IsString() @Length(1, 35)
  city?: string | null;

  @ApiPropertyOptional({ example: 'DE', description: 'ISO 3166-1 alpha-2; DE when not given' })
  @ValidateIf((_, v) => v !== undefined) @Matches(/^[A-Z]{2}$/, { message: 'country must be two capital letters (ISO 3166-1 alpha-2)' })
  country?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Karin Schmidt' })
  @IsOptional() @IsString() @Length(2, 140)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'k.schmidt@mittweida.de' })
  @IsOptional() @IsEmail() @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+49 3727 967-0' })
  @IsOptional() @IsString() @Matches(/^\+?[0-9 ()\/-]{3,40}$/, { message: 'contactPhone must be 3 to 40 digits, spaces, +, (, ), / or -' })
  contactPhone?: string | null;
}

export class UpdateOrganisationDto extends OrganisationAddressDto {}

export class CreateOrganisationDto extends OrganisationAddressDto {
  @ApiProperty({ example: 'Stadt Mittweida' })
  @IsString() @Length(2, 200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'municipality' })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiPropertyOptional({ description: 'Amtlicher Gemeindeschlüssel, 8 digits; required for municipalities and districts', example: '14522360' })
  @IsOptional() @Matches(/^\d{8}$/, { message: 'ags must be exactly 8 digits' })
  ags?: string;
}

export class OrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ nullable: true, type: String }) ags: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'District key: the first five digits of the AGS' }) district: string | null;
  @ApiProperty({ nullable: true, type: String }) street: string | null;
  @ApiProperty({ nullable: true, type: String }) buildingNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
}

/** What an admin changes of a user; a field left out keeps its value. */
export class UpdateUserDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Referat 33 – Digitalisierung', description: 'Caseworker team of agency staff: trimmed, 1 to 80 characters (else 400 TEAM_INVALID); null removes it; applicants have none (400 TEAM_NOT_FOR_APPLICANTS)' })
  @IsOptional() @IsString() @MaxLength(1000)
  team?: string | null;
}

export class InviteUserDto extends UpdateUserDto {
  @ApiProperty({ example: 'k.schmidt@mittweida.de' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Karin Schmidt' })
  @IsString() @Length(2, 120)
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['applicant'] })
  @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ description: 'Required for applicants: the organisation they act for' })
  @IsOptional() @IsUUID()
  organisationId?: string;
}

export class InvitationCreatedDto {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() expiresAt: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link' })
  @IsString() @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 128, description: 'At least 12 characters, not a common or breached password, not containing the e-mail address or name (else 400 PASSWORD_REJECTED)' })
  @IsString() @MaxLength(1000)
  password: string;
}

export class LinkTokenDto {
  @ApiProperty({ description: 'The token from the link in an invitation or password-reset mail' })
  @IsString() @Length(20, 200)
  token: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ enum: ['invited', 'active', 'disabled'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Caseworker team (agency staff only)' }) team: string | null;
}

/** The logged-in user, with what the client must lead them to first. */
export class MeDto extends UserDto {
  @ApiProperty({ description: 'true: the role needs TOTP and none is set up; every route but the enrolment, me, change password and logout answers 403 TOTP_ENROLMENT_REQUIRED until it is' })
  totpEnrolmentRequired: boolean;
}

export class LoginDto {
  @ApiProperty({ example: 'caseworker@demo.example' })
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsString() @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ description: 'The 6-digit code from the authenticator app, for an account with TOTP (else 401 TOTP_REQUIRED)', example: '123456' })
  @IsOptional() @IsString() @MaxLength(10)
  totp?: string;
}

export class TokenDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ description: 'Opaque one-time refresh token (also set as the httpOnly cookie fw_refresh, path /api/v1/auth); each refresh answers a new one' })
  refreshToken: string;
  @ApiProperty({ description: 'Seconds until the refresh token expires' }) refreshExpiresIn: number;
  @ApiPropertyOptional({ description: 'true: the role needs TOTP and none is set up; until it is (POST /api/v1/auth/totp/enrol), other routes answer 403 TOTP_ENROLMENT_REQUIRED' })
  totpEnrolmentRequired?: boolean;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'The refresh token; without it, the fw_refresh cookie is used' })
  @IsOptional() @IsString() @Length(20, 200)
  refreshToken?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'k.schmidt@mittweida.de' })
  @IsEmail() @MaxLength(254)
  email: string;
}

export class PasswordResetRequestedDto {
  @ApiProperty({ description: 'The same sentence whether or not the address belongs to an account' }) message: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the password-reset link' })
  @IsString() @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 128, description: 'At least 12 characters, not a common or breached password, not containing the e-mail address or name (else 400 PASSWORD_REJECTED)' })
  @IsString() @MaxLength(1000)
  password: string;
}

export class SessionsRevokedDto {
  @ApiProperty({ description: 'How many sessions (refresh-token families) were ended' }) revokedSessions: number;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString() @MaxLength(1000)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 128, description: 'At least 12 characters, not a common or breached password, not containing the e-mail address or name (else 400 PASSWORD_REJECTED)' })
  @IsString() @MaxLength(1000)
  newPassword: string;
}

export class DeactivateUserDto {
  @ApiProperty({ description: 'Why (kept in the audit trail)', minLength: 3, maxLength: 1000 })
  @IsString() @Length(3, 1000)
  reason: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'The new secret (base32), shown this once; enter it or the URI in an authenticator app' }) secret: string;
  @ApiProperty({ example: 'otpauth://totp/F%C3%B6rderwerk:admin%40agency.example?issuer=F%C3%B6rderwerk&secret=…&algorithm=SHA1&digits=6&period=30' })
  otpauthUri: string;
}

export class TotpConfirmDto {
  @ApiProperty({ description: 'A current 6-digit code from the authenticator app', example: '123456' })
  @IsString() @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

export class TotpEnabledDto {
  @ApiProperty({ example: true }) enabled: boolean;
}
