import { Metrics, scrape } from './metrics';

describe('metrics', () => {
  it('answers Prometheus text only to the bearer of METRICS_TOKEN when one is set', async () => {
    const metrics = new Metrics();
    const token = 'k'.repeat(32);
    for (const auth of [undefined, '', `Bearer ${token}x`, token, `bearer ${'j'.repeat(32)}`]) {
      const r = await scrape(metrics, token, auth);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).code).toBe('METRICS_TOKEN_REQUIRED');
    }
    expect((await scrape(metrics, token, `Bearer ${token}`)).status).toBe(200);
    expect((await scrape(metrics, undefined, undefined)).status).toBe(200);
  });

  it('labels requests by route pattern, and those no route matched alike', async () => {
    const metrics = new Metrics();
    metrics.observeRequest('GET', '/api/v1/cases/:id', 404, 0.01);
    metrics.observeRequest('GET', undefined, 404, 0.01);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/cases\/:id",status="404"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
