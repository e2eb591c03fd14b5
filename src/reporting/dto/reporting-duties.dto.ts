import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class ExtendDutyDto {
  @ApiProperty({ example: '2028-08-31', description: 'The new due date; later than the current one' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn: string;

  @ApiProperty({ example: 'Schlussrechnung des Bauunternehmens steht noch aus (Schreiben vom 12.06.2028).' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;
}

export class ReportingDutyDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: ['interim', 'final'], description: 'interim: Zwischennachweis for the year ending periodEnd; final: Verwendungsnachweis' }) kind: 'interim' | 'final';
  @ApiProperty() periodEnd: string;
  @ApiProperty({ description: 'Due date in force (extended where a caseworker moved it)' }) dueOn: string;
  @ApiProperty() originalDueOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) extensionReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) fulfilledAt: string | null;
  @ApiProperty() overdue: boolean;
}

export class OverdueDutyDto extends ReportingDutyDto {
  @ApiPropertyOptional({ nullable: true, type: String }) fileNumber: string | null;
  @ApiProperty() caseTitle: string;
  @ApiProperty() organisationName: string;
}
