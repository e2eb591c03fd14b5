import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { cookieValue } from '../auth/tokens';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JOB_QUEUES } from '../outbox/jobs';
import { QueuesService } from '../outbox/queues.service';

export const QUEUE_BOARD_PATH = '/admin/queues';
const COOKIE = 'fw_queue_board';
const SESSION_SECONDS = 15 * 60;

type Refusal = { status: 401 | 403; code: string; message: string };

/**
 * Bull Board (inspect and retry jobs) for admins. A browser navigating to it sends no bearer token, so an admin
 * first opens a session (POST /api/v1/admin/queue-dashboard/session): a short-lived signed cookie, HttpOnly,
 * SameSite=Strict and sent only to the board's path. Every request to the board checks the signature and that
 * the user is still an active admin.
 */
@Injectable()
export class QueueBoard {
  private readonly key: Buffer;
  private board?: Promise<FastifyInstance>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly queues: QueuesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    // A key of its own, so a board cookie can never pass for any other token signed with JWT_SECRET.
    this.key = createHmac('sha256', config.jwtSecret).update('queue-board-session').digest();
  }

  sessionCookie(userId: string, now = Date.now()): string {
    const claim = `${userId}.${Math.floor(now / 1000) + SESSION_SECONDS}`;
    return `${COOKIE}=${claim}.${this.sign(claim)}; Path=${QUEUE_BOARD_PATH}; Max-Age=${SESSION_SECONDS}; HttpOnly; Secure; SameSite=Strict`;
  }

  /** null when the request may use the board. */
  async refusal(cookieHeader: string | undefined): Promise<Refusal | null> {
    const session: Refusal = { status: 401, code: 'QUEUE_BOARD_SESSION_REQUIRED', message: 'Open the queue dashboard through POST /api/v1/admin/queue-dashboard/session as an admin.' };
    const [userId, expires, signature] = (cookieValue(cookieHeader, COOKIE) ?? '').split('.');
    if (!signature || !/^[0-9a-f-]{36}$/.test(userId) || !/^\d+$/.test(expires)) return session;
    const expected = Buffer.from(this.sign(`${userId}.${expires}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || Number(expires) * 1000 <= Date.now()) return session;
    const [user] = await this.dataSource.query('SELECT roles, status FROM users WHERE id = $1', [userId]);
    if (user?.status === 'active' && user.roles.includes('admin')) return null;
    return { status: 403, code: 'ROLE_NOT_ALLOWED', message: 'Only active admins may use the queue dashboard.' };
  }

  /**
   * Mounts the board at QUEUE_BOARD_PATH, every route behind the session check. Bull Board itself (its UI and API,
   * ~30 ms of the start and ~10 MB of memory) is built with the first request that passes the check, in a Fastify
   * instance of its own that these routes hand each request to; the answers leave through this instance's hooks.
   */
  async register(fastify: FastifyInstance): Promise<void> {
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
        const refused = await this.refusal(req.headers.cookie);
        if (refused) return reply.code(refused.status).header('content-type', 'application/json; charset=utf-8').send({ code: refused.code, message: refused.message });
      });
      // Job data holds personal data (mail recipients): no cache keeps it.
      scope.addHook('onSend', async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });
      const handOver = async (req: FastifyRequest, reply: FastifyReply) => {
        // a board that failed to build is built again with the next request
        const board = await (this.board ??= this.buildBoard().catch((e: unknown) => Promise.reject((this.board = undefined, e))));
        // the body was parsed here (JSON): the board gets it serialised again, with a length of its own
        const { 'content-length': _length, ...headers } = req.headers;
        const answer = await board.inject({ method: req.method as 'GET', url: req.url, headers, ...(req.body !== undefined ? { payload: req.body as object } : {}) });
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'].includes(name)) void reply.header(name, value);
        }
        return reply.code(answer.statusCode).send(answer.rawPayload);
      };
      // the board's own paths (@bull-board/api's entry points, its API and its static files); others stay 404
      for (const page of ['', '/', '/metrics-history', '/job-schedulers', '/queue/:queueName', '/queue/:queueName/:jobId', '/static/*']) scope.get(`${QUEUE_BOARD_PATH}${page}`, handOver);
      scope.all(`${QUEUE_BOARD_PATH}/api/*`, handOver);
    });
  }

  private async buildBoard(): Promise<FastifyInstance> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createBullBoard } = require('@bull-board/api') as typeof import('@bull-board/api');
    const { BullMQAdapter } = require('@bull-board/api/bullMQAdapter') as typeof import('@bull-board/api/bullMQAdapter');
    const { FastifyAdapter } = require('@bull-board/fastify') as typeof import('@bull-board/fastify');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const adapter = new FastifyAdapter();
    createBullBoard({
      queues: [...new Set(Object.values(JOB_QUEUES))].map((name) => new BullMQAdapter(this.queues.queue(name))),
      // @bull-board/fastify brings its own copy of @bull-board/api (a patch version apart): same shape, separate declarations.
      serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Förderwerk' } },
    });
    const board = Fastify({ logger: false });
    await board.register(adapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    await board.ready();
    return board;
  }

  private sign(claim: string): string {
    return createHmac('sha256', this.key).update(claim).digest('base64url');
  }
}
