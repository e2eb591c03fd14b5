import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class EnterBaseRateDto {
  @ApiProperty({ example: '2026-07-01', description: 'First day the rate applies: 1 January or 1 July' })
  @IsString()
  @Matches(/^\d{4}-(01|07)-01$/, { message: 'validFrom must be 1 January or 1 July of a year (YYYY-01-01 or YYYY-07-01)' })
  validFrom: string;

  @ApiProperty({ example: 127, description: 'Basis points: 127 = 1,27 %; may be negative (it was −0,88 % from 2016 to 2022)' })
  @IsInt()
  @Min(-1000)
  @Max(2000)
  rateBp: number;

  @ApiProperty({ example: 'Deutsche Bundesbank, Bekanntgabe des Basiszinssatzes zum 1. Juli 2026' })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  source: string;
}

export class BaseRateDto {
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ example: 127 }) rateBp: number;
  @ApiProperty() source: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Who entered it; null: loaded from config/base-rates.yaml' }) enteredBy: string | null;
  @ApiProperty() enteredAt: string;
}

export class BaseRatesDto {
  @ApiProperty({ type: BaseRateDto, isArray: true }) rates: BaseRateDto[];
  @ApiProperty({ example: '2026-07-01', description: 'Interest can be counted up to (not including) this day; the base rate from this day on must be entered first' })
  knownUntil: string;
}
