import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

// SEPA allows 70 characters for a creditor's name; IBAN and BIC are checked by the service (ibantools), so that a
// wrong checksum gets its own code (IBAN_INVALID) rather than a generic validation failure.
export class ChangePayeeAccountDto {
  @ApiProperty({ example: 'Stadt Mittweida', description: 'Account holder as the bank knows it (at most 70 characters, as in a SEPA transfer)' })
  @IsString()
  @Length(2, 70)
  @Matches(/\S/)
  holder: string;

  @ApiProperty({ example: 'DE89 3704 0044 0532 0130 00', description: 'IBAN of a SEPA country; spaces allowed, stored without them in capitals' })
  @IsString()
  @Length(5, 50)
  iban: string;

  @ApiPropertyOptional({ example: 'COBADEFFXXX', nullable: true, type: String, description: 'BIC (8 or 11 characters); optional within SEPA' })
  @IsOptional()
  @IsString()
  @Length(0, 20)
  bic?: string | null;
}

export class ConfirmAccountChangeDto {
  @ApiProperty({ format: 'uuid', description: 'The pending change being confirmed: if another change replaced it meanwhile, the confirmation is refused' })
  @IsUUID()
  changeId: string;
}

export class RejectAccountChangeDto {
  @ApiProperty({ format: 'uuid', description: 'The pending change being rejected' })
  @IsUUID()
  changeId: string;

  @ApiProperty({ example: 'Die Änderung konnte telefonisch nicht bestätigt werden.', description: 'Why; mailed to the organisation' })
  @IsString()
  @Length(5, 2000)
  comment: string;
}

export class PayeeAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() holder: string;
  @ApiProperty({ example: 'DE89370400440532013000' }) iban: string;
  @ApiProperty({ nullable: true, type: String }) bic: string | null;
  @ApiProperty({ enum: ['pending', 'active', 'superseded', 'rejected'] }) status: 'pending' | 'active' | 'superseded' | 'rejected';
  @ApiProperty({ description: 'When the change was made' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the agency confirmed or rejected it (null: took effect without confirmation, or still pending)' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reason of a rejection (mailed to the organisation)' }) comment: string | null;
}

export class AccountProposalDto {
  @ApiProperty() holder: string;
  @ApiProperty() iban: string;
}

export class OrganisationPayeeAccountDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: PayeeAccountDto, nullable: true, description: 'The account payments go to' }) active: PayeeAccountDto | null;
  @ApiProperty({ type: PayeeAccountDto, nullable: true, description: 'A change awaiting the agency’s confirmation; never used for payment' }) pending: PayeeAccountDto | null;
  @ApiProperty({ type: PayeeAccountDto, nullable: true, description: 'The latest change the agency rejected, when nothing was changed since' }) rejected: PayeeAccountDto | null;
  @ApiProperty({ description: 'Whether a change now needs the agency’s confirmation (the organisation has a final notice)' }) confirmationRequired: boolean;
  @ApiProperty({ type: AccountProposalDto, nullable: true, description: 'Without any account: the bank account of the latest application, to start from' }) proposal: AccountProposalDto | null;
}

export class PendingAccountChangeDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ type: PayeeAccountDto }) change: PayeeAccountDto;
  @ApiProperty({ type: PayeeAccountDto, nullable: true }) current: PayeeAccountDto | null;
  @ApiProperty({ description: 'Who asked for the change' }) requestedBy: string;
}
