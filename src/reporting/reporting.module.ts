import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { LedgerModule } from '../ledger/ledger.module';
import { PayoutsModule } from '../payouts/payouts.module';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { BaseRatesController } from './base-rates.controller';
import { BaseRatesService } from './base-rates.service';
import { OpenDataService } from './programme-reports.open-data';
import { ProgrammeReportsController } from './programme-reports.controller';
import { ProgrammeReportsService } from './programme-reports.service';
import { ProofOfUseController } from './proof-of-use.controller';
import { ProofOfUseService } from './proof-of-use.service';
import { ProofOfUseWorkflow } from './proof-of-use.workflow';
import { RecoveryController } from './recovery.controller';
import { RecoveryService } from './recovery.service';
import { RecoveryWorkflow } from './recovery.workflow';
import { ReportingDutiesController } from './reporting-duties.controller';
import { ReportingDutiesService } from './reporting-duties.service';
import { SettlementController } from './settlement.controller';
import { SettlementService } from './settlement.service';
import { SettlementWorkflow } from './settlement.workflow';

/** Proof of use, settlement and recovery (with the base rates its interest is counted from); and the programme reports with their exports and open data. */
@Module({
  imports: [ApplicationsModule, ApprovalsModule, LedgerModule, AccountsModule, PayoutsModule],
  controllers: [ProgrammeReportsController, BaseRatesController, ProofOfUseController, RecoveryController, ReportingDutiesController, SettlementController],
  providers: [ProgrammeReportsService, OpenDataService, BaseRatesService, ProofOfUseService, ProofOfUseWorkflow, RecoveryService, RecoveryWorkflow, ReportingDutiesService, SettlementService, SettlementWorkflow],
  exports: [BaseRatesService, ProofOfUseService, RecoveryService, ReportingDutiesService],
})
export class ReportingModule {}
