import { isDeepStrictEqual } from 'node:util';
import { paymentRun } from './payment-run';
import { pdf } from './pdf';
import { reports } from './reports';
import type { BenchContext, Row, Server } from './run';

// autocannon ships no types; the part used here is small
const autocannon: (opts: Record<string, unknown>) => Promise<{
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}> = require('autocannon');

export interface Figure {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  rss: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `connections` clients send requests back to back for `seconds`; RSS is the peak sampled meanwhile. */
async function load(
  server: Server,
  path: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<Load> {
  let rss = server.rss();
  const sampler = setInterval(() => (rss = Math.max(rss, server.rss())), 200);
  try {
    const r = await autocannon({
      url: `${server.url}${path}`,
      connections: opts.connections,
      duration: opts.seconds,
      headers: opts.headers ?? {},
    });
    if (r.non2xx || r.errors || r.timeouts) {
      throw new Error(`${server.url}${path}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodeStats)}), ${r.errors} errors, ${r.timeouts} timeouts`);
    }
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, rss };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * `clients` clients with requests of their own (autocannon keeps the built request on the shared request object, so
 * clients that must not mix their drafts each get an instance): req/s summed, p50 the median of the clients', p99
 * the worst client's.
 */
async function loadClients(server: Server, clients: number, seconds: number, requestsOf: (k: number) => Record<string, unknown>[]): Promise<Load> {
  let rss = server.rss();
  const sampler = setInterval(() => (rss = Math.max(rss, server.rss())), 200);
  try {
    const runs = await Promise.all(
      Array.from({ length: clients }, (_, k) => autocannon({ url: server.url, connections: 1, duration: seconds, requests: requestsOf(k) })),
    );
    const failed = runs.find((r) => r.non2xx || r.errors || r.timeouts);
    if (failed) throw new Error(`${server.url}: ${failed.non2xx} non-2xx (${JSON.stringify(failed.statusCodeStats)}), ${failed.errors} errors, ${failed.timeouts} timeouts`);
    return { rps: runs.reduce((a, r) => a + r.requests.average, 0), p50: median(runs.map((r) => r.latency.p50)), p99: Math.max(...runs.map((r) => r.latency.p99)), rss };
  } finally {
    clearInterval(sampler);
  }
}

const show = (l: Load) => `${Math.round(l.rps)} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, RSS ${l.rss} MB`;

/** Medians over the rounds of each side's figures, and of the per-round ratios app/bare (throughput). */
function summarise(app: Load[], bare: Load[]) {
  const m = (ls: Load[]): Load => ({ rps: median(ls.map((l) => l.rps)), p50: median(ls.map((l) => l.p50)), p99: median(ls.map((l) => l.p99)), rss: Math.max(...ls.map((l) => l.rss)) });
  return { app: m(app), bare: m(bare), ratio: median(app.map((a, i) => a.rps / bare[i].rps)) };
}

async function json(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

const CASE_LISTS: [string, string][] = [
  ['no filter', '/api/v1/cases?pageSize=50'],
  ['by state', '/api/v1/cases?pageSize=50&state=concept_in_review'],
  ['by district', '/api/v1/cases?pageSize=50&district=14522'],
  ['q text search', '/api/v1/cases?pageSize=50&q=Mittweida'],
];

const caseList: Figure = {
  name: 'case-list',
  title: 'case list, 50 per page, 32 connections, 100,000 cases; start to healthy and resident memory',
  async run(ctx) {
    // one start is noisy: the median of five (the last one stays up for the load)
    const starts: number[] = [];
    let service = new ctx.Service(ctx.env);
    for (let i = 0; i < 5; i++) {
      if (i) await service.stop();
      service = new ctx.Service(ctx.env);
      await service.start();
      starts.push(service.startMs);
    }
    const startMs = median(starts);
    const bare = await ctx.startBare(ctx.bench.barePort);
    try {
      const app = service.server();
      await new Promise((r) => setTimeout(r, 2000));
      const idleRss = app.rss();
      const headers = { authorization: `Bearer ${await service.login()}` };
      const rows: Row[] = [];
      let peakRss = 0;
      for (const [label, path] of CASE_LISTS) {
        // both sides answer the same JSON, or the comparison means nothing
        if (!isDeepStrictEqual(await json(`${app.url}${path}`, headers), await json(`${bare.url}${path}`))) throw new Error(`${path}: app and bare answer differently`);
        await load(app, path, { connections: 32, seconds: 2, headers }); // warm-up
        await load(bare, path, { connections: 32, seconds: 2 });
        const a: Load[] = [];
        const b: Load[] = [];
        for (let i = 0; i < ctx.bench.rounds; i++) {
          const appRun = () => load(app, path, { connections: 32, seconds: ctx.bench.seconds, headers }).then((l) => a.push(l));
          const bareRun = () => load(bare, path, { connections: 32, seconds: ctx.bench.seconds }).then((l) => b.push(l));
          if (i % 2) await bareRun().then(appRun);
          else await appRun().then(bareRun);
        }
        const s = summarise(a, b);
        peakRss = Math.max(peakRss, s.app.rss);
        rows.push({
          figure: `case list, ${label}`,
          app: show(s.app),
          bare: show(s.bare),
          ratio: s.ratio.toFixed(2),
          goal: 'p99 ≤ 50 ms; app/bare ≥ 0.6',
          met: s.app.p99 <= 50 && s.ratio >= 0.6,
        });
      }
      rows.push({ figure: 'start to healthy (API process), median of 5', app: `${Math.round(startMs)} ms (${starts.map(Math.round).join(', ')})`, bare: '', ratio: '', goal: '≤ 1500 ms', met: startMs <= 1500 });
      rows.push({ figure: 'resident memory idle / under the list load', app: `${idleRss} MB / ${peakRss} MB`, bare: `${bare.rss()} MB`, ratio: '', goal: '≤ 200 MB', met: Math.max(idleRss, peakRss) <= 200 });
      return rows;
    } finally {
      await bare.stop();
      await service.stop();
    }
  },
};

/** Median and worst of `n` requests sent one after another (the first, warming up, not counted). */
async function timed(n: number, send: () => Promise<Response>): Promise<{ median: number; max: number }> {
  const ms: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t0 = performance.now();
    const res = await send();
    if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    if (i) ms.push(performance.now() - t0);
  }
  return { median: median(ms), max: Math.max(...ms) };
}

const ranking: Figure = {
  name: 'ranking',
  title: 'ranking of a call with 5,000 concepts × 3 reviews; jury outcome for a whole ranking of 500 concepts',
  async run(ctx) {
    const service = new ctx.Service(ctx.env);
    await service.start();
    try {
      const headers = { authorization: `Bearer ${await service.login()}` };
      const url = `${service.url}/api/v1/guidelines/frl-lifd/calls/bench-ranking/ranking`;
      const r = await timed(5 * ctx.bench.rounds, () => fetch(url, { headers }));
      const outcome: number[] = [];
      for (let i = 0; i < ctx.bench.rounds; i++) {
        const call = `bench-jury-${process.pid}-${i}`;
        const query = (sql: string, params?: unknown[]) => ctx.withDb((c) => c.query(sql, params).then((x) => x.rows));
        await ctx.seedJuryCall(query, { guidelineCode: 'frl-lifd', callCode: call, concepts: 500, reviewsEach: 3, reviewers: 60, passwordHash: '' });
        await ctx.withDb((c) => c.query('ANALYZE'));
        try {
          const t0 = performance.now();
          const res = await fetch(`${service.url}/api/v1/guidelines/frl-lifd/calls/${call}/jury-outcome`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ rejectAllOthersWithReason: 'Nicht im Rahmen der verfügbaren Mittel.' }),
          });
          const body = (await res.json()) as { results?: unknown[] };
          if (!res.ok || body.results?.length !== 500) throw new Error(`jury outcome: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          outcome.push(performance.now() - t0);
        } finally {
          await ctx.dropCall(query, 'frl-lifd', call);
        }
      }
      const jury = median(outcome);
      return [
        { figure: 'ranking, 5,000 concepts × 3 reviews', app: `median ${Math.round(r.median)} ms, max ${Math.round(r.max)} ms`, bare: '', ratio: '', goal: '≤ 200 ms', met: r.median <= 200 },
        { figure: 'jury outcome, whole ranking of 500 concepts', app: `median ${Math.round(jury)} ms, max ${Math.round(Math.max(...outcome))} ms`, bare: '', ratio: '', goal: '≤ 2 s', met: jury <= 2000 },
      ];
    } finally {
      await service.stop();
    }
  },
};

/** Alternating rounds of app and bare; each `run` gets the side and answers its load. */
async function rounds(ctx: BenchContext, run: (side: 'app' | 'bare') => Promise<Load>) {
  await run('app'); // warm-up
  await run('bare');
  const a: Load[] = [];
  const b: Load[] = [];
  for (let i = 0; i < ctx.bench.rounds; i++) {
    for (const side of i % 2 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)) (side === 'app' ? a : b).push(await run(side));
  }
  return summarise(a, b);
}

const saves: Figure = {
  name: 'saves',
  title: 'concept save and create, 32 clients (each its own applicant and draft)',
  async run(ctx) {
    const service = new ctx.Service(ctx.env);
    await service.start();
    const bare = await ctx.startBare(ctx.bench.barePort);
    const started = new Date();
    const query = (sql: string, params?: unknown[]) => ctx.withDb((c) => c.query(sql, params).then((x) => x.rows));
    try {
      const drafts: { case_id: string; email: string; organisation_id: string; user_id: string }[] = await query(
        `SELECT DISTINCT ON (c.organisation_id) c.id AS case_id, u.email, c.organisation_id, u.id AS user_id
           FROM cases c JOIN users u ON u.organisation_id = c.organisation_id
          WHERE c.state = 'concept_draft' AND c.guideline_code = 'frl-lifd' ORDER BY c.organisation_id, c.id LIMIT 32`,
      );
      const tokens = await Promise.all(drafts.map((d) => service.login(d.email)));
      const app = service.server();
      // the last saves of a round may still be committing when autocannon stops: let them land, then read the versions
      const versions = async () => new Promise((r) => setTimeout(r, 1000)).then(async () => new Map((await query(`SELECT case_id, version FROM proposals WHERE stage = 'concept' AND case_id = ANY($1)`, [drafts.map((d) => d.case_id)])).map((r) => [r.case_id, r.version])));
      // client k saves draft k, sending the version its last save answered; it creates concepts as applicant k
      const auth = (side: 'app' | 'bare', k: number) => ({ 'content-type': 'application/json', ...(side === 'app' ? { authorization: `Bearer ${tokens[k]}` } : {}) });
      const saveRequests = (side: 'app' | 'bare', version: Map<string, number>) => (k: number) => [
        {
          method: 'PUT',
          path: `/api/v1/cases/${drafts[k].case_id}/concept`,
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            headers: auth(side, k),
            body: JSON.stringify({ version: version.get(drafts[k].case_id), fields: { summary: `Ein Ort für digitale Teilhabe, Stand ${version.get(drafts[k].case_id)}.` } }),
          }),
          onResponse: (status: number, body: string) => {
            if (status === 200) version.set(drafts[k].case_id, JSON.parse(body).version);
          },
        },
      ];
      const createRequests = (side: 'app' | 'bare') => (k: number) => [
        {
          method: 'POST',
          path: '/api/v1/concepts',
          headers: auth(side, k),
          body: JSON.stringify({ guidelineCode: 'frl-lifd', callCode: '2026-1', ...(side === 'bare' ? { organisationId: drafts[k].organisation_id, userId: drafts[k].user_id } : {}) }),
        },
      ];
      const server = (side: 'app' | 'bare') => (side === 'app' ? app : bare);
      const save = await rounds(ctx, async (side) => loadClients(server(side), 32, ctx.bench.seconds, saveRequests(side, await versions())));
      const create = await rounds(ctx, (side) => loadClients(server(side), 32, ctx.bench.seconds, createRequests(side)));
      return [
        { figure: 'concept save, 32 clients', app: show(save.app), bare: show(save.bare), ratio: save.ratio.toFixed(2), goal: 'app/bare ≥ 0.5', met: save.ratio >= 0.5 },
        { figure: 'concept create, 32 clients', app: show(create.app), bare: show(create.bare), ratio: create.ratio.toFixed(2), goal: 'app/bare ≥ 0.5', met: create.ratio >= 0.5 },
      ];
    } finally {
      await bare.stop();
      await service.stop();
      // the concepts created here would change the list figures of the next run
      await ctx.dropCases(query, `SELECT id FROM cases WHERE created_at >= $1 AND call_code = '2026-1' AND title = ''`, [started]);
      // and their dead rows, left in the list's indexes, cut its throughput to a quarter until vacuumed
      await query('VACUUM ANALYZE cases, proposals');
    }
  },
};

export const FIGURES: Figure[] = [caseList, saves, ranking, pdf, paymentRun, reports];
