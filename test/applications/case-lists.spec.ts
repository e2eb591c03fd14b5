import { Clock } from '../../src/platform/clock';
import { TestApp } from '../support/test-app';

describe('case lists: filters, search, sort, pages, and who sees what', () => {
  let t: TestApp;
  let caseworker: string;
  let mittweidaToken: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00');
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('jury@sab.example', ['reviewer']);
    caseworker = await t.login('sb@sab.example');
    mittweidaToken = await t.login('antrag@mittweida.de');
    const leipzigToken = await t.login('antrag@leipzig.de');
    const stCall = (await t.request('GET', '/api/v1/calls')).body.find((c: { guidelineCode: string }) => c.guidelineCode === 'st-digital').callCode;

    const make = async (key: string, token: string, guideline: string, call: string, title: string, variant: string, ags: string) => {
      const d = (await t.request('POST', '/api/v1/concepts', { token, body: { guidelineCode: guideline, callCode: call } })).body;
      await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token, body: { version: 1, fields: { title }, variant, locationAgs: ags } });
      ids[key] = d.caseId;
    };
    await make('maker', mittweidaToken, 'frl-lifd', '2026-1', 'Makerspace Mittweida', 'stationary', '14522360');
    await make('bus', mittweidaToken, 'frl-lifd', '2026-1', 'Digitalbus Mittelsachsen', 'mobile', '14522360');
    await make('lab', leipzigToken, 'frl-lifd', '2026-1', 'Digital Lab Leipzig', 'stationary', '14713000');
    await make('ort', leipzigToken, 'st-digital', stCall, 'Digitaler Ort Halle', 'standard', '15002000');
    await t.db.query(`UPDATE cases SET state = 'concept_submitted', file_number = 'LIfD-2026-1-000042' WHERE id = $1`, [ids.lab]);
    await t.db.query(`UPDATE cases SET state = 'application_draft' WHERE id = $1`, [ids.bus]);
  });
  afterAll(() => t.close());

  const list = async (query: string, token = caseworker) => {
    const res = await t.request('GET', `/api/v1/cases${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

  it('lists everything for caseworkers, with district and organisation', async () => {
    const all = await list('');
    expect(all.total).toBe(4);
    expect(all.items.find((i: { id: string }) => i.id === ids.maker)).toMatchObject({
      title: 'Makerspace Mittweida',
      guidelineCode: 'frl-lifd',
      callCode: '2026-1',
      variant: 'stationary',
      district: '14522',
      organisationName: 'Stadt Mittweida',
      stage: 'concept',
    });
  });

  it('filters by guideline, call, state, stage, variant and district', async () => {
    expect(idsOf(await list('?guideline=st-digital'))).toEqual([ids.ort]);
    expect(idsOf(await list('?call=2026-1'))).toEqual([ids.maker, ids.bus, ids.lab].sort());
    expect(idsOf(await list('?state=concept_submitted'))).toEqual([ids.lab]);
    expect(idsOf(await list('?stage=application'))).toEqual([ids.bus]);
    expect(idsOf(await list('?variant=stationary'))).toEqual([ids.maker, ids.lab].sort());
    expect(idsOf(await list('?district=14522'))).toEqual([ids.maker, ids.bus].sort());
    expect(idsOf(await list('?district=14522&variant=mobile'))).toEqual([ids.bus]);
  });

  it('searches title and file number, taking % and _ literally', async () => {
    expect(idsOf(await list('?q=digital'))).toEqual([ids.bus, ids.lab, ids.ort].sort());
    expect(idsOf(await list('?q=000042'))).toEqual([ids.lab]);
    expect((await list('?q=%25')).total).toBe(0);
  });

  it('sorts by an allow-listed column and pages', async () => {
    const byTitle = await list('?sort=title&order=asc');
    expect(byTitle.items.map((i: { title: string }) => i.title)).toEqual(['Digital Lab Leipzig', 'Digitalbus Mittelsachsen', 'Digitaler Ort Halle', 'Makerspace Mittweida']);
    const page2 = await list('?sort=title&order=asc&page=2&pageSize=3');
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((i: { title: string }) => i.title)).toEqual(['Makerspace Mittweida']);
    const bad = await t.request('GET', '/api/v1/cases?sort=organisation_id;drop', { token: caseworker });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('sort');
    expect((await t.request('GET', '/api/v1/cases?pageSize=1000', { token: caseworker })).status).toBe(400);
  });

  it("shows applicants only their organisation's cases, and reviewers none", async () => {
    expect(idsOf(await list('', mittweidaToken))).toEqual([ids.maker, ids.bus].sort());
    expect(idsOf(await list('?q=Leipzig', mittweidaToken))).toEqual([]);
    const reviewer = await t.login('jury@sab.example');
    expect((await t.request('GET', '/api/v1/cases', { token: reviewer })).status).toBe(403);
  });
});
