import type { Workflow } from '../guideline.types';
import { evaluateTransition, transitionsFrom } from './workflow-rules';

const workflow: Workflow = {
  initialState: 'draft',
  states: [
    { code: 'draft', stage: 'concept', label: 'Draft' },
    { code: 'submitted', stage: 'concept', label: 'Submitted' },
    { code: 'rejected', stage: 'closed', label: 'Rejected', final: true },
  ],
  transitions: [
    { name: 'submit', from: ['draft'], to: 'submitted', roles: ['applicant'], checks: [], effects: [] },
    { name: 'reject', from: ['submitted'], to: 'rejected', roles: ['caseworker', 'admin'], checks: [], effects: [], reasonRequired: true },
  ],
};

describe('evaluateTransition', () => {
  it('allows a permitted role from a listed state', () => {
    const r = evaluateTransition(workflow, 'submit', 'draft', ['applicant']);
    expect(r.ok && r.transition.to).toBe('submitted');
  });

  it('refuses an unknown step', () => {
    const r = evaluateTransition(workflow, 'approve', 'draft', ['applicant']);
    expect(!r.ok && r.refusal.code).toBe('TRANSITION_UNKNOWN');
  });

  it('refuses a role the guideline does not name, naming the allowed roles', () => {
    const r = evaluateTransition(workflow, 'reject', 'submitted', ['applicant', 'reviewer']);
    expect(r).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'ROLE_NOT_ALLOWED', allowedRoles: ['caseworker', 'admin'] }) });
  });

  it('refuses a step from another state', () => {
    const r = evaluateTransition(workflow, 'submit', 'submitted', ['applicant']);
    expect(r).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED_IN_STATE', state: 'submitted', allowedFrom: ['draft'] }) });
  });

  it('asks for a reason where the guideline requires one, and does not accept blanks', () => {
    expect(evaluateTransition(workflow, 'reject', 'submitted', ['caseworker'], '  ')).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'REASON_REQUIRED' }),
    });
    expect(evaluateTransition(workflow, 'reject', 'submitted', ['caseworker'], 'Unvollständig').ok).toBe(true);
  });
});

describe('transitionsFrom', () => {
  it('lists only the steps the roles may take from the state', () => {
    expect(transitionsFrom(workflow, 'submitted', ['caseworker']).map((t) => t.name)).toEqual(['reject']);
    expect(transitionsFrom(workflow, 'submitted', ['applicant'])).toEqual([]);
  });
});
