import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { PayoutsModule } from '../payouts/payouts.module';
import { ReportingModule } from '../reporting/reporting.module';
import { ReviewModule } from '../review/review.module';
import { OverviewController } from './overview.controller';
import { TasksService } from './tasks.service';
import { TimelineService } from './timeline.service';

/** Read-only views across the modules: each person's work list and each case's timeline. */
@Module({
  imports: [ApplicationsModule, ReviewModule, ApprovalsModule, PayoutsModule, ReportingModule],
  controllers: [OverviewController],
  providers: [TasksService, TimelineService],
})
export class OverviewModule {}
