import { applyDecorators, CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { defer, from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { canonicalJson } from '../canonical-json';
import { ConflictError, ValidationError } from '../errors/domain-error';

const KEY = /^[\x21-\x7e]{1,200}$/;
/** How long a second request with the same key waits for the first to finish before it is told to retry. */
const WAIT_MS = 15_000;
const POLL_MS = 25;

/**
 * `Idempotency-Key` on a money-moving POST: the first request with a key runs; every later one with the same key and
 * the same method, path and body gets the first one's status and body again (also while the first is still running:
 * it waits for it); the same key with anything else is refused with 409 IDEMPOTENCY_KEY_REUSED. Keys are per user and
 * kept at least 24 hours (the outbox sweep deletes them after IDEMPOTENCY_KEY_DAYS). A request that fails is not remembered, so a retry runs again —
 * and meets the state the service left, which refuses a second payment on its own.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A unique key per intended action (e.g. a UUID). Retrying with the same key and body replays the first response instead of acting twice; the same key with another body is refused (409 IDEMPOTENCY_KEY_REUSED). Kept for at least 24 hours.',
    }),
  );
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!KEY.test(key)) {
      throw new ValidationError('IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header must be 1 to 200 visible ASCII characters, e.g. a UUID.');
    }
    const user = req.user?.id;
    if (!user) return next.handle(); // only authenticated routes are idempotent; the guard has refused the others
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url.split('?')[0]}\n${canonicalJson(req.body ?? null)}`)
      .digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, ctx.getHandler()) ?? (req.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    return defer(() => from(this.run(user, key, hash, status, reply, () => lastValueFrom(next.handle(), { defaultValue: undefined }))));
  }

  private async run(user: string, key: string, hash: string, status: number, reply: FastifyReply, handle: () => Promise<unknown>): Promise<unknown> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const claimed = await this.db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
        [user, key, hash],
      );
      if (claimed.length) return this.first(user, key, status, handle);
      const [row] = await this.db.query(`SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [user, key]);
      if (!row) continue; // the first request failed and let the key go: try to claim it again
      if (row.request_hash !== hash) {
        throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another request. Use a new key for a new action.');
      }
      if (row.status_code !== null) {
        reply.status(row.status_code).header('idempotent-replayed', 'true');
        if (row.response === null) return undefined;
        // the first answer's bytes, not a re-serialisation
        void reply.type('application/json; charset=utf-8');
        return row.response;
      }
      if (Date.now() > deadline) {
        void reply.header('retry-after', '5');
        throw new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed. Please retry shortly.');
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async first(user: string, key: string, status: number, handle: () => Promise<unknown>): Promise<unknown> {
    let body: unknown;
    try {
      body = await handle();
    } catch (err) {
      await this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [user, key]).catch(() => undefined);
      throw err;
    }
    // serialised as Fastify serialises it (JSON.stringify), so that the replay sends the same bytes
    await this.db.query(`UPDATE idempotency_keys SET status_code = $3, response = $4, completed_at = now() WHERE user_id = $1 AND key = $2`, [
      user,
      key,
      status,
      body === undefined ? null : JSON.stringify(body),
    ]);
    return body;
  }
}
