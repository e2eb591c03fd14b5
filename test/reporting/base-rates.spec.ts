import { TestApp } from '../support/test-app';

describe('base rates (Basiszinssatz) as dated, audited records', () => {
  let t: TestApp;
  let admin: string;
  let caseworker: string;
  let applicant: string;
  let reviewer: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('admin@sab.example', ['admin']);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    await t.createUser('jury@sab.example', ['reviewer']);
    [admin, caseworker, applicant, reviewer] = await Promise.all(['admin@sab.example', 'sb@sab.example', 'antrag@mittweida.de', 'jury@sab.example'].map((e) => t.login(e)));
  });
  afterAll(() => t.close());

  it('starts with the published values from config/base-rates.yaml, loaded where missing', async () => {
    const res = await t.request('GET', '/api/v1/base-rates', { token: caseworker });
    expect(res.status).toBe(200);
    expect(res.body.rates.map((r: any) => [r.validFrom, r.rateBp])).toEqual([
      ['2023-01-01', 162],
      ['2023-07-01', 312],
      ['2024-01-01', 362],
      ['2024-07-01', 337],
      ['2025-01-01', 227],
      ['2025-07-01', 127],
      ['2026-01-01', 127],
    ]);
    expect(res.body.rates[0]).toMatchObject({ enteredBy: null, source: expect.stringContaining('Bundesbank') });
    expect(res.body.knownUntil).toBe('2026-07-01');
  });

  it('an admin enters the next half-year with its source; it is audited and extends what interest can be counted for', async () => {
    const entered = await t.request('POST', '/api/v1/base-rates', {
      token: admin,
      body: { validFrom: '2026-07-01', rateBp: 115, source: 'Deutsche Bundesbank, Bekanntgabe des Basiszinssatzes zum 1. Juli 2026' },
    });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({ validFrom: '2026-07-01', rateBp: 115, enteredBy: expect.any(String) });
    expect((await t.request('GET', '/api/v1/base-rates', { token: admin })).body.knownUntil).toBe('2027-01-01');
    const [audit] = await t.db.query(`SELECT actor_id, entity_id, data FROM audit_entries WHERE action = 'base_rate.entered'`);
    expect(audit).toMatchObject({ entity_id: '2026-07-01', data: { rateBp: 115 } });
  });

  it('refuses a second value for a date, a gap, a date that is not 1 January or 1 July, and a missing source — changing nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM base_rates`);
    const again = await t.request('POST', '/api/v1/base-rates', { token: admin, body: { validFrom: '2026-07-01', rateBp: 200, source: 'Tippfehler korrigieren bitte' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('BASE_RATE_EXISTS');
    const gap = await t.request('POST', '/api/v1/base-rates', { token: admin, body: { validFrom: '2027-07-01', rateBp: 100, source: 'Deutsche Bundesbank, 2027' } });
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ code: 'BASE_RATE_OUT_OF_ORDER', details: { expected: '2027-01-01' } });
    const odd = await t.request('POST', '/api/v1/base-rates', { token: admin, body: { validFrom: '2027-03-01', rateBp: 100, source: 'Deutsche Bundesbank, 2027' } });
    expect(odd.status).toBe(400);
    const noSource = await t.request('POST', '/api/v1/base-rates', { token: admin, body: { validFrom: '2027-01-01', rateBp: 100 } });
    expect(noSource.status).toBe(400);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM base_rates`)).toEqual(before);
  });

  it('only an admin enters; applicants and reviewers do not read them', async () => {
    const body = { validFrom: '2027-01-01', rateBp: 100, source: 'Deutsche Bundesbank, 2027' };
    expect((await t.request('POST', '/api/v1/base-rates', { token: caseworker, body })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/base-rates', { token: applicant, body })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/base-rates', { token: applicant })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/base-rates', { token: reviewer })).status).toBe(403);
  });
});
