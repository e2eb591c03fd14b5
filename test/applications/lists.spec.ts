import { Clock } from '../../src/platform/clock';
import { TestApp } from '../support/test-app';
import { Steps } from './fixtures';

interface Item {
  id: string;
  fileNumber: string | null;
  title: string;
  state: string;
  stage: string;
  guidelineCode: string;
  callCode: string;
  variant: string | null;
  locationAgs: string | null;
  district: string | null;
  organisationId: string;
  organisationName: string;
  grantCents: number | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Issue #3, lists: seven cases of three municipalities under both guidelines.
 *
 *   key  organisation  guideline   variant     location         state
 *   M1   Mittweida     frl-lifd    stationary  14522360         concept_submitted
 *   M2   Mittweida     frl-lifd    mobile      14522180 (Freiberg, same district)  concept_draft
 *   M3   Mittweida     st-digital  standard    15087205         concept_in_review
 *   L1   Leipzig       frl-lifd    stationary  14713000         application_draft
 *   L2   Leipzig       frl-lifd    mobile      14713000         withdrawn
 *   D1   Dresden       frl-lifd    stationary  14612000         concept_in_review (the last case changed)
 *   D2   Dresden       st-digital  standard    14612000         concept_draft
 */
describe('case lists: filters, search, sorting, pages, and who sees what', () => {
  let t: TestApp;
  let s: Steps;
  let clock: Clock;
  let caseworker: string;
  const token: Record<'M' | 'L' | 'D', string> = { M: '', L: '', D: '' };
  const org: Record<'M' | 'L' | 'D', string> = { M: '', L: '', D: '' };
  const id: Record<string, string> = {};
  const title: Record<string, string> = {};
  const fileNumber: Record<string, string> = {};

  const list = async (query = '', as = caseworker) => {
    const res = await t.request<{ items: Item[]; total: number; page: number; pageSize: number }>('GET', `/api/v1/cases${query ? `?${query}` : ''}`, { token: as });
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body;
  };
  /** The keys (M1, L2, …) of the listed cases, sorted. */
  const keysOf = (items: Item[]) => items.map((i) => Object.keys(id).find((k) => id[k] === i.id) ?? i.id).sort();
  const found = async (query: string, as = caseworker) => {
    const body = await list(query, as);
    expect(body.total).toBe(body.items.length);
    return keysOf(body.items);
  };

  async function concept(key: string, who: 'M' | 'L' | 'D', guideline: 'frl-lifd' | 'st-digital', name: string, plan: Record<string, unknown>): Promise<string> {
    const caseId = guideline === 'frl-lifd' ? await s.completeLifdConcept(token[who], { title: name }, plan) : await s.completeStConcept(token[who], { title: name }, plan);
    id[key] = caseId;
    title[key] = name;
    return caseId;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    clock = t.app.get(Clock);
    org.M = await t.createOrganisation('Stadt Mittweida', '14522360');
    org.L = await t.createOrganisation('Stadt Leipzig', '14713000');
    org.D = await t.createOrganisation('Landeshauptstadt Dresden', '14612000');
    await t.createUser('antrag@mittweida.de', ['applicant'], org.M);
    await t.createUser('antrag@leipzig.de', ['applicant'], org.L);
    await t.createUser('antrag@dresden.de', ['applicant'], org.D);
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    await t.createUser('jury@sab.example', ['reviewer']);
    token.M = await t.login('antrag@mittweida.de');
    token.L = await t.login('antrag@leipzig.de');
    token.D = await t.login('antrag@dresden.de');
    caseworker = await t.login('sachbearbeitung@sab.example');

    clock.travelTo('2026-12-01T10:00:00+01:00'); // both calls open
    const mobile = (ags: string) => ({ variant: 'mobile', locationAgs: ags });
    await concept('M1', 'M', 'frl-lifd', 'Makerspace Mittweida', {});
    await concept('M2', 'M', 'frl-lifd', 'Mobiles Labor Mittelsachsen', mobile('14522180'));
    // Digitale Orte ST admits applicants from Saxony-Anhalt only (issue 8): M3 and D2 stand for cases filed before
    // that rule, so the two Saxon organisations' AGS is set aside while those cases are created and submitted
    await t.db.query(`UPDATE organisations SET ags = NULL WHERE id = ANY($1)`, [[org.M, org.D]]);
    await concept('M3', 'M', 'st-digital', 'Digitaler Ort Hettstedt', {});
    await concept('L1', 'L', 'frl-lifd', 'Digitalwerkstatt Leipzig', { locationAgs: '14713000' });
    await concept('L2', 'L', 'frl-lifd', 'Coworking Leipzig-Grünau', mobile('14713000'));
    await concept('D1', 'D', 'frl-lifd', 'InnovationsHub Dresden', { locationAgs: '14612000' });
    await concept('D2', 'D', 'st-digital', 'Digitaler Ort Dresden-Neustadt', { locationAgs: '14612000' });

    for (const [key, who] of [['M1', 'M'], ['M3', 'M'], ['L1', 'L'], ['L2', 'L'], ['D1', 'D']] as const) {
      fileNumber[key] = (await s.submitConcept(token[who], id[key])).fileNumber;
    }
    await t.db.query(`UPDATE organisations SET ags = CASE id WHEN $1 THEN '14522360' ELSE '14612000' END WHERE id = ANY($2)`, [org.M, [org.M, org.D]]);
    await t.db.query(`UPDATE cases SET state = 'invited' WHERE id = $1`, [id.L1]);
    clock.travelTo('2027-03-01T10:00:00+01:00');
    expect([200, 201]).toContain((await t.request('POST', `/api/v1/cases/${id.L1}/application`, { token: token.L })).status);
    expect((await t.request('POST', `/api/v1/cases/${id.L2}/withdraw`, { token: token.L, body: {} })).status).toBe(200);
    expect((await s.transition(caseworker, id.D1, 'accept_concept')).status).toBe(200);
  });
  afterAll(() => t.close());

  it('lists every case for the caseworker with its key data', async () => {
    const body = await list();
    expect(body).toMatchObject({ total: 7, page: 1, pageSize: expect.any(Number) });
    expect(keysOf(body.items)).toEqual(['D1', 'D2', 'L1', 'L2', 'M1', 'M2', 'M3']);
    const m1 = body.items.find((i) => i.id === id.M1)!;
    expect(m1).toEqual({
      id: id.M1,
      fileNumber: fileNumber.M1,
      title: 'Makerspace Mittweida',
      state: 'concept_submitted',
      stateLabel: 'Projektskizze eingereicht (formale Prüfung)',
      stage: 'concept',
      guidelineCode: 'frl-lifd',
      callCode: '2026-1',
      variant: 'stationary',
      locationAgs: '14522360',
      district: '14522',
      organisationId: org.M,
      organisationName: 'Stadt Mittweida',
      grantCents: 11_000_000,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(body.items.find((i) => i.id === id.L1)).toMatchObject({ state: 'application_draft', stage: 'application', district: '14713', organisationName: 'Stadt Leipzig' });
    expect(body.items.find((i) => i.id === id.M3)).toMatchObject({ guidelineCode: 'st-digital', callCode: '2026', variant: 'standard', district: '15087', grantCents: 1_800_000 });
    expect(body.items.find((i) => i.id === id.M2)).toMatchObject({ fileNumber: null, state: 'concept_draft' });
  });

  it('answers the instants as toISOString() writes them: UTC, milliseconds', async () => {
    // read back as text from PostgreSQL: an afternoon hour, microseconds to drop, a date before the change to summer time
    const [before] = await t.db.query(`SELECT created_at, updated_at FROM cases WHERE id = $1`, [id.M3]);
    await t.db.query(`UPDATE cases SET created_at = '2026-03-28 23:59:58.999999+00', updated_at = '2026-11-05 17:04:05.678912+01' WHERE id = $1`, [id.M3]);
    try {
      for (const query of ['', 'q=Digital']) {
        const m3 = (await list(query)).items.find((i) => i.id === id.M3)!;
        expect({ query, createdAt: m3.createdAt, updatedAt: m3.updatedAt }).toEqual({ query, createdAt: '2026-03-28T23:59:58.999Z', updatedAt: '2026-11-05T16:04:05.678Z' });
      }
    } finally {
      await t.db.query(`UPDATE cases SET created_at = $2, updated_at = $3 WHERE id = $1`, [id.M3, before.created_at, before.updated_at]);
    }
  });

  it('filters by guideline, call, stage, state, variant and district, each narrowing correctly', async () => {
    expect(await found('guideline=st-digital')).toEqual(['D2', 'M3']);
    expect(await found('guideline=frl-lifd')).toEqual(['D1', 'L1', 'L2', 'M1', 'M2']);
    expect(await found('call=2026')).toEqual(['D2', 'M3']);
    expect(await found('call=2026-1')).toEqual(['D1', 'L1', 'L2', 'M1', 'M2']);
    expect(await found('call=2024-1')).toEqual([]);
    expect(await found('stage=concept')).toEqual(['D1', 'D2', 'M1', 'M2', 'M3']);
    expect(await found('stage=application')).toEqual(['L1']);
    expect(await found('stage=closed')).toEqual(['L2']);
    expect(await found('state=concept_in_review')).toEqual(['D1', 'M3']);
    expect(await found('state=concept_draft')).toEqual(['D2', 'M2']);
    expect(await found('state=withdrawn')).toEqual(['L2']);
    expect(await found('variant=mobile')).toEqual(['L2', 'M2']);
    expect(await found('variant=standard')).toEqual(['D2', 'M3']);
    expect(await found('district=14522')).toEqual(['M1', 'M2']);
    expect(await found('district=14713')).toEqual(['L1', 'L2']);
    expect(await found('district=14612')).toEqual(['D1', 'D2']);
    expect(await found('district=15087')).toEqual(['M3']);
    expect(await found('district=14511')).toEqual([]);
    // filters combine
    expect(await found('guideline=frl-lifd&district=14522&variant=stationary')).toEqual(['M1']);
    expect(await found('guideline=frl-lifd&stage=concept&state=concept_in_review')).toEqual(['D1']);
    // malformed filters
    expect((await t.request('GET', '/api/v1/cases?district=145', { token: caseworker })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/cases?stage=limbo', { token: caseworker })).status).toBe(400);
  });

  it('searches title and file number', async () => {
    expect(await found('q=werkstatt')).toEqual(['L1']);
    expect(await found(`q=${encodeURIComponent('Leipzig')}`)).toEqual(['L1', 'L2']);
    expect(await found('q=leipzig')).toEqual(['L1', 'L2']);
    expect(await found(`q=${encodeURIComponent(fileNumber.D1)}`)).toEqual(['D1']);
    expect(await found(`q=${encodeURIComponent(fileNumber.M3.slice(0, 10))}`)).toEqual(['M3']); // "DOST-2026-"
    expect(await found('q=LIfD-2026-1-')).toEqual(['D1', 'L1', 'L2', 'M1']);
    // wildcards are taken literally
    expect(await found(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await found(`q=${encodeURIComponent('Digitaler_Ort')}`)).toEqual([]);
    expect(await found(`q=${encodeURIComponent("'; DROP TABLE cases; --")}`)).toEqual([]);
    expect(await found('q=Hettstedt&guideline=frl-lifd')).toEqual([]);
  });

  it('sorts by an allow-listed column in either order and refuses any other', async () => {
    const titles = (items: Item[]) => items.map((i) => i.title);
    const byTitle = ['Coworking Leipzig-Grünau', 'Digitaler Ort Dresden-Neustadt', 'Digitaler Ort Hettstedt', 'Digitalwerkstatt Leipzig', 'InnovationsHub Dresden', 'Makerspace Mittweida', 'Mobiles Labor Mittelsachsen'];
    expect(titles((await list('sort=title&order=asc')).items)).toEqual(byTitle);
    expect(titles((await list('sort=title&order=desc')).items)).toEqual([...byTitle].reverse());

    const created = (await list('sort=createdAt&order=asc')).items;
    expect(created.map((i) => i.id)).toEqual(['M1', 'M2', 'M3', 'L1', 'L2', 'D1', 'D2'].map((k) => id[k]));
    expect((await list('sort=createdAt&order=desc')).items.map((i) => i.id)).toEqual(created.map((i) => i.id).reverse());
    // newest first unless told otherwise
    expect((await list()).items[0].id).toBe(id.D2);

    // D1 was changed last (accepted in the formal check)
    expect((await list('sort=updatedAt&order=desc')).items[0].id).toBe(id.D1);
    const updated = (await list('sort=updatedAt&order=asc')).items.map((i) => Date.parse(i.updatedAt));
    expect(updated).toEqual([...updated].sort((a, b) => a - b));

    const numbered = (await list('sort=fileNumber&order=asc')).items.map((i) => i.fileNumber).filter((n): n is string => n !== null);
    expect(numbered).toEqual([...numbered].sort());
    expect(numbered).toHaveLength(5);
    const numberedDesc = (await list('sort=fileNumber&order=desc')).items.map((i) => i.fileNumber).filter((n): n is string => n !== null);
    expect(numberedDesc).toEqual([...numbered].reverse());

    const states = (await list('sort=state&order=asc')).items.map((i) => i.state);
    expect(states).toEqual([...states].sort());

    for (const query of ['sort=organisation_id', 'sort=title;DROP TABLE cases', 'sort=grantCents', 'order=sideways', 'pageSize=101', 'pageSize=0', 'page=0']) {
      const res = await t.request('GET', `/api/v1/cases?${query}`, { token: caseworker });
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('pages with a total count', async () => {
    const all = (await list('sort=title&order=asc&pageSize=100')).items.map((i) => i.id);
    const pages = [];
    for (const page of [1, 2, 3]) {
      const body = await list(`sort=title&order=asc&pageSize=3&page=${page}`);
      expect(body).toMatchObject({ total: 7, page, pageSize: 3 });
      pages.push(...body.items.map((i) => i.id));
      expect(body.items).toHaveLength(page < 3 ? 3 : 1);
    }
    expect(pages).toEqual(all);
    const beyond = await list('sort=title&order=asc&pageSize=3&page=4');
    expect(beyond).toMatchObject({ total: 7, items: [] });
    // the total counts what the filter lets through, not the page
    expect(await list('guideline=frl-lifd&pageSize=2')).toMatchObject({ total: 5, pageSize: 2, items: [expect.anything(), expect.anything()] });
  });

  it("shows applicants only their organisation's cases, whatever they ask for; reviewers none", async () => {
    const mittweida = await list('', token.M);
    expect(mittweida.total).toBe(3);
    expect(keysOf(mittweida.items)).toEqual(['M1', 'M2', 'M3']);
    expect(mittweida.items.every((i) => i.organisationId === org.M)).toBe(true);
    expect(await found('', token.L)).toEqual(['L1', 'L2']);
    expect(await found('', token.D)).toEqual(['D1', 'D2']);
    // filters and search do not reach beyond the organisation
    expect(await found('district=14713', token.M)).toEqual([]);
    expect(await found('q=Leipzig', token.M)).toEqual([]);
    expect(await found(`q=${encodeURIComponent(fileNumber.D1)}`, token.M)).toEqual([]);
    expect(await found('guideline=st-digital', token.M)).toEqual(['M3']);
    expect(await list('pageSize=1&page=3', token.M)).toMatchObject({ total: 3, items: [expect.objectContaining({ organisationId: org.M })] });
    const sneaky = await t.request('GET', `/api/v1/cases?organisationId=${org.L}`, { token: token.M });
    if (sneaky.status === 200) expect(sneaky.body.items.every((i: Item) => i.organisationId === org.M)).toBe(true);
    else expect(sneaky.status).toBe(400);

    const jury = await t.request('GET', '/api/v1/cases', { token: await t.login('jury@sab.example') });
    expect(jury.status).toBe(403);
    expect(jury.body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.request('GET', '/api/v1/cases')).status).toBe(401);
  });
});
