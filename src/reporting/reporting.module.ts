import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { BaseRatesController } from './base-rates.controller';
import { BaseRatesService } from './base-rates.service';
import { RecoveryController } from './recovery.controller';
import { RecoveryService } from './recovery.service';
import { RecoveryWorkflow } from './recovery.workflow';
import { ReportingDutiesController } from './reporting-duties.controller';
import { ReportingDutiesService } from './reporting-duties.service';

/** Proof of use, settlement and recovery (with the base rates its interest is counted from); later the programme reports. */
@Module({
  imports: [LedgerModule, AccountsModule],
  controllers: [BaseRatesController, RecoveryController, ReportingDutiesController],
  providers: [BaseRatesService, RecoveryService, RecoveryWorkflow, ReportingDutiesService],
  exports: [BaseRatesService, RecoveryService, ReportingDutiesService],
})
export class ReportingModule {}
