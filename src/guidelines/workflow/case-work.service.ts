import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { organisationScope } from '../../platform/auth/access';
import type { Actor } from '../../platform/auth/actor';
import type { GuidelineDefinition } from '../guideline.types';
import { GuidelinesService } from '../guidelines.service';
import { WorkflowRegistry } from './workflow-registry';
import { stateOf } from './workflow-rules';
import { statesAwaiting } from './work-rules';

/** A case that waits for a step someone with the actor's roles may take. */
export interface AwaitingCase {
  caseId: string;
  fileNumber: string | null;
  title: string;
  state: string;
  stateLabel: string;
  stage: string | null;
  /** The part (concept or application) the applicant edits in this state, if any. */
  editable: string | null;
  /** The awaited steps (transition names). */
  steps: string[];
  applicationDueOn: string | null;
  guidelineCode: string;
  callCode: string;
}

/** Read side of the engine for work lists: which cases wait for whom, derived from the guideline workflows. */
@Injectable()
export class CaseWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly registry: WorkflowRegistry,
  ) {}

  /** Cases in a state that waits for one of the actor's roles; applicants see their organisation's only. */
  async awaiting(actor: Actor): Promise<AwaitingCase[]> {
    const scope = organisationScope(actor);
    if (scope === 'none') return [];
    const versions: { id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT guideline_version_id AS id FROM cases WHERE ($1::uuid IS NULL OR organisation_id = $1) ORDER BY 1',
      [scope],
    );
    const out: AwaitingCase[] = [];
    for (const { id } of versions) {
      const { definition } = await this.guidelines.version(id);
      const waiting = statesAwaiting(definition.workflow, actor.roles, (t) => this.registry.missingFor(t).length === 0);
      if (!waiting.size) continue;
      const rows = await this.dataSource.query(
        `SELECT id, file_number, title, state, call_code, application_due_on::text AS due FROM cases
          WHERE guideline_version_id = $1 AND state = ANY($2) AND ($3::uuid IS NULL OR organisation_id = $3)
          ORDER BY updated_at, id`,
        [id, [...waiting.keys()], scope],
      );
      for (const r of rows) out.push({ ...summaryOf(definition, r), steps: waiting.get(r.state)!.map((t) => t.name) });
    }
    return out;
  }

  /** Number, title and state of cases, for lists that name them. The caller has checked access. */
  async summaries(caseIds: string[]): Promise<Map<string, Omit<AwaitingCase, 'steps'> & { final: boolean }>> {
    if (!caseIds.length) return new Map();
    const rows = await this.dataSource.query(
      'SELECT id, file_number, title, state, call_code, guideline_version_id, application_due_on::text AS due FROM cases WHERE id = ANY($1)',
      [[...new Set(caseIds)]],
    );
    const out = new Map<string, Omit<AwaitingCase, 'steps'> & { final: boolean }>();
    for (const r of rows) {
      const { definition } = await this.guidelines.version(r.guideline_version_id);
      out.set(r.id, { ...summaryOf(definition, r), final: !!stateOf(definition, r.state)?.final });
    }
    return out;
  }
}

type CaseRow = { id: string; file_number: string | null; title: string; state: string; call_code: string; due: string | null };

function summaryOf(definition: GuidelineDefinition, r: CaseRow): Omit<AwaitingCase, 'steps'> {
  const state = stateOf(definition, r.state);
  return {
    caseId: r.id,
    fileNumber: r.file_number,
    title: r.title,
    state: r.state,
    stateLabel: state?.label ?? r.state,
    stage: state?.stage ?? null,
    editable: state?.editable ?? null,
    applicationDueOn: r.due,
    guidelineCode: definition.code,
    callCode: r.call_code,
  };
}
