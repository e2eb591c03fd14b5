import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { storage, Store } from 'nestjs-pino/storage';
import pino, { DestinationStream, Logger as PinoRoot } from 'pino';
import { pinoHttp } from 'pino-http';

/** The process's one pino logger (HTTP lines, Nest logs, job lines), JSON to stdout unless a LOG_DESTINATION is provided. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
/** Optional provider of a pino destination stream; tests use it to read the log lines. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/** A client's X-Request-Id is kept only when it cannot forge log lines or bloat them. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request id of a request: the client's well-formed X-Request-Id, or a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** The request id of the request or job being handled (the reqId binding of nestjs-pino's per-context logger). */
export function currentRequestId(): string | undefined {
  const id = storage.getStore()?.logger.bindings().reqId;
  return typeof id === 'string' ? id : undefined;
}

const LEVELS: Record<string, pino.LevelWithSilent> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace', silent: 'silent' };

/** Keys whose values are secrets or personal data wherever they show up in a logged object (one or two levels deep). */
const SECRET_KEYS = ['password', 'currentPassword', 'newPassword', 'token', 'accessToken', 'refreshToken', 'resetToken', 'invitationToken', 'totp', 'secret', 'email', 'to'];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
];

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g;

/** Messages are written by code all over the service (`mail to ${to} …`): e-mail addresses in them are masked. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '[e-mail]');
}

export function createRootLogger(logLevel: string, destination?: DestinationStream): PinoRoot {
  const options: pino.LoggerOptions = {
    level: LEVELS[logLevel] ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      err: (e: Error) => {
        const out = pino.stdSerializers.err(e);
        return { ...out, message: maskEmails(out.message ?? ''), stack: maskEmails(out.stack ?? '') };
      },
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskEmails(a) : a)) as Parameters<pino.LogFn>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * pino-http on every request, Nest's routes and the others (queue dashboard, metrics, API docs): one line per
 * request with the route's path (no query string: mail links carry tokens there), and nestjs-pino's per-request
 * context with a logger that binds only the request id, so every log line of the request carries it. The answer
 * carries the id in X-Request-Id.
 * (nestjs-pino's own middleware would cover only the routes Nest knows, under the global prefix.)
 */
export function registerRequestLogging(fastify: FastifyInstance, root: PinoRoot): void {
  const log = pinoHttp({
    logger: root,
    quietReqLogger: true,
    genReqId: (req) => (req as { id: string }).id, // Fastify's, set below
    // Probes and scrapes come every few seconds: a line each would bury the requests of people.
    autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? '') },
    serializers: {
      req: (req: { id: string; method: string; url?: string; headers: Record<string, unknown>; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: (req.url ?? '').split('?')[0],
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
      // The status is what matters; the headers are the same security headers on every answer.
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  fastify.addHook('onRequest', (req, reply, done) => {
    const raw = req.raw as typeof req.raw & { id?: string; allLogs?: PinoRoot[] };
    raw.id = req.id; // chosen by Fastify (FastifyAdapter genReqId: requestIdFrom)
    log(raw, reply.raw);
    void reply.header('x-request-id', req.id); // for the client to quote when something went wrong
    storage.run(new Store(raw.allLogs!.at(-1)!), done);
  });
}
