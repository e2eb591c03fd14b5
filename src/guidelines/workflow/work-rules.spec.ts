import type { Workflow } from '../guideline.types';
import { awaitedSteps, statesAwaiting } from './work-rules';

const WORKFLOW: Workflow = {
  initialState: 'draft',
  states: [
    { code: 'draft', stage: 'concept', label: 'Entwurf', editable: 'concept' },
    { code: 'submitted', stage: 'concept', label: 'Eingereicht' },
    { code: 'prepared', stage: 'decision', label: 'Vorbereitet' },
    { code: 'done', stage: 'decision', label: 'Fertig', final: true },
    { code: 'withdrawn', stage: 'closed', label: 'Zurückgezogen', final: true },
  ],
  transitions: [
    { name: 'submit', from: ['draft'], to: 'submitted', roles: ['applicant'], checks: [], effects: [] },
    { name: 'send_back', from: ['submitted'], to: 'draft', roles: ['caseworker'], checks: [], effects: [], reasonRequired: true },
    { name: 'prepare', from: ['submitted'], to: 'prepared', roles: ['caseworker'], checks: [], effects: [] },
    { name: 'sign', from: ['prepared'], to: 'done', roles: ['approver'], checks: [], effects: [] },
    { name: 'withdraw', from: ['draft', 'submitted', 'prepared'], to: 'withdrawn', roles: ['applicant', 'caseworker'], checks: [], effects: [] },
  ],
} as Workflow;

describe('who a case waits for', () => {
  it('follows the roles on the transitions, leaving out shared options and steps that need a reason', () => {
    expect(awaitedSteps(WORKFLOW, 'draft', ['applicant']).map((t) => t.name)).toEqual(['submit']);
    expect(awaitedSteps(WORKFLOW, 'draft', ['caseworker'])).toEqual([]); // withdrawing is an option, not a task
    expect(awaitedSteps(WORKFLOW, 'submitted', ['caseworker']).map((t) => t.name)).toEqual(['prepare']);
    expect(awaitedSteps(WORKFLOW, 'submitted', ['applicant'])).toEqual([]);
  });

  it('lists the states waiting for a role, and only steps a module implements', () => {
    expect([...statesAwaiting(WORKFLOW, ['approver']).keys()]).toEqual(['prepared']);
    expect([...statesAwaiting(WORKFLOW, ['caseworker', 'approver']).keys()]).toEqual(['submitted', 'prepared']);
    expect([...statesAwaiting(WORKFLOW, ['caseworker'], (t) => t.name !== 'prepare').keys()]).toEqual([]);
    expect([...statesAwaiting(WORKFLOW, ['reviewer']).keys()]).toEqual([]);
  });
});
