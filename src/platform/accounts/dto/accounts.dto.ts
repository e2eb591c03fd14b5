import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../auth/roles';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisation.entity';

export class CreateOrganisationDto {
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
}

export class InviteUserDto {
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

  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString() @MinLength(12, { message: 'password must be at least 12 characters long' }) @MaxLength(200)
  password: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ enum: ['invited', 'active', 'disabled'] }) status: string;
}

export class LoginDto {
  @ApiProperty({ example: 'caseworker@demo.example' })
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsString() @MaxLength(200)
  password: string;
}

export class TokenDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
}
