import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';
import { ReviewWorkflow } from './review.workflow';
import { ReviewOverviewService } from './review-overview.service';

/** The jury: assignment, conflicts of interest, sealed reviews, ranking and outcome. */
@Module({
  imports: [ApplicationsModule],
  controllers: [ReviewController],
  providers: [ReviewService, ReviewWorkflow, ReviewOverviewService],
  exports: [ReviewService, ReviewOverviewService],
})
export class ReviewModule {}
