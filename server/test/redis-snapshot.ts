import type { RedisClient } from '../src/store/redis-client.js';

/**
 * Every Hilo key with its full content, for "nothing changed" assertions. Rate-limit counters are left
 * out: refusing a bad login is allowed to count it.
 */
export async function snapshotRedis(redis: RedisClient, exclude: RegExp = /^hilo:rl:/): Promise<Record<string, unknown>> {
  const names = (await redis.keys('hilo:*')).filter((key) => !exclude.test(key)).sort();
  const out: Record<string, unknown> = {};
  for (const key of names) {
    const type = await redis.type(key);
    if (type === 'string') out[key] = await redis.get(key);
    else if (type === 'hash') out[key] = await redis.hGetAll(key);
    else if (type === 'zset') out[key] = await redis.zRangeWithScores(key, 0, -1);
    else if (type === 'set') out[key] = (await redis.sMembers(key)).sort();
    else if (type === 'list') out[key] = await redis.lRange(key, 0, -1);
    else if (type === 'stream') out[key] = await redis.xRange(key, '-', '+');
    else out[key] = type;
  }
  return out;
}
