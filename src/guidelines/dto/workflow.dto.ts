import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

export class TransitionDto {
  @ApiProperty({ example: 'submit_concept', description: 'Name of a transition of the case\'s guideline workflow' })
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,79}$/, { message: 'transition must be a snake_case step name' })
  transition: string;

  @ApiPropertyOptional({ description: 'Why, for the applicant to read; required where the guideline says so (e.g. rejections)' })
  @IsOptional() @IsString() @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ description: 'A working note of the agency, stored apart from the reason; applicants never see it (agency roles only, else 403 INTERNAL_NOTE_NOT_ALLOWED)' })
  @IsOptional() @IsString() @MaxLength(4000)
  internalNote?: string;

  @ApiPropertyOptional({ description: 'The case version the client last saw; refused with 409 STALE_VERSION if it changed' })
  @IsOptional() @IsInt() @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'Data for the step\'s checks and effects', type: Object })
  @IsOptional() @IsObject()
  input?: Record<string, unknown>;
}

export class AvailableTransitionDto {
  @ApiProperty() name: string;
  @ApiProperty() to: string;
  @ApiProperty() reasonRequired: boolean;
}

export class CaseDto {
  @ApiProperty() id: string;
  @ApiProperty() guidelineCode: string;
  @ApiProperty() guidelineVersionId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() callCode: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'When the formal application is due (set on invitation)' }) applicationDueOn: string | null;
  @ApiProperty({ type: AvailableTransitionDto, isArray: true }) availableTransitions: AvailableTransitionDto[];
}

export class CaseTransitionDto {
  @ApiProperty() transition: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ nullable: true, type: String, description: 'The public reason' }) reason: string | null;
  @ApiProperty() occurredAt: Date;
  @ApiPropertyOptional({ description: 'Who took the step (agency roles only; absent for applicants)' }) actorId?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Internal note (agency roles only; absent for applicants)' }) internalNote?: string | null;
}

export class GuidelineSummaryDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() edition: string;
  @ApiProperty() versionId: string;
  @ApiProperty({ description: 'SHA-256 of the definition\'s canonical JSON' }) contentHash: string;
}

export class GuidelineVersionDto {
  @ApiProperty() id: string;
  @ApiProperty() edition: string;
  @ApiProperty() contentHash: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() current: boolean;
}
