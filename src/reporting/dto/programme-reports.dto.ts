import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class ReportFiltersDto {
  @ApiPropertyOptional({ example: 'frl-lifd' }) @IsOptional() @IsString() @Length(1, 60) guideline?: string;
  @ApiPropertyOptional({ example: '2026-1' }) @IsOptional() @IsString() @Length(1, 60) call?: string;
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
  @ApiPropertyOptional({ description: 'District: the first five digits of the AGS', example: '14522' }) @IsOptional() @Matches(/^[0-9]{5}$/) district?: string;
  @ApiPropertyOptional({ format: 'date', description: 'From this day (inclusive)' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'To this day (inclusive)' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) to?: string;
}

export class ReportQueryDto extends ReportFiltersDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
  @ApiPropertyOptional({ description: 'CSV only: which part of the report (default: the first)' }) @IsOptional() @IsString() @Length(1, 40) part?: string;
}

export class BudgetByCallDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty() budgetCents: number;
  @ApiProperty() committedCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() recoveredCents: number;
  @ApiProperty() availableCents: number;
}

export class BudgetByDistrictDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ description: 'First five AGS digits; empty when the case has no location' }) district: string;
  @ApiProperty() committedCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() recoveredCents: number;
}

export class BudgetByCategoryDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() district: string;
  @ApiProperty() category: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty() cases: number;
  @ApiProperty({ description: 'Eligible costs as approved in the current decisions' }) approvedCostsCents: number;
}

export class BudgetReportDto {
  @ApiProperty({ type: BudgetByCallDto, isArray: true }) byCall: BudgetByCallDto[];
  @ApiProperty({ type: BudgetByDistrictDto, isArray: true }) byDistrict: BudgetByDistrictDto[];
  @ApiProperty({ type: BudgetByCategoryDto, isArray: true }) byCategory: BudgetByCategoryDto[];
}

export class FunnelRowDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty() conceptsSubmitted: number;
  @ApiProperty() conceptsAccepted: number;
  @ApiProperty() conceptsRejected: number;
  @ApiProperty() invited: number;
  @ApiProperty() applicationsSubmitted: number;
  @ApiProperty() approved: number;
  @ApiProperty() rejected: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() paid: number;
  @ApiProperty() settled: number;
}

export class FunnelReportDto {
  @ApiProperty({ type: FunnelRowDto, isArray: true }) byCall: FunnelRowDto[];
}

/** One step's duration over a group of cases. */
export class ProcessingTimeStepDto {
  @ApiProperty({ description: 'from → to, e.g. submission→formal_check' }) step: string;
  @ApiProperty() cases: number;
  @ApiProperty() medianDays: number;
  @ApiProperty() p90Days: number;
}

export class ProcessingTimeRowDto extends ProcessingTimeStepDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
}

export class ProcessingTimeTeamRowDto extends ProcessingTimeStepDto {
  @ApiProperty({ description: 'Team of the caseworker who did the formal check; "" where that caseworker has no team (or no check was recorded)' }) team: string;
}

export class ProcessingTimesReportDto {
  @ApiProperty({ type: ProcessingTimeRowDto, isArray: true }) byCall: ProcessingTimeRowDto[];
  @ApiProperty({ type: ProcessingTimeTeamRowDto, isArray: true, description: 'Per caseworker team of the formal check (teams, not persons: no league table of staff)' })
  byTeam: ProcessingTimeTeamRowDto[];
}

export class PaymentsMonthDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty() paidCents: number;
  @ApiProperty() returnedCents: number;
  @ApiProperty() recoveredCents: number;
  @ApiProperty() interestCents: number;
}

export class OpenClaimRowDto {
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() callCode: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() dueOn: string;
  @ApiProperty() principalOpenCents: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null while a base rate it needs is not entered yet' }) interestOpenCents: number | null;
  @ApiProperty({ nullable: true, type: Number }) totalOpenCents: number | null;
}

export class OverdueProofRowDto {
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() callCode: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() kind: string;
  @ApiProperty() dueOn: string;
}

export class PaymentsReportDto {
  @ApiProperty({ type: PaymentsMonthDto, isArray: true }) byMonth: PaymentsMonthDto[];
  @ApiProperty({ type: OpenClaimRowDto, isArray: true }) openClaims: OpenClaimRowDto[];
  @ApiProperty({ type: OverdueProofRowDto, isArray: true }) overdueProofs: OverdueProofRowDto[];
}

export class GrantRowDto {
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty() district: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty() committedCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() recoveredCents: number;
}

export class GrantsReportDto {
  @ApiProperty({ type: GrantRowDto, isArray: true }) cases: GrantRowDto[];
}

export class DashboardCallDto {
  @ApiProperty() guidelineCode: string;
  @ApiProperty() callCode: string;
  @ApiProperty() budgetCents: number;
  @ApiProperty() committedCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() recoveredCents: number;
  @ApiProperty() availableCents: number;
}

export class DashboardStateDto {
  @ApiProperty() state: string;
  @ApiProperty() cases: number;
}

export class DashboardOverdueDto {
  @ApiProperty() proofs: number;
  @ApiProperty() informationRequests: number;
  @ApiProperty() recoveryClaims: number;
}

export class DashboardDto {
  @ApiProperty({ type: DashboardCallDto, isArray: true }) calls: DashboardCallDto[];
  @ApiProperty({ type: DashboardStateDto, isArray: true }) states: DashboardStateDto[];
  @ApiProperty({ type: DashboardOverdueDto }) overdue: DashboardOverdueDto;
}

export class OpenDataPackageInfoDto {
  @ApiProperty() sha256: string;
  @ApiProperty() grantCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() url: string;
}
