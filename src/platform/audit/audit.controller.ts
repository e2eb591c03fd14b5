import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { AuditService } from './audit.service';

class ChainBreakDto {
  @ApiProperty({ description: 'Sequence number of the first entry that does not fit the chain' }) seq: number;
  @ApiProperty({ enum: ['sequence_gap', 'prev_hash_mismatch', 'hash_mismatch'] }) problem: string;
}

class AuditVerificationDto {
  @ApiProperty() intact: boolean;
  @ApiProperty({ description: 'Entries verified intact before the first break' }) entries: number;
  @ApiPropertyOptional({ type: ChainBreakDto, nullable: true }) firstBroken: ChainBreakDto | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('auditor', 'admin')
  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the hash chain of the audit trail and names the first broken entry' })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiErrors({ 401: ['AUTHENTICATION_REQUIRED'], 403: ['ROLE_NOT_ALLOWED'] })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
