import { ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../errors/domain-error';

/**
 * Limits requests to public endpoints (no login) per client address: PUBLIC_RATE_LIMIT per PUBLIC_RATE_WINDOW_MS.
 * Uses whatever storage the ThrottlerModule is given (memory or a shared store); only its own throttler, named `public`.
 */
@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = [{ name: 'public', limit: this.config.publicRateLimit, ttl: this.config.publicRateWindowMs }];
  }

  protected async getTracker(req: Record<string, any>): Promise<string> {
    return String(req.ip);
  }

  protected async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(seconds));
    throw new DomainError('rate_limited', 'TOO_MANY_REQUESTS', 'Too many requests from your address. Please wait a moment and try again.', { retryAfterSeconds: seconds });
  }
}

/** A public endpoint, limited per client address. */
export const PublicRateLimit = () => UseGuards(PublicThrottlerGuard);
