/**
 * Lua for the durable queues (email outbox, webhook deliveries). A claim moves the job's score in the
 * due set to the end of its lease, so a job held by a process that died becomes due again on its own;
 * the claim token makes a late completion from that process a no-op.
 */

/**
 * KEYS: jobKey, due[, history list]. ARGV: record JSON, due at, job id[, history length].
 * Returns 1 when added, 0 when the id was known. With a history list, the id is pushed to its head
 * and the list trimmed, in the same step.
 */
export const ENQUEUE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if KEYS[3] then
  redis.call('LPUSH', KEYS[3], ARGV[3])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
end
return 1
`;

/** KEYS: due, claims. ARGV: now, lease end, claim value. Returns the claimed job id or nil. */
export const CLAIM_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
if #ids == 0 then return false end
redis.call('ZADD', KEYS[1], ARGV[2], ids[1])
redis.call('HSET', KEYS[2], ids[1], ARGV[3])
return ids[1]
`;

/**
 * KEYS: due, claims, jobKey. ARGV: job id, claim value, record JSON, next due ('' = leave the due set),
 * TTL seconds ('0' = keep). Returns 1, or 0 when the lease was lost to another worker.
 */
export const COMPLETE_SCRIPT = `
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
if ARGV[5] ~= '0' then
  redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[5])
else
  redis.call('SET', KEYS[3], ARGV[3])
end
if ARGV[4] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
end
return 1
`;

/**
 * Requeues a job now (compare-and-set on its record). KEYS: jobKey, due, claims. ARGV: expected record
 * JSON, new record JSON, now, job id. Returns 1 when requeued, 0 when the record changed meanwhile,
 * 2 when a worker holds a live lease on it (it is being attempted right now).
 */
export const RETRY_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local claim = redis.call('HGET', KEYS[3], ARGV[4])
if claim then
  local leaseEnd = tonumber(string.match(claim, '|(%d+)$'))
  if leaseEnd and leaseEnd > tonumber(ARGV[3]) then return 2 end
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
return 1
`;

/** Drops a claimed id that has nothing left to do (record gone or settled). KEYS: due, claims. ARGV: job id, claim value. */
export const RELEASE_SCRIPT = `
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
`;
