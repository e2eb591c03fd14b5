import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallsController } from './calls/calls.controller';
import { CallsService } from './calls/calls.service';
import { CasesController, GuidelinesController } from './guidelines.controller';
import { GuidelinesService } from './guidelines.service';
import { Case, CaseTransition } from './workflow/case.entity';
import { WorkflowRegistry } from './workflow/workflow-registry';
import { WorkflowService } from './workflow/workflow.service';
import { CaseWorkService } from './workflow/case-work.service';

/** Guideline definitions, the calls made from them, and the workflow engine that reads them; feature modules register their checks and effects. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Case, CaseTransition])],
  controllers: [GuidelinesController, CasesController, CallsController],
  providers: [GuidelinesService, CallsService, WorkflowRegistry, WorkflowService, CaseWorkService],
  exports: [GuidelinesService, CallsService, WorkflowRegistry, WorkflowService, CaseWorkService],
})
export class GuidelinesModule {}
