import type { SearchRepository } from '../domain/search-service.js';
import { keys } from './keys.js';
import { runScript, type RedisClient } from './redis-client.js';
import { createTurnBatcher } from './turn-batch.js';

/** How much of the newest message text each conversation keeps for search, at least (at most twice this). */
export const BODY_CHARS = 1500;

/**
 * Updates many conversations' search text in one call. KEYS: the customer-part hash. ARGV: the body key
 * prefix (a body's key is the prefix and the conversation id, same slot), BODY_CHARS, then per update
 * four values: conversation id, '1' when the customer part is given, the customer part, the message text.
 * The body grows by APPEND and is cut back to BODY_CHARS only once it holds twice that: a message costs
 * Redis, its memory churn and the append-only file about its own length, not the whole window again
 * (one HSET of the window per message was two thirds of everything Hilo wrote to the AOF).
 * A hash value from before bodies had their own key is `customer \1 body`: its body moves over once,
 * with the next customer part, and a search reads both until then.
 */
const UPDATE_MANY = `
local prefix, keep = ARGV[1], tonumber(ARGV[2])
for i = 3, #ARGV, 4 do
  local id = ARGV[i]
  local body = prefix .. id
  if ARGV[i + 1] == '1' then
    local old = redis.call('HGET', KEYS[1], id)
    local sep = old and string.find(old, '\\1', 1, true)
    if sep then redis.call('APPEND', body, ' ' .. string.sub(old, sep + 1)) end
    if old ~= ARGV[i + 2] then redis.call('HSET', KEYS[1], id, ARGV[i + 2]) end
  end
  if ARGV[i + 3] ~= '' then
    local length = redis.call('APPEND', body, ' ' .. ARGV[i + 3])
    if length > 2 * keep then redis.call('SET', body, string.sub(redis.call('GET', body), length - keep + 1)) end
  end
end
return 1
`;

/**
 * Plain substring scan inside Redis (no pattern syntax: user text is not a Lua pattern). Every indexed
 * conversation has a customer part (see the service), so the hash lists them all; bodies are read by
 * key from ARGV[3], a prefix in the same slot.
 */
const FIND = `
local all = redis.call('HGETALL', KEYS[1])
local out = {}
local needle, limit, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3]
for i = 1, #all, 2 do
  if string.find(all[i + 1], needle, 1, true) or string.find(redis.call('GET', prefix .. all[i]) or '', needle, 1, true) then
    out[#out + 1] = all[i]
    if #out >= limit then break end
  end
end
return out
`;

export function createSearchStore(redis: RedisClient): SearchRepository {
  // Every message updates its site's search text: one call per site per turn (see turn-batch.ts). A
  // failed search update only ever gets logged; the message is stored by then.
  const updates = createTurnBatcher<unknown>({
    head: (siteId) => [keys.searchBody(siteId, ''), String(BODY_CHARS)],
    send: (siteId, args) => runScript(redis, UPDATE_MANY, [keys.searchText(siteId)], args),
    maxEntries: 200,
  });

  return {
    async update(siteId, conversationId, header, text) {
      await updates(siteId, [conversationId, header === null ? '0' : '1', header?.toLowerCase() ?? '', text.toLowerCase()]).done;
    },
    async find(siteId, needle, limit) {
      return ((await runScript(redis, FIND, [keys.searchText(siteId)], [needle.toLowerCase(), String(limit), keys.searchBody(siteId, '')])) as string[]).map(String);
    },
  };
}
