import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { LedgerModule } from '../ledger/ledger.module';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { PayeeAccountsController } from './payee-accounts.controller';
import { PayeeAccountsService } from './payee-accounts.service';
import { PaymentRequestsController } from './payment-requests.controller';
import { PaymentRequestsService } from './payment-requests.service';
import { PayoutsWorkflow } from './payouts.workflow';
import { PaymentRunsController } from './payment-runs.controller';
import { PaymentRunsService } from './payment-runs.service';

/** Payouts: payee accounts, payment requests under four eyes, SEPA payment runs, booked in the ledger. */
@Module({
  imports: [ApplicationsModule, ApprovalsModule, LedgerModule, AccountsModule],
  controllers: [PayeeAccountsController, PaymentRequestsController, PaymentRunsController],
  providers: [PayeeAccountsService, PaymentRequestsService, PayoutsWorkflow, PaymentRunsService],
  exports: [PayeeAccountsService, PaymentRequestsService, PaymentRunsService],
})
export class PayoutsModule {}
