import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { LedgerModule } from '../ledger/ledger.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { ApprovalsWorkflow } from './approvals.workflow';
import { NoticesService } from './notices.service';

/** Decisions under four eyes (booked in the ledger), notices as PDF, objections and amendments. */
@Module({
  imports: [ApplicationsModule, LedgerModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsService, NoticesService, ApprovalsWorkflow],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
