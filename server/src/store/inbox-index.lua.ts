import { CONVERSATION_STATUSES } from '@hilo/shared';

/**
 * Lua: files `conv` in the inbox of `status` (scored by last activity) and takes it out of the other
 * statuses' inboxes; their keys are `prefix .. status`, all in the site's slot. Shared by INDEX_INBOX
 * and the view re-index (routing.lua.ts), which files a message's conversation in the same call.
 */
export const FILE_IN_INBOX = `
local function fileInInbox(prefix, status, score, conv)
  for _, s in ipairs({${CONVERSATION_STATUSES.map((s) => `'${s}'`).join(', ')}}) do
    if s == status then redis.call('ZADD', prefix .. s, score, conv) else redis.call('ZREM', prefix .. s, conv) end
  end
end`;

/**
 * Puts a conversation in its status's inbox and takes it out of the others, in one command (a MULTI
 * costs the client five: MULTI, ZADD, two ZREMs and EXEC, on every message).
 * KEYS: the current status's inbox (for the slot). ARGV: the inbox key prefix, the status, the score
 * (last activity), the conversation id.
 */
export const INDEX_INBOX = `${FILE_IN_INBOX}
fileInInbox(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return 1
`;
