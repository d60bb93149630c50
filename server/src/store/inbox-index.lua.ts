/**
 * Puts a conversation in its status's inbox and takes it out of the others, in one command (a MULTI
 * costs the client five: MULTI, ZADD, two ZREMs and EXEC, on every message).
 * KEYS: one inbox zset per status (one hash tag, so one Cluster slot). ARGV: the index in KEYS of the
 * current status (1-based), the score (last activity), the conversation id.
 */
export const INDEX_INBOX = `
for i, key in ipairs(KEYS) do
  if i == tonumber(ARGV[1]) then redis.call('ZADD', key, ARGV[2], ARGV[3]) else redis.call('ZREM', key, ARGV[3]) end
end
return 1
`;
