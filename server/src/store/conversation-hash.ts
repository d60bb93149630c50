import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

/**
 * A new hash's first `rev`. Random, not 1: a process's cached copy is trusted by rev alone, so a
 * conversation deleted and written again under the same id must not restart a count it could match.
 */
export function firstRev(): string {
  return String(Math.floor(Math.random() * 2 ** 40) + 1);
}

/**
 * Writes fields of a conversation hash and bumps its `rev` in the same atomic step, which is what
 * lets a process trust its cached copy while the rev is unchanged (conversation-cache.ts). Every
 * later write to a conversation hash goes through here or the append script; creating one sets
 * `firstRev()`.
 */
export async function writeConversationFields(redis: RedisClient, conversationId: string, fields: Record<string, string>): Promise<void> {
  const key = keys.conversation(conversationId);
  await redis.multi().hSet(key, fields).hIncrBy(key, 'rev', 1).exec();
}
