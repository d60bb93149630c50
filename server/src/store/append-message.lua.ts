/**
 * Stores a message at most once per dedupe key and gives it the next order, in one atomic step.
 * KEYS: conversation hash, messages zset, client-id hash (one hash tag, so one Cluster slot).
 * ARGV: dedupe key, message JSON without `order` (must start with '{'), time, preview JSON,
 *       '1' when this message is a first response candidate, the visitor the conversation must
 *       belong to ('' for any), and the hash `rev` the caller holds a copy of ('' for none).
 * Returns {status, stored, hash, previous, rev, stamped}: status 1 = stored (`stored` is its order:
 * the caller has the rest), 0 = seen before (`stored` is the stored JSON), -1 = no conversation (or
 * not the visitor's). `hash` is the conversation hash after the append as one JSON object (the client
 * parses one string far faster than it decodes a 30-item reply), or '' when the caller's copy was
 * current: then `rev` is the new rev and `stamped` 1 when this message set firstResponseAt, which is
 * all the caller needs to bring its copy up to date. `previous` is the last-message preview before the
 * append. Every writer of the hash bumps `rev` (see conversation-hash.ts).
 */
export const APPEND_MESSAGE = `
local function whole()
  local flat = redis.call('HGETALL', KEYS[1])
  local map = {}
  for i = 1, #flat, 2 do map[flat[i]] = flat[i + 1] end
  return cjson.encode(map)
end
local h = redis.call('HMGET', KEYS[1], 'id', 'visitorId', 'lastOrder', 'lastMessage', 'firstResponseAt', 'rev')
if not h[1] then return {-1, ''} end
if ARGV[6] ~= '' and h[2] ~= ARGV[6] then return {-1, ''} end
local seen = redis.call('HGET', KEYS[3], ARGV[1])
if seen then
  local stored = redis.call('ZRANGE', KEYS[2], seen, seen, 'BYSCORE')
  return {0, stored[1] or '', whole()}
end
local previous = h[4] or ''
local order = (tonumber(h[3]) or 0) + 1
local rev = (tonumber(h[6] or '') or 0) + 1
local json = '{"order":' .. order .. ',' .. string.sub(ARGV[2], 2)
redis.call('ZADD', KEYS[2], order, json)
redis.call('HSET', KEYS[3], ARGV[1], order)
local changed = {'lastOrder', order, 'updatedAt', ARGV[3], 'lastMessage', ARGV[4], 'rev', rev}
local stamped = 0
if ARGV[5] == '1' and h[5] == '' then
  stamped = 1
  changed[9], changed[10] = 'firstResponseAt', ARGV[3]
end
redis.call('HSET', KEYS[1], unpack(changed))
if h[6] and h[6] == ARGV[7] then return {1, order, '', previous, rev, stamped} end
return {1, order, whole(), previous, rev, stamped}
`;
