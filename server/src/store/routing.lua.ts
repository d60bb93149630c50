import { FILE_IN_INBOX } from './inbox-index.lua.js';

/**
 * Routing decisions as single Lua scripts on one site's slot: a conversation leaves the queue and
 * gains an assignee in the same step as the agent's load grows, so two server processes that route
 * at once can never assign one conversation twice or push an agent past their capacity.
 */

/** Shared KEYS order for every routing script. */
export const ROUTE_KEYS = ['queue', 'queueTeam', 'assignee', 'load', 'capacity', 'presence', 'status', 'agentTeams', 'cursor'] as const;

/**
 * Assigns queued conversations, oldest first, round-robin among agents who are online (fresh heartbeat,
 * status 'online'), below capacity and, for a team's conversation, in that team.
 * ARGV: staleBefore (ms), defaultCapacity, maxScan. Returns a flat list {conv1, agent1, conv2, agent2, …}.
 */
export const AUTO_ASSIGN = `
local agents, cap, load, teams = {}, {}, {}, {}
local spare = 0
for _, a in ipairs(redis.call('ZRANGEBYSCORE', KEYS[6], ARGV[1], '+inf')) do
  if redis.call('HGET', KEYS[7], a) ~= 'away' then
    local c = tonumber(redis.call('HGET', KEYS[5], a) or ARGV[2])
    local l = tonumber(redis.call('HGET', KEYS[4], a) or '0')
    if l < c then
      agents[#agents + 1] = a
      cap[a] = c
      load[a] = l
      teams[a] = redis.call('HGET', KEYS[8], a) or ''
      spare = spare + c - l
    end
  end
end
-- Every agent full (the usual state of a busy site): nothing to scan. This runs on every queued message.
if spare == 0 then return {} end
table.sort(agents)
local out = {}
for _, conv in ipairs(redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)) do
  if spare == 0 then break end
  local team = redis.call('HGET', KEYS[2], conv) or ''
  local eligible = {}
  for _, a in ipairs(agents) do
    if load[a] < cap[a] and (team == '' or string.find(teams[a], ',' .. team .. ',', 1, true)) then
      eligible[#eligible + 1] = a
    end
  end
  if #eligible > 0 then
    local field = team == '' and '*' or team
    local last = redis.call('HGET', KEYS[9], field) or ''
    local pick = eligible[1]
    for _, a in ipairs(eligible) do
      if a > last then pick = a break end
    end
    redis.call('ZREM', KEYS[1], conv)
    redis.call('HDEL', KEYS[2], conv)
    redis.call('HSET', KEYS[3], conv, pick)
    redis.call('HINCRBY', KEYS[4], pick, 1)
    redis.call('HSET', KEYS[9], field, pick)
    load[pick] = load[pick] + 1
    spare = spare - 1
    out[#out + 1] = conv
    out[#out + 1] = pick
  end
end
return out
`;

/**
 * Sets or clears one conversation's assignee, moving the load from the previous agent.
 * ARGV: conversation id, agent id ('' = none), mode, enqueue time, team id ('' = any).
 * mode 'assign': give it to the agent (leaves the queue).
 * mode 'queue': no assignee, wait in the queue (for the team) — unassign, transfer to a team, reopen.
 * mode 'release': no assignee and out of the queue — resolved or snoozed.
 * mode 'enqueue-if-free': like 'queue' but only when nobody holds it (new conversations).
 * Returns the previous assignee ('' when none).
 */
export const SET_ASSIGNEE = `
local conv = ARGV[1]
local prev = redis.call('HGET', KEYS[3], conv) or ''
local mode = ARGV[3]
if mode == 'enqueue-if-free' then
  if prev ~= '' then return prev end
  mode = 'queue'
end
if prev ~= '' then
  if tonumber(redis.call('HINCRBY', KEYS[4], prev, -1)) < 0 then redis.call('HSET', KEYS[4], prev, 0) end
  redis.call('HDEL', KEYS[3], conv)
end
if mode == 'assign' then
  redis.call('HSET', KEYS[3], conv, ARGV[2])
  redis.call('HINCRBY', KEYS[4], ARGV[2], 1)
  redis.call('ZREM', KEYS[1], conv)
  redis.call('HDEL', KEYS[2], conv)
elseif mode == 'queue' then
  redis.call('ZADD', KEYS[1], 'NX', ARGV[4], conv)
  redis.call('HSET', KEYS[2], conv, ARGV[5])
else
  redis.call('ZREM', KEYS[1], conv)
  redis.call('HDEL', KEYS[2], conv)
end
return prev
`;

/**
 * Re-indexes many conversations of one site, in call order: moves each between the inbox view sets
 * (out of the views it left, into the ones it is in now) and files it in its status's inbox, both
 * scored by its last activity.
 * KEYS: the view membership hash, the assignee hash, the queue (the site's slot). The view and inbox
 * keys are built from the prefixes in ARGV[1] and ARGV[2] (same hash tag), so stale views are found
 * without the caller knowing them.
 * Then per conversation: '1' to re-index it only while routing already has it (held by an agent or
 * waiting in the queue), its id, status, last activity, its number of views n, then n pairs
 * {view name, score}. Answers per conversation the number of views, or -1 when it was not routed (and
 * nothing changed).
 * A message mostly leaves a conversation in the views it was in, and so in the same status: then only
 * scores move, and nothing else is written (nor logged to the AOF).
 */
export const REINDEX_MANY = `${FILE_IN_INBOX}
local viewPrefix, inboxPrefix = ARGV[1], ARGV[2]
local out = {}
local i = 3
while i <= #ARGV do
  local conv, status, at, n = ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
  local first, last = i + 5, i + 4 + 2 * n
  if ARGV[i] == '1' and redis.call('HEXISTS', KEYS[2], conv) == 0 and not redis.call('ZSCORE', KEYS[3], conv) then
    out[#out + 1] = -1
  else
    local old = redis.call('HGET', KEYS[1], conv)
    local keep, names = {}, {}
    for j = first, last, 2 do
      keep[ARGV[j]] = true
      names[#names + 1] = ARGV[j]
      redis.call('ZADD', viewPrefix .. ARGV[j], ARGV[j + 1], conv)
    end
    local joined = table.concat(names, '\\n')
    if old == joined then
      redis.call('ZADD', inboxPrefix .. status, at, conv)
    else
      fileInInbox(inboxPrefix, status, at, conv)
      if old then
        for name in string.gmatch(old, '[^\\n]+') do
          if not keep[name] then redis.call('ZREM', viewPrefix .. name, conv) end
        end
      end
      if n == 0 then
        if old then redis.call('HDEL', KEYS[1], conv) end
      else
        redis.call('HSET', KEYS[1], conv, joined)
      end
    end
    out[#out + 1] = n
  end
  i = last + 1
end
return out`;
