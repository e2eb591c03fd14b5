import { Module } from '@nestjs/common';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';
import { ReviewWorkflow } from './review.workflow';

/** The jury: assignment, conflicts of interest, sealed reviews, ranking and outcome. */
@Module({
  controllers: [ReviewController],
  providers: [ReviewService, ReviewWorkflow],
  exports: [ReviewService],
})
export class ReviewModule {}
