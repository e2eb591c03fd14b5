import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class WithdrawDto {
  @ApiPropertyOptional({ example: 'Der Stadtrat hat das Vorhaben zurückgestellt.' })
  @IsOptional() @IsString() @MaxLength(4000)
  reason?: string;
}
