import type { ReadState } from '@hilo/shared';
import { keys } from './keys.js';
import { runScript, type RedisClient } from './redis-client.js';

export interface ReadStateRepository {
  get(conversationId: string): Promise<ReadState>;
  /** Raises the side's mark to `order` (never lowers it); returns the marks after the change. */
  raise(conversationId: string, side: 'visitor' | 'agent', order: number): Promise<ReadState>;
}

// Max-wins in one step: two tabs (or two agents) reporting out of order can never move a mark back.
const RAISE = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return redis.call('HMGET', KEYS[1], 'visitor', 'agent')`;

const toState = (conversationId: string, [visitor, agent]: (string | null)[]): ReadState => ({
  conversationId,
  visitor: Number(visitor) || 0,
  agent: Number(agent) || 0,
});

export function createReadStateStore(redis: RedisClient): ReadStateRepository {
  return {
    async get(conversationId) {
      return toState(conversationId, await redis.hmGet(keys.readState(conversationId), ['visitor', 'agent']));
    },
    async raise(conversationId, side, order) {
      const marks = (await runScript(redis, RAISE, [keys.readState(conversationId)], [side, String(order)])) as (string | null)[];
      return toState(conversationId, marks);
    },
  };
}
