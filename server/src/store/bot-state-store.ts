import type { BotStateRepository } from '../domain/knowledge-ports.js';
import { keys } from './keys.js';
import { runScript, type RedisClient } from './redis-client.js';

/**
 * KEYS: bot state hash. ARGV: max answers, id of the shopper's message being answered. Counts an answer
 * unless the shopper asked for a person or the bot answered `max` times; one step, so two messages at
 * once never get a third answer. The same message claims again without counting (a retried run).
 */
const CLAIM_ANSWER = `
if redis.call('HEXISTS', KEYS[1], 'for:' .. ARGV[2]) == 1 then return 1 end
if redis.call('HEXISTS', KEYS[1], 'handedOff') == 1 then return 0 end
local answers = tonumber(redis.call('HGET', KEYS[1], 'answers') or '0')
if answers >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'answers', answers + 1, 'for:' .. ARGV[2], '1')
return 1
`;

/** One hash per conversation, in the conversation's slot. */
export function createBotStateStore(redis: RedisClient): BotStateRepository {
  return {
    async claimAnswer(conversationId, messageId, max) {
      return (await runScript(redis, CLAIM_ANSWER, [keys.botState(conversationId)], [String(max), messageId])) === 1;
    },
    async openOffer(conversationId, articleId) {
      await redis.hSet(keys.botState(conversationId), 'offer', articleId);
    },
    async takeOffer(conversationId) {
      // MULTI runs both at once: of two concurrent replies, only one sees the offer.
      const [offer] = (await redis.multi().hGet(keys.botState(conversationId), 'offer').hDel(keys.botState(conversationId), 'offer').exec()) as unknown as [string | null, number];
      return offer ? String(offer) : null;
    },
    async handOff(conversationId) {
      await redis.hSet(keys.botState(conversationId), 'handedOff', '1');
    },
    async claimEmailAsk(conversationId) {
      return (await redis.hSetNX(keys.botState(conversationId), 'emailAsked', '1')) === 1;
    },
  };
}

