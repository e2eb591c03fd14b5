import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../platform/accounts/accounts.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { ApplicationsWorkflow } from './applications.workflow';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { Attachment, EarlyStartRequest, InformationRequest, Proposal } from './entities';
import { InformationRequestsController } from './information-requests.controller';
import { InformationRequestsService } from './information-requests.service';
import { ApplicationsOverviewService } from './applications-overview.service';

/** Stage 1 (concept) and stage 2 (formal application) up to a complete file. */
@Module({
  imports: [AccountsModule, TypeOrmModule.forFeature([Proposal, Attachment, InformationRequest, EarlyStartRequest])],
  controllers: [ApplicationsController, AttachmentsController, InformationRequestsController],
  providers: [ApplicationsService, AttachmentsService, InformationRequestsService, ApplicationsWorkflow, ApplicationsOverviewService],
  exports: [ApplicationsService, ApplicationsOverviewService],
})
export class ApplicationsModule {}
