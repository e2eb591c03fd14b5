import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PAGE_PATHS } from '../pages/account-pages.controller';

/** Paths the browser UI never answers with its index.html: the API, operations and missing built files. */
const SERVER_PATHS = /^\/(?:health|(?:api|assets|verify|metrics|admin)(?:[/?]|$))/;

/**
 * The mail-link pages (/invitation, /password-reset): with a build the browser UI answers them (its own pages at the
 * same paths, so links in mails already sent keep working); the server-rendered pages remain for API-only installs
 * and for a browser without JavaScript posting their forms.
 */
const MAIL_LINK_PAGES = new RegExp(`^/(?:${PAGE_PATHS.join('|')})(?:\\?|$)`);

/**
 * Serves the browser UI (web/dist, built by Vite) under / on the API's own origin: its files, and for any other
 * GET that asks for HTML its index.html, so the client-side routes (/aufgaben, /faelle/…) survive a reload.
 * Without a build (API-only tests, `nest build` alone) the API runs without it.
 */
export async function serveWebApp(app: NestFastifyApplication, webDir: string): Promise<void> {
  const indexFile = path.join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('WebApp').warn(`no browser UI at ${webDir} (npm run build:web builds it); serving the API only`);
    return;
  }
  const index = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false, // one route per built file; everything else falls through to the routes below
    index: false,
    decorateReply: false, // the OpenAPI UI registers the plugin too
    // File names under assets/ carry their content hash: they never change.
    setHeaders: (res, file) => res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const fallback = (req: FastifyRequest, reply: FastifyReply) => {
    if (SERVER_PATHS.test(req.url) || !(req.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  };
  // before the route handler of the server-rendered page runs, after the security headers are set (onRequest)
  app.getHttpAdapter().getInstance().addHook('preHandler', (req, reply, done) => {
    if (req.method !== 'GET' || !MAIL_LINK_PAGES.test(req.url) || !(req.headers.accept ?? '').includes('text/html')) return done();
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(index);
  });
  app.getHttpAdapter().getInstance().get('/', fallback);
  app.getHttpAdapter().getInstance().get('/*', fallback);
}
