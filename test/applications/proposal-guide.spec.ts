import { Clock } from '../../src/platform/clock';
import { TestApp } from '../support/test-app';
import { Steps } from './fixtures';

/** Issue 10: the draft answers the guideline parts its editor needs (form, variants, categories, attachment types of its stage). */
describe('proposal guide (issue 10) through HTTP', () => {
  let t: TestApp;
  let s: Steps;
  let applicant: string;
  let caseworker: string;

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    applicant = await t.login('antrag@mittweida.de');
    caseworker = await t.login('sachbearbeitung@sab.example');
  }, 60_000);
  afterAll(() => t.close());

  it('a concept carries the concept form and the concept attachment types', async () => {
    t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00');
    const { caseId } = await s.createConcept(applicant, 'frl-lifd', '2026-1');
    const { guide } = await s.getConcept(applicant, caseId);
    expect(guide.form.fields.map((f: { key: string }) => f.key)).toContain('title');
    expect(guide.variants.map((v: { code: string }) => v.code)).toEqual(['stationary', 'mobile']);
    expect(guide.costCategories.map((c: { code: string }) => c.code)).toContain('equipment');
    expect(guide.attachmentTypes.map((a: { code: string }) => a.code)).toEqual(['concept_document', 'cost_estimate', 'letters_of_intent']);
  });

  it('an application carries the application form and its attachment types, also after the call has closed', async () => {
    const caseId = await s.invitedCase(applicant, caseworker, 'frl-lifd');
    s.clock.travelTo('2027-03-01T10:00:00+01:00');
    expect((await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant })).status).toBe(201);
    const { guide } = await s.getApplication(applicant, caseId);
    expect(guide.form.fields.map((f: { key: string }) => f.key)).toContain('projectDescription');
    expect(guide.attachmentTypes.every((a: { stage: string }) => a.stage === 'application')).toBe(true);
  });
});
