import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Metrics, scrape } from './metrics';

/**
 * GET /metrics on METRICS_PORT, in the API and in the worker (which has no HTTP server of its own): a port
 * that a firewall keeps to the Prometheus network, with METRICS_TOKEN required too when it is set.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.metricsPort) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ code: 'NOT_FOUND', message: 'Only GET /metrics is served here.' }));
        return;
      }
      scrape(this.metrics, this.config.metricsToken, req.headers.authorization).then(
        (r) => res.writeHead(r.status, { 'content-type': r.contentType }).end(r.body),
        () => res.writeHead(503).end(),
      );
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.config.metricsPort, resolve));
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    const closed = new Promise((resolve) => this.server?.close(resolve));
    this.server.closeAllConnections(); // Prometheus keeps its connection alive
    await closed;
  }
}
