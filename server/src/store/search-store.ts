import type { SearchRepository } from '../domain/search-service.js';
import { keys } from './keys.js';
import { runBatched } from './batched-script.js';
import { runScript, type RedisClient } from './redis-client.js';

/** How much of the newest message text each conversation keeps for search. */
const BODY_CHARS = 1500;

/** Value layout: header (name, emails, phones) \x01 body (recent message text), both lower-case. */
const UPDATE = `
local old = redis.call('HGET', KEYS[1], ARGV[1]) or ''
local sep = string.find(old, '\\1', 1, true)
local header = sep and string.sub(old, 1, sep - 1) or ''
local body = sep and string.sub(old, sep + 1) or ''
if ARGV[2] ~= '' then header = ARGV[2] end
if ARGV[3] ~= '' then body = body .. ' ' .. ARGV[3] end
local keep = tonumber(ARGV[4])
if #body > keep then body = string.sub(body, #body - keep + 1) end
redis.call('HSET', KEYS[1], ARGV[1], header .. '\\1' .. body)
return 1
`;

/** Plain substring scan inside Redis (no pattern syntax: user text is not a Lua pattern). */
const FIND = `
local all = redis.call('HGETALL', KEYS[1])
local out = {}
local limit = tonumber(ARGV[2])
for i = 1, #all, 2 do
  if string.find(all[i + 1], ARGV[1], 1, true) then
    out[#out + 1] = all[i]
    if #out >= limit then break end
  end
end
return out
`;

export function createSearchStore(redis: RedisClient): SearchRepository {
  return {
    async update(siteId, conversationId, header, text) {
      await runBatched(redis, UPDATE, [keys.searchText(siteId)], [conversationId, header.toLowerCase(), text.toLowerCase(), String(BODY_CHARS)]);
    },
    async find(siteId, needle, limit) {
      return ((await runScript(redis, FIND, [keys.searchText(siteId)], [needle.toLowerCase(), String(limit)])) as string[]).map(String);
    },
  };
}
