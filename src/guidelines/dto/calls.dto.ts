import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { REGIONS } from '../../platform/calendar/calendar';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const MAX_CENTS = 1_000_000_000_000; // 10 billion euros: far above any programme, far below 2^53
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// --- requests

export class CallBudgetDto {
  @ApiProperty({ example: 2028 }) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: 250000000, description: 'Euro cents' }) @IsInt() @Min(0) @Max(MAX_CENTS) amountCents: number;
}

export class OpenCallDto {
  @ApiProperty({ example: '2027-1', description: 'Code of the call, unique within the guideline' })
  @IsString() @Matches(/^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, { message: 'code must be letters, digits and dashes (at most 40)' })
  code: string;

  @ApiProperty({ example: '3. Förderaufruf FRL LIfD' }) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ example: '2027-09-01' }) @IsString() @Matches(ISO_DATE, { message: 'opensOn must be a date (YYYY-MM-DD)' }) opensOn: string;
  @ApiProperty({ example: '2028-01-31', description: 'Stichtag: open until the end of this day, Europe/Berlin' })
  @IsString() @Matches(ISO_DATE, { message: 'deadline must be a date (YYYY-MM-DD)' })
  deadline: string;

  @ApiProperty({ type: CallBudgetDto, isArray: true })
  @ValidateNested({ each: true }) @Type(() => CallBudgetDto) @ArrayMinSize(1) @ArrayMaxSize(20)
  budgets: CallBudgetDto[];
}

export class ChangeCallDto {
  @ApiPropertyOptional({ example: '2. Förderaufruf FRL LIfD (verlängert)' }) @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional({ example: '2026-09-01' }) @IsOptional() @IsString() @Matches(ISO_DATE, { message: 'opensOn must be a date (YYYY-MM-DD)' }) opensOn?: string;
  @ApiPropertyOptional({ example: '2027-02-28' }) @IsOptional() @IsString() @Matches(ISO_DATE, { message: 'deadline must be a date (YYYY-MM-DD)' }) deadline?: string;
  @ApiProperty({ example: 'Verlängert wegen der Kommunalwahlen.', description: 'Why; kept with the call and in the audit trail' })
  @IsString() @MinLength(5) @MaxLength(2000)
  reason: string;
}

export class CloseCallDto {
  @ApiProperty({ example: 'Das Budget ist mit den eingegangenen Skizzen ausgeschöpft.' }) @IsString() @MinLength(5) @MaxLength(2000) reason: string;
}

export class SetBudgetDto {
  @ApiProperty({ example: 300000000, description: 'Euro cents; never below what is committed in the year' })
  @IsInt() @Min(0) @Max(MAX_CENTS)
  amountCents: number;

  @ApiProperty({ example: 'Nachtragshaushalt 2027' }) @IsString() @MinLength(5) @MaxLength(2000) reason: string;
}

// --- responses

export class CallBudgetViewDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ description: 'Euro cents' }) amountCents: number;
}

export class CallSummaryDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-09-01' }) opensOn: string;
  @ApiProperty({ example: '2027-01-31' }) deadline: string;
  @ApiProperty({ enum: ['upcoming', 'open', 'closed'] }) status: 'upcoming' | 'open' | 'closed';
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Set when the call was closed before its deadline' }) closedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) closeReason: string | null;
  @ApiProperty({ type: CallBudgetViewDto, isArray: true }) budgets: CallBudgetViewDto[];
  @ApiProperty({ description: 'Euro cents' }) totalBudgetCents: number;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: Date;
}

export class VariantViewDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Euro cents' }) maxGrantCents: number;
}

export class CostCategoryViewDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty() eligible: boolean;
  @ApiPropertyOptional({ description: 'Basis points (10000 = 100 %)' }) maxRateBp?: number;
  @ApiPropertyOptional() ineligibleReason?: string;
}

export class AttachmentTypeViewDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['concept', 'application', 'payment', 'report'] }) stage: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: String, isArray: true }) mediaTypes: string[];
  @ApiProperty() maxBytes: number;
}

export class FormFieldViewDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['text', 'textarea', 'number', 'integer', 'date', 'boolean', 'select', 'email', 'ags'] }) type: string;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional() maxLength?: number;
  @ApiPropertyOptional({ type: String, isArray: true }) options?: string[];
}

export class FormViewDto {
  @ApiProperty({ type: FormFieldViewDto, isArray: true }) fields: FormFieldViewDto[];
}

export class TerritoryViewDto {
  @ApiProperty({ type: String, isArray: true, example: ['14'], description: 'An AGS lies inside when it starts with one of these' }) agsPrefixes: string[];
  @ApiProperty({ example: 'Freistaat Sachsen' }) label: string;
}

export class DeadlinesViewDto {
  @ApiProperty() informationRequestWorkingDays: number;
  @ApiProperty() reminderDaysBefore: number;
  @ApiProperty() objectionPeriodMonths: number;
  @ApiProperty() deemedReceiptDays: number;
  @ApiPropertyOptional({ enum: REGIONS }) holidayCalendar?: string;
  @ApiPropertyOptional() applicationDueDays?: number;
}

export class CriterionViewDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ description: 'What the reviewers judge under this criterion' }) description?: string;
  @ApiProperty() weight: number;
  @ApiPropertyOptional() knockOutBelow?: number;
}

export class ScaleViewDto {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

export class JuryViewDto {
  @ApiProperty({ type: ScaleViewDto }) scale: ScaleViewDto;
  @ApiProperty() reviewersPerConcept: number;
  @ApiProperty() minimumScore: number;
  @ApiProperty() commentRequiredAtOrBelow: number;
  @ApiProperty({ type: CriterionViewDto, isArray: true }) criteria: CriterionViewDto[];
}

export class CallChangeDto {
  @ApiProperty({ enum: ['opened', 'changed', 'closed', 'budget'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ type: Object, description: 'What changed, e.g. {deadline: {from, to}}' }) changes: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() occurredAt: Date;
}

export class CallDetailDto extends CallSummaryDto {
  @ApiProperty() guidelineTitle: string;
  @ApiProperty({ description: 'Euro cents' }) minimumGrantCents: number;
  @ApiProperty({ type: String, isArray: true }) eligibleApplicantTypes: string[];
  @ApiProperty({ type: TerritoryViewDto, nullable: true }) territory: TerritoryViewDto | null;
  @ApiProperty({ type: VariantViewDto, isArray: true }) variants: VariantViewDto[];
  @ApiProperty({ type: CostCategoryViewDto, isArray: true }) costCategories: CostCategoryViewDto[];
  @ApiProperty({ type: AttachmentTypeViewDto, isArray: true }) attachmentTypes: AttachmentTypeViewDto[];
  @ApiProperty({ type: FormViewDto }) conceptForm: FormViewDto;
  @ApiProperty({ type: FormViewDto }) applicationForm: FormViewDto;
  @ApiProperty({ type: DeadlinesViewDto }) deadlines: DeadlinesViewDto;
  @ApiPropertyOptional({ type: JuryViewDto, description: 'Only for agency roles and reviewers' }) jury?: JuryViewDto;
  @ApiPropertyOptional({ type: CallChangeDto, isArray: true, description: 'Only for agency roles and reviewers: every change with its reason' }) changes?: CallChangeDto[];
}
