import { ApiProperty } from '@nestjs/swagger';

export class LedgerRowDto {
  @ApiProperty({ example: 2027 }) fiscalYear: number;
  @ApiProperty({ description: 'Euro cents' }) budgetCents: number;
  @ApiProperty({ description: 'Euro cents committed by approved decisions' }) committedCents: number;
  @ApiProperty({ description: 'Euro cents paid out' }) paidCents: number;
  @ApiProperty({ description: 'Euro cents recovered' }) recoveredCents: number;
  @ApiProperty({ description: 'Budget minus committed, euro cents' }) availableCents: number;
}
