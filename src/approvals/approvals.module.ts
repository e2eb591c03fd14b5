import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { LedgerModule } from '../ledger/ledger.module';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { ApprovalsController, NoticeVerificationPageController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { ApprovalsWorkflow } from './approvals.workflow';
import { NoticesService } from './notices.service';
import { ApprovalsOverviewService } from './approvals-overview.service';

/** Decisions under four eyes (booked in the ledger), notices as PDF, objections and amendments. */
@Module({
  imports: [ApplicationsModule, LedgerModule, AccountsModule],
  controllers: [ApprovalsController, NoticeVerificationPageController],
  providers: [ApprovalsService, NoticesService, ApprovalsWorkflow, ApprovalsOverviewService],
  exports: [ApprovalsService, ApprovalsOverviewService, NoticesService],
})
export class ApprovalsModule {}
