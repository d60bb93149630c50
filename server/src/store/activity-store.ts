import type { ActivityEvent } from '@hilo/shared';
import { keys, TTL } from './keys.js';
import type { RedisClient } from './redis-client.js';

export interface ActivityRepository {
  append(event: ActivityEvent): Promise<void>;
  /** Every event recorded on the given UTC days (`YYYY-MM-DD`), in recording order per day. */
  days(siteId: string, days: string[]): Promise<ActivityEvent[]>;
}

/** The UTC day an instant falls on. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function createActivityStore(redis: RedisClient): ActivityRepository {
  return {
    async append(event) {
      const key = keys.activityDay(event.siteId, utcDay(event.at));
      await redis.multi().rPush(key, JSON.stringify(event)).expire(key, TTL.activityDaySeconds, 'NX').exec();
    },
    async days(siteId, days) {
      // All keys share the site's hash tag, so one pipeline serves them on Redis Cluster too.
      const multi = redis.multi();
      for (const day of days) multi.lRange(keys.activityDay(siteId, day), 0, -1);
      const lists = (await multi.exec()) as unknown as string[][];
      return lists.flat().map((raw) => JSON.parse(raw) as ActivityEvent);
    },
  };
}
