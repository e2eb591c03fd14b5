import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { BaseRatesController } from './base-rates.controller';
import { BaseRatesService } from './base-rates.service';
import { RecoveryController } from './recovery.controller';
import { RecoveryService } from './recovery.service';
import { RecoveryWorkflow } from './recovery.workflow';

/** Proof of use, settlement and recovery (with the base rates its interest is counted from); later the programme reports. */
@Module({
  imports: [LedgerModule],
  controllers: [BaseRatesController, RecoveryController],
  providers: [BaseRatesService, RecoveryService, RecoveryWorkflow],
  exports: [BaseRatesService, RecoveryService],
})
export class ReportingModule {}
