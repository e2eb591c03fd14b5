import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Metrics, scrape } from './metrics';

/**
 * Times every request by its route's pattern, and serves GET /metrics on the API port to holders of METRICS_TOKEN
 * (without a token configured, the API port has no /metrics: use METRICS_PORT).
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    metrics.observeRequest(req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  if (token === undefined) return;
  fastify.get('/metrics', async (req: FastifyRequest, reply: FastifyReply) => {
    const r = await scrape(metrics, token, req.headers.authorization);
    if (r.status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.code(r.status).header('content-type', r.contentType).send(r.body);
  });
}
