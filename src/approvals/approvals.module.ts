import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { ApprovalsController, NoticeVerificationPageController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { ApprovalsWorkflow } from './approvals.workflow';
import { NoticesService } from './notices.service';

/** Decisions under four eyes, the budget ledger, notices as PDF, objections and amendments. */
@Module({
  imports: [ApplicationsModule, AccountsModule],
  controllers: [ApprovalsController, NoticeVerificationPageController],
  providers: [ApprovalsService, NoticesService, ApprovalsWorkflow],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
