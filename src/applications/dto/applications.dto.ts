import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const MAX_CENTS = 1_000_000_000_000; // 10 billion euros: far above any programme, far below 2^53

export class CostLineDto {
  @ApiProperty({ example: 'equipment', description: 'A cost category code of the guideline' })
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'category must be a category code' })
  category: string;

  @ApiProperty({ example: 12345679, description: 'Euro cents' })
  @IsInt() @Min(1) @Max(MAX_CENTS)
  amountCents: number;

  @ApiPropertyOptional({ example: 'Lasercutter', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ example: 2027, description: 'Fiscal year the cost falls in; required in the formal application' })
  @IsOptional() @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;
}

export class ThirdPartyFundDto {
  @ApiProperty({ example: 'Landkreis Mittelsachsen' })
  @IsString() @Length(1, 200)
  source: string;

  @ApiProperty({ example: 500000 })
  @IsInt() @Min(0) @Max(MAX_CENTS)
  amountCents: number;
}

const KEEP = ' Left out: the saved value is kept.';

/**
 * Saving a draft, with the one save semantics of every draft: a key the client sends replaces the saved value,
 * a key it leaves out keeps the saved value; `fields` are merged per key (a field sent as null is removed).
 * The grant, the calculation and the problems are computed from the merged draft.
 */
export class SaveConceptDto {
  @ApiProperty({ description: 'The draft version this edit is based on; a stale one is refused with 409' })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ example: 'stationary', description: 'A variant code of the guideline.' + KEEP })
  @IsOptional() @IsString() @MaxLength(64)
  variant?: string;

  @ApiPropertyOptional({ example: '14522360', description: 'AGS of the municipality where the space will be.' + KEEP })
  @IsOptional() @Matches(/^\d{8}$/, { message: 'locationAgs must be exactly 8 digits' })
  locationAgs?: string;

  @ApiPropertyOptional({
    type: Object,
    description: "Answers to the guideline's form, by field key, merged into the saved answers: a key sent replaces its answer, a key sent as null removes it, a key left out keeps it.",
  })
  @IsOptional() @IsObject()
  fields?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: CostLineDto,
    isArray: true,
    description: 'The whole list of cost lines, replacing the saved one. A line whose fiscalYear lies outside the call\'s budget years (or, in the application, the funding period) is refused with 422.' + KEEP,
  })
  @IsOptional() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => CostLineDto)
  costs?: CostLineDto[];

  @ApiPropertyOptional({ type: Object, example: { staff: 5000 }, description: 'Requested funding rate per category in basis points; default the maximum. Replaces the saved rates.' + KEEP })
  @IsOptional() @IsObject()
  requestedRatesBp?: Record<string, number>;

  @ApiPropertyOptional({ example: 3000000, description: 'Eigenanteil in cents.' + KEEP })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS)
  ownContributionCents?: number;

  @ApiPropertyOptional({ type: ThirdPartyFundDto, isArray: true, description: 'The whole list of third-party funds, replacing the saved one.' + KEEP })
  @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ThirdPartyFundDto)
  thirdPartyFunds?: ThirdPartyFundDto[];
}

export class SaveApplicationDto extends SaveConceptDto {
  @ApiPropertyOptional({ example: '2027-03-01', description: 'Start of the funding period (Bewilligungszeitraum).' + KEEP })
  @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10)
  fundingStart?: string;

  @ApiPropertyOptional({ example: '2028-12-31', description: 'End of the funding period.' + KEEP })
  @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10)
  fundingEnd?: string;

  @ApiPropertyOptional({ example: 'DE89 3704 0044 0532 0130 00', description: 'IBAN for payments.' + KEEP })
  @IsOptional() @IsString() @MaxLength(42)
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value))
  iban?: string;

  @ApiPropertyOptional({ example: 'Stadt Mittweida', description: 'Account holder.' + KEEP })
  @IsOptional() @IsString() @Length(2, 140)
  accountHolder?: string;
}

export class CreateConceptDto {
  @ApiProperty({ example: 'frl-lifd' })
  @IsString() @MaxLength(64)
  guidelineCode: string;

  @ApiProperty({ example: '2026-1' })
  @IsString() @MaxLength(64)
  callCode: string;
}

export class EarlyStartRequestDto {
  @ApiProperty({ example: '2027-01-15' })
  @IsISO8601({ strict: true }) @Length(10, 10)
  requestedStart: string;

  @ApiProperty({ example: 'Die Fördermittel des Landkreises verfallen sonst zum Jahresende.' })
  @IsString() @Length(10, 4000)
  reason: string;
}

export class EarlyStartDecisionDto {
  @ApiProperty()
  @IsBoolean()
  approved: boolean;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class InformationRequestDto {
  @ApiProperty({ example: 'Bitte reichen Sie das fehlende Angebot für den Lasercutter nach.' })
  @IsString() @Length(10, 10000)
  message: string;

  @ApiPropertyOptional({ description: 'Working days to answer; default from the guideline' })
  @IsOptional() @IsInt() @Min(1) @Max(120)
  workingDays?: number;
}

export class InformationAnswerDto {
  @ApiProperty({ example: 'Das Angebot ist als Anlage beigefügt.' })
  @IsString() @Length(1, 10000)
  answer: string;
}

export const CASE_SORTS = ['createdAt', 'updatedAt', 'fileNumber', 'title', 'state'] as const;
export const STAGES = ['concept', 'application', 'decision', 'payment', 'reporting', 'closed'] as const;

export class ListCasesQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) guideline?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) call?: string;
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn(STAGES) stage?: (typeof STAGES)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) variant?: string;
  @ApiPropertyOptional({ description: 'District key: the first five digits of the AGS, e.g. 14522' })
  @IsOptional() @Matches(/^\d{5}$/, { message: 'district must be 5 digits' })
  district?: string;
  @ApiPropertyOptional({ description: 'Searches title and file number' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ description: 'Only cases with an overdue information request' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ enum: CASE_SORTS, default: 'createdAt' }) @IsOptional() @IsIn(CASE_SORTS) sort?: (typeof CASE_SORTS)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}
