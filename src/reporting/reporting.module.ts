import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { BaseRatesController } from './base-rates.controller';
import { BaseRatesService } from './base-rates.service';
import { PendingPaymentCheckStandIn } from './pending-payment-check';
import { ProofOfUseController } from './proof-of-use.controller';
import { ProofOfUseService } from './proof-of-use.service';
import { ProofOfUseWorkflow } from './proof-of-use.workflow';

/** Proof of use, settlement and recovery (with the base rates its interest is counted from); later the programme reports. */
@Module({
  imports: [ApplicationsModule, ApprovalsModule],
  controllers: [BaseRatesController, ProofOfUseController],
  providers: [BaseRatesService, ProofOfUseService, ProofOfUseWorkflow, PendingPaymentCheckStandIn],
  exports: [BaseRatesService, ProofOfUseService],
})
export class ReportingModule {}
