import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesController, GuidelinesController } from './guidelines.controller';
import { GuidelinesService } from './guidelines.service';
import { Case, CaseTransition } from './workflow/case.entity';
import { WorkflowRegistry } from './workflow/workflow-registry';
import { WorkflowService } from './workflow/workflow.service';
import { CaseWorkService } from './workflow/case-work.service';

/** Guideline definitions and the workflow engine that reads them; feature modules register their checks and effects. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Case, CaseTransition])],
  controllers: [GuidelinesController, CasesController],
  providers: [GuidelinesService, WorkflowRegistry, WorkflowService, CaseWorkService],
  exports: [GuidelinesService, WorkflowRegistry, WorkflowService, CaseWorkService],
})
export class GuidelinesModule {}
