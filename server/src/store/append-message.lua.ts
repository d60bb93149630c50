/**
 * Stores a message at most once per dedupe key and gives it the next order, in one atomic step.
 * KEYS: conversation hash, messages zset, client-id hash (one hash tag, so one Cluster slot).
 * ARGV: dedupe key, message JSON without `order` (must start with '{'), time, preview JSON,
 *       '1' when this message is a first response candidate, and the visitor the conversation must
 *       belong to ('' for any).
 * Returns {status, json, hash, previous}: status 1 = stored, 0 = seen before (json is the stored one),
 * -1 = no conversation (or not the visitor's); `hash` is the conversation hash after the append, as
 * one JSON object (the client parses one string far faster than it decodes a 30-item reply), and
 * `previous` the last-message preview before it, which spare the caller reading the conversation
 * before and after.
 */
export const APPEND_MESSAGE = `
local function hash()
  local flat, map = redis.call('HGETALL', KEYS[1]), {}
  for i = 1, #flat, 2 do map[flat[i]] = flat[i + 1] end
  return cjson.encode(map)
end
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, ''} end
if ARGV[6] ~= '' and redis.call('HGET', KEYS[1], 'visitorId') ~= ARGV[6] then return {-1, ''} end
local seen = redis.call('HGET', KEYS[3], ARGV[1])
if seen then
  local stored = redis.call('ZRANGE', KEYS[2], seen, seen, 'BYSCORE')
  return {0, stored[1] or '', hash()}
end
local previous = redis.call('HGET', KEYS[1], 'lastMessage') or ''
local order = redis.call('HINCRBY', KEYS[1], 'lastOrder', 1)
local json = '{"order":' .. order .. ',' .. string.sub(ARGV[2], 2)
redis.call('ZADD', KEYS[2], order, json)
redis.call('HSET', KEYS[3], ARGV[1], order)
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[3], 'lastMessage', ARGV[4])
if ARGV[5] == '1' and redis.call('HGET', KEYS[1], 'firstResponseAt') == '' then
  redis.call('HSET', KEYS[1], 'firstResponseAt', ARGV[3])
end
return {1, json, hash(), previous}
`;
