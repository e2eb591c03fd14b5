import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { LedgerModule } from '../ledger/ledger.module';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { PaymentRunsController } from './payment-runs.controller';
import { PaymentRunsService } from './payment-runs.service';

/** Payouts: payee accounts, payment requests under four eyes, SEPA payment runs, booked in the ledger. */
@Module({
  imports: [ApplicationsModule, ApprovalsModule, LedgerModule, AccountsModule],
  controllers: [PaymentRunsController],
  providers: [PaymentRunsService],
  exports: [],
})
export class PayoutsModule {}
