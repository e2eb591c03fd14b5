import multipart from '@fastify/multipart';
import { DynamicModule, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './platform/config/app-config';
import { ERROR_DETAILS_DESCRIPTION } from './platform/errors/api-errors.decorator';
import { ErrorFilter } from './platform/errors/error.filter';
import { registerInputGuard } from './platform/http/input-guard';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { serveWebApp } from './platform/http/web-app';
import { documentUuidParams } from './platform/errors/uuid-params.openapi';
import { createValidationPipe } from './platform/errors/validation';
import { PAGE_PATHS } from './platform/pages/account-pages.controller';
import { Logger } from 'nestjs-pino';
import { registerRequestLogging, requestIdFrom, ROOT_LOGGER } from './platform/observability/logging';
import { registerHttpMetrics } from './platform/observability/metrics-http';
import { Metrics } from './platform/observability/metrics';
import { QueueBoard } from './platform/observability/queue-board';

/**
 * Builds the HTTP application (not yet listening): routes under /api/v1, one error format, OpenAPI, security headers.
 * `preview`: routes only, no provider is instantiated (nothing connects) — enough to write the OpenAPI document.
 */
export async function createApp(config: AppConfig, extra: DynamicModule['imports'] = [], opts: { preview?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false, // registerRequestLogging writes the request lines
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdFrom(req.headers['x-request-id']),
    bodyLimit: 1024 * 1024,
    // Only as many X-Forwarded-For entries as there are proxies of our own: more would let clients choose their address.
    trustProxy: config.trustProxyHops > 0 ? config.trustProxyHops : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extra), adapter, {
    bufferLogs: true,
    abortOnError: false,
    preview: opts.preview,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // A preview has no providers: nothing to log with, count or show on a dashboard.
  if (!opts.preview) {
    app.useLogger(app.get(Logger));
    app.flushLogs(); // Nest flushes at listen() only; tests and workers never listen
    registerRequestLogging(fastify, app.get(ROOT_LOGGER));
    registerHttpMetrics(fastify, app.get(Metrics), config.metricsToken);
  }
  // The browser UI loads only its own built scripts, styles and KERN fonts; KERN's icons are data: images.
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], fontSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"] } },
  });
  // One file per request; each attachment type's own (smaller) limit is enforced while reading.
  await app.register(multipart, { limits: { files: 1, fields: 5, fileSize: 64 * 1024 * 1024 } });
  // Deep JSON, NUL characters and unpaired surrogates are refused (400) before validation or the database see them.
  registerInputGuard(app.getHttpAdapter().getInstance());
  // After the security headers and the input guard, so that the dashboard's routes get their hooks too.
  if (!opts.preview) await app.get(QueueBoard).register(fastify);
  await serveWebApp(app, config.webDir);
  // Notices are verified by sending the PDF itself (POST /api/v1/notices/verify).
  // The body stays a stream: the handler hashes it chunk by chunk and stops reading past what a notice can be.
  app.getHttpAdapter().getInstance().addContentTypeParser('application/pdf', (_req: unknown, payload: unknown, done: (e: Error | null, b?: unknown) => void) => done(null, payload));
  // Pages outside the API prefix: behind mail links (the browser UI will take them over) and the one the URL printed on every notice opens.
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'verify', method: RequestMethod.GET },
      ...PAGE_PATHS.map((path) => ({ path, method: RequestMethod.ALL })),
    ],
  });
  // Answers that carry personal data or tokens must not be kept by browsers or shared caches: every request that
  // authenticates (bearer token, refresh cookie) and every answer of the auth routes (tokens in the body) or that sets a cookie.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
      const authenticated = !!req.headers.authorization || /(?:^|;\s*)fw_refresh=/.test(req.headers.cookie ?? '') || (req.url ?? '').startsWith('/api/v1/auth/') || reply.hasHeader('set-cookie');
      if (authenticated) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());

  // In production only when asked for (OPENAPI_UI=true): the document maps the whole attack surface.
  if (config.openApiUi) {
    SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  }
  return app;
}

/** The API's OpenAPI document: served at /api/docs-json and the source of the browser UI's client (npm run api:generate). */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const openApi = new DocumentBuilder()
    .setTitle('Förderwerk API')
    .setDescription(
      'Administration of public funding guidelines. Errors are always `{code, message, details}` with a stable `code` ' +
        '(listed per operation and status). Any operation answers 503 `SERVICE_UNAVAILABLE` with `Retry-After` (seconds) ' +
        'while the database or Redis cannot be reached. `details`: ' +
        ERROR_DETAILS_DESCRIPTION,
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return documentUuidParams(app, SwaggerModule.createDocument(app, openApi));
}
