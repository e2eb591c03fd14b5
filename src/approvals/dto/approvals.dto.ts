import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CostLineDto, ThirdPartyFundDto } from '../../applications/dto/applications.dto';

export class ReductionDto {
  @ApiProperty({ example: 'equipment' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/) category: string;
  @ApiProperty({ description: 'The eligible costs accepted for the category, in cents' }) @IsInt() @Min(0) @Max(1_000_000_000_000) eligibleCents: number;
  @ApiProperty({ example: 'Angebot 2 ist wirtschaftlicher.' }) @IsString() @Length(5, 2000) reason: string;
}

export class PrepareDecisionDto {
  @ApiProperty({ enum: ['approval', 'partial', 'rejection'] })
  @IsIn(['approval', 'partial', 'rejection'])
  kind: 'approval' | 'partial' | 'rejection';

  @ApiPropertyOptional({ type: ReductionDto, isArray: true, description: 'For a partial approval: reduced eligible costs per category, each with a reason' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ReductionDto)
  reductions?: ReductionDto[];

  @ApiPropertyOptional({ type: String, isArray: true, description: 'For a rejection: the reasons' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Length(5, 4000, { each: true })
  reasons?: string[];
}

export class CommentDto {
  @ApiProperty({ description: 'For the caseworker; stored as an internal note, never shown to the applicant' }) @IsString() @Length(5, 4000) comment: string;
}

export class AmendmentDto {
  @ApiProperty({ example: 'Verlängerung wegen Lieferverzug des Fahrzeugs.' }) @IsString() @Length(5, 4000) reason: string;
  @ApiPropertyOptional({ type: CostLineDto, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => CostLineDto) costs?: CostLineDto[];
  @ApiPropertyOptional({ type: ThirdPartyFundDto, isArray: true }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ThirdPartyFundDto) thirdPartyFunds?: ThirdPartyFundDto[];
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) fundingStart?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) fundingEnd?: string;
}

export class ObjectionDto {
  @ApiProperty({ example: 'Widerspruch vom 30.11.2026 gegen die Kürzung der Personalausgaben.' }) @IsString() @Length(5, 4000) reason: string;
}

export class ObjectionOutcomeDto {
  @ApiProperty({ enum: ['dismissed', 'upheld', 'withdrawn'], description: 'upheld: decided anew (Abhilfe)' }) @IsIn(['dismissed', 'upheld', 'withdrawn']) outcome: 'dismissed' | 'upheld' | 'withdrawn';
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(5, 4000) reason?: string;
}

export class VerifiedNoticeDto {
  @ApiProperty({ enum: [true] }) genuine: true;
  @ApiProperty({ example: 'FW-3F9A-7C21-BE04-0A1B' }) verificationCode: string;
  @ApiProperty({ enum: ['approval', 'rejection', 'amendment'] }) kind: 'approval' | 'rejection' | 'amendment';
  @ApiProperty({ example: 'Zuwendungsbescheid', description: 'The German title of the notice' }) title: string;
  @ApiProperty({ example: 'Sächsische Aufbaubank – Förderbank –', description: 'The authority that issued it' }) issuer: string;
  @ApiProperty({ example: 'LIfD-2026-1-000123' }) fileNumber: string;
  @ApiProperty({ example: '2027-02-15', description: 'The notice date (calendar date in Germany)' }) issuedOn: string;
  @ApiProperty({ description: 'SHA-256 of the issued PDF, hex' }) sha256: string;
}

export class HashVerificationDto {
  @ApiProperty({ description: 'Whether a notice with this SHA-256 was issued' }) genuine: boolean;
  @ApiProperty() sha256: string;
  @ApiPropertyOptional({ enum: ['approval', 'rejection', 'amendment'] }) kind?: string;
  @ApiPropertyOptional() fileNumber?: string;
  @ApiPropertyOptional() caseId?: string;
  @ApiPropertyOptional() issuedOn?: string;
  @ApiPropertyOptional() verificationCode?: string;
}

