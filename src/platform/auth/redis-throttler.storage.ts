import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// One round trip, atomic: count the hit in a window that starts with the first hit, and once the limit is passed
// block the key for blockDuration (hits while blocked are not counted, so a block ends when it says it does).
// Returns [hits, window ms left, blocked 0/1, block ms left].
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, left, 1, tonumber(ARGV[3])}
end
return {hits, left, 0, 0}
`;

/**
 * Throttle counters in Redis (under QUEUE_PREFIX), so every API process counts the same attempts. While Redis cannot
 * be reached the limit is not enforced (logged): logins keep working, as the rest of the service does without Redis.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: IORedis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.queuePrefix}:throttle:`;
    this.redis = new IORedis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 1000, retryStrategy: (times) => Math.min(times * 200, 2000) });
    this.redis.on('error', () => undefined); // ioredis keeps reconnecting; failed commands are logged below
    this.redis.defineCommand('fwThrottle', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    try {
      const [hits, left, blocked, blockLeft] = (await (this.redis as unknown as { fwThrottle(...args: (string | number)[]): Promise<number[]> }).fwThrottle(
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration,
      )) as number[];
      return { totalHits: hits, timeToExpire: Math.ceil(left / 1000), isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(blockLeft / 1000) };
    } catch (e) {
      this.logger.warn(`throttle counter unavailable, not limiting: ${e instanceof Error ? e.message : e}`);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
