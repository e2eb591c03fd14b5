import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';

export class AffiliationsDto {
  @ApiProperty({ type: String, isArray: true, description: 'Organisations the reviewer belongs to or works for' })
  @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  organisationIds: string[];

  @ApiProperty({ type: String, isArray: true, example: ['14522'], description: 'Districts (first five digits of the AGS)' })
  @IsArray() @ArrayMaxSize(100) @Matches(/^\d{5}$/, { each: true, message: 'each district must be 5 digits' })
  districts: string[];
}

export class AssignDto {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiProperty() @IsUUID() reviewerId: string;
}

export class DeclarationDto {
  @ApiProperty({ description: 'true: I have a conflict of interest (Befangenheit) and withdraw from this concept' })
  @IsBoolean()
  conflict: boolean;

  @ApiPropertyOptional({ description: 'Required when declaring a conflict' })
  @IsOptional() @IsString() @Length(5, 2000)
  reason?: string;
}

/** Saving a review draft: the save semantics of every draft (sent replaces, left out keeps; scores merged per criterion). */
export class SaveReviewDto {
  @ApiProperty({ description: 'The review version this edit is based on (0 for a review never saved)' })
  @IsInt() @Min(0)
  version: number;

  @ApiPropertyOptional({
    type: Object,
    example: { innovation: { score: 4, comment: 'Überzeugend' }, cooperation: null },
    description:
      'Per criterion code: score on the guideline scale and a comment. Merged into the saved draft per criterion: a criterion sent ' +
      'replaces its score and comment, one left out keeps them, one sent as null is removed. Leave out to keep all.',
  })
  @IsOptional() @IsObject()
  scores?: Record<string, { score: number; comment?: string } | null>;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(5, 4000) reason: string;
}

export class ResolutionDto {
  @ApiProperty({ example: 'Im Jurygespräch erörtert; die Bewertungen bleiben bestehen.' })
  @IsString() @Length(5, 4000)
  note: string;
}

export class OutcomeDecisionDto {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiProperty({ enum: ['invite', 'reject'] }) @IsIn(['invite', 'reject']) outcome: 'invite' | 'reject';
  @ApiPropertyOptional({ description: 'Required for a rejection' }) @IsOptional() @IsString() @Length(5, 4000) reason?: string;
}

export class JuryOutcomeDto {
  @ApiPropertyOptional({ type: OutcomeDecisionDto, isArray: true, description: 'Decide concepts one by one' })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => OutcomeDecisionDto)
  decisions?: OutcomeDecisionDto[];

  @ApiPropertyOptional({ description: 'Apply the whole ranking: invite those above the funding line, reject the others with this reason' })
  @IsOptional() @IsString() @Length(5, 4000)
  rejectAllOthersWithReason?: string;
}
