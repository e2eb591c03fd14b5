import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { ApprovalsWorkflow } from './approvals.workflow';
import { NoticesService } from './notices.service';
import { ApprovalsOverviewService } from './approvals-overview.service';

/** Decisions under four eyes, the budget ledger, notices as PDF, objections and amendments. */
@Module({
  imports: [ApplicationsModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsService, NoticesService, ApprovalsWorkflow, ApprovalsOverviewService],
  exports: [ApprovalsService, ApprovalsOverviewService],
})
export class ApprovalsModule {}
