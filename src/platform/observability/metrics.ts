import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics: one registry per application (tests run several in one process), the
 * default process metrics, HTTP requests and jobs. The `_count` series of each histogram is the request or job count.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template (never the raw URL) and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobs = new Histogram({
    name: 'foerderwerk_job_duration_seconds',
    help: 'Job runs by queue, job name and outcome (completed, failed), and how long they took',
    labelNames: ['queue', 'name', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** `route`: the route's pattern (`/api/v1/cases/:id`); requests no route matched share one label. */
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    this.http.observe({ method, route: route ?? 'unmatched', status: String(status) }, seconds);
  }
}

/**
 * The answer to GET /metrics: Prometheus text, or 401 when a METRICS_TOKEN is configured and the request's
 * bearer token is not it.
 */
export async function scrape(metrics: Metrics, token: string | undefined, authorization: string | undefined): Promise<{ status: number; contentType: string; body: string }> {
  if (token !== undefined && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
    const body = { code: 'METRICS_TOKEN_REQUIRED', message: 'The metrics require the bearer token METRICS_TOKEN.' };
    return { status: 401, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
  }
  return { status: 200, contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
