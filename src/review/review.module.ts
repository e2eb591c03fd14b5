import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ReviewController } from './review.controller';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { AssignmentService } from './assignment.service';
import { RankingService } from './ranking.service';
import { ReviewRepository } from './review.repository';
import { ReviewingService } from './reviewing.service';
import { ReviewWorkflow } from './review.workflow';
import { ReviewOverviewService } from './review-overview.service';

/** The jury: assignment, conflicts of interest, sealed reviews, ranking and outcome. */
@Module({
  imports: [ApplicationsModule, AccountsModule],
  controllers: [ReviewController],
  providers: [ReviewRepository, AssignmentService, ReviewingService, RankingService, ReviewWorkflow, ReviewOverviewService],
  exports: [RankingService, ReviewOverviewService],
})
export class ReviewModule {}
