import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { AuditCheckpointService } from './audit-checkpoint.service';

class ChainBreakDto {
  @ApiProperty({ description: 'Sequence number of the first entry that does not fit the chain' }) seq: number;
  @ApiProperty({ enum: ['sequence_gap', 'prev_hash_mismatch', 'hash_mismatch'] }) problem: string;
}

class CheckpointHeadDto {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class CheckpointDto extends CheckpointHeadDto {
  @ApiProperty({ description: 'First 16 hex digits of the SHA-256 of the signing public key' }) keyId: string;
  @ApiProperty({ description: 'Ed25519 signature (base64)' }) signature: string;
}

class RejectedCheckpointDto {
  @ApiProperty({ description: 'Line of the checkpoint file' }) line: number;
  @ApiProperty({ enum: ['malformed', 'unknown_key', 'bad_signature'] }) reason: string;
}

class CheckpointConflictDto {
  @ApiProperty({ type: CheckpointHeadDto }) checkpoint: CheckpointHeadDto;
  @ApiProperty({ enum: ['entries_missing', 'hash_differs'] }) problem: string;
  @ApiProperty({ description: 'Highest seq in the audit table' }) headSeq: number;
}

class CheckpointReportDto {
  @ApiProperty({ description: 'Valid signed checkpoints checked against the chain' }) checked: number;
  @ApiPropertyOptional({ type: CheckpointHeadDto, nullable: true }) latest: CheckpointHeadDto | null;
  @ApiProperty({ type: [RejectedCheckpointDto] }) rejected: RejectedCheckpointDto[];
  @ApiPropertyOptional({ type: CheckpointConflictDto, nullable: true }) contradicted: CheckpointConflictDto | null;
}

class AuditVerificationDto {
  @ApiProperty({ description: 'The chain is unbroken, every checkpoint is validly signed and none is contradicted' }) intact: boolean;
  @ApiProperty({ description: 'Entries verified intact before the first break' }) entries: number;
  @ApiPropertyOptional({ type: ChainBreakDto, nullable: true }) firstBroken: ChainBreakDto | null;
  @ApiProperty({ type: CheckpointReportDto }) checkpoints: CheckpointReportDto;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  @Roles('auditor', 'admin')
  @Get('verify')
  @ApiOperation({
    summary: 'Recomputes the hash chain of the audit trail, names the first broken entry and checks the chain against the signed checkpoints kept outside the database',
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiErrors({ 401: ['AUTHENTICATION_REQUIRED'], 403: ['ROLE_NOT_ALLOWED'] })
  verify(): Promise<AuditVerificationDto> {
    return this.checkpoints.verify();
  }

  @Roles('auditor', 'admin')
  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({ summary: 'Signs a checkpoint of the chain head now (Ed25519) and appends it to the checkpoint file outside the database' })
  @ApiCreatedResponse({ type: CheckpointDto })
  @ApiErrors({ 401: ['AUTHENTICATION_REQUIRED'], 403: ['ROLE_NOT_ALLOWED'], 409: ['AUDIT_CHAIN_BROKEN'] })
  checkpoint(): Promise<CheckpointDto> {
    return this.checkpoints.create();
  }
}
