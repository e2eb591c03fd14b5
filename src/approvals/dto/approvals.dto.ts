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
  @ApiProperty() @IsString() @Length(5, 4000) comment: string;
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
