/**
 * Stores a message at most once per dedupe key and gives it the next order, in one atomic step.
 * KEYS: conversation hash, messages zset, client-id hash (one hash tag, so one Cluster slot).
 * ARGV: dedupe key, message JSON without `order` (must start with '{'), time, preview JSON,
 *       '1' when this message is a first response candidate, and the visitor the conversation must
 *       belong to ('' for any).
 * Returns {status, stored, hash, previous}: status 1 = stored (`stored` is its order: the caller has the
 * rest), 0 = seen before (`stored` is the stored JSON), -1 = no conversation (or not the visitor's);
 * `hash` is the conversation hash after the append, as one JSON object (the client parses one string
 * far faster than it decodes a 30-item reply), and `previous` the last-message preview before it,
 * which spare the caller reading the conversation before and after.
 * The hash is read once, first, and the reply is built from that read plus what the script wrote: one
 * HGETALL and one HSET per message, where reading and writing field by field cost Redis five more calls.
 */
export const APPEND_MESSAGE = `
local flat = redis.call('HGETALL', KEYS[1])
if #flat == 0 then return {-1, ''} end
local map = {}
for i = 1, #flat, 2 do map[flat[i]] = flat[i + 1] end
if ARGV[6] ~= '' and map.visitorId ~= ARGV[6] then return {-1, ''} end
local seen = redis.call('HGET', KEYS[3], ARGV[1])
if seen then
  local stored = redis.call('ZRANGE', KEYS[2], seen, seen, 'BYSCORE')
  return {0, stored[1] or '', cjson.encode(map)}
end
local previous = map.lastMessage or ''
local order = (tonumber(map.lastOrder) or 0) + 1
local json = '{"order":' .. order .. ',' .. string.sub(ARGV[2], 2)
redis.call('ZADD', KEYS[2], order, json)
redis.call('HSET', KEYS[3], ARGV[1], order)
map.lastOrder, map.updatedAt, map.lastMessage = tostring(order), ARGV[3], ARGV[4]
local changed = {'lastOrder', order, 'updatedAt', ARGV[3], 'lastMessage', ARGV[4]}
if ARGV[5] == '1' and map.firstResponseAt == '' then
  map.firstResponseAt = ARGV[3]
  changed[7], changed[8] = 'firstResponseAt', ARGV[3]
end
redis.call('HSET', KEYS[1], unpack(changed))
return {1, order, cjson.encode(map), previous}
`;
