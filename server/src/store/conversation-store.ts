import type { Conversation, ConversationStatus, Message, MessagePreview } from '@hilo/shared';
import { CHANNELS, CONVERSATION_STATUSES } from '@hilo/shared';
import type { ConversationRepository, NewMessage } from '../domain/ports.js';
import { APPEND_MESSAGE } from './append-message.lua.js';
import { createConversationCache } from './conversation-cache.js';
import { firstRev, writeConversationFields } from './conversation-hash.js';
import { INDEX_INBOX } from './inbox-index.lua.js';
import { keys } from './keys.js';
import { runBatched } from './batched-script.js';
import { runScript, type RedisClient } from './redis-client.js';

const PREVIEW_LENGTH = 140;
const MAX_REFERENCES = 20;
const RECENT_SEARCH = 500;
/** Conversations whose last state the process keeps (about 1 KB each): more than one process chats in at once. */
const CACHED_CONVERSATIONS = 50_000;

function nullableNumber(value: string | undefined): number | null {
  return value ? Number(value) : null;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.find((v) => v === value) ?? fallback;
}

function toConversation(raw: Record<string, string>): Conversation | null {
  if (!raw.id || !raw.siteId) return null;
  return {
    id: raw.id,
    siteId: raw.siteId,
    visitorId: raw.visitorId ?? '',
    contactId: raw.contactId || null,
    subject: raw.subject || null,
    channel: oneOf(raw.channel, CHANNELS, 'chat'),
    status: oneOf(raw.status, CONVERSATION_STATUSES, 'open'),
    assigneeId: raw.assigneeId || null,
    createdAt: Number(raw.createdAt),
    updatedAt: Number(raw.updatedAt),
    firstResponseAt: nullableNumber(raw.firstResponseAt),
    resolvedAt: nullableNumber(raw.resolvedAt),
    lastOrder: Number(raw.lastOrder ?? 0),
    lastMessage: raw.lastMessage ? (JSON.parse(raw.lastMessage) as MessagePreview) : null,
    visitorName: raw.visitorName || null,
    // Workflow fields (store/workflow-store.ts writes them).
    teamId: raw.teamId || null,
    labels: raw.labels ? (JSON.parse(raw.labels) as string[]) : [],
    snoozedUntil: nullableNumber(raw.snoozedUntil),
    waitingSince: nullableNumber(raw.waitingSince),
  };
}

function fields(c: Conversation): Record<string, string> {
  return {
    id: c.id,
    siteId: c.siteId,
    visitorId: c.visitorId,
    contactId: c.contactId ?? '',
    subject: c.subject ?? '',
    channel: c.channel,
    status: c.status,
    assigneeId: c.assigneeId ?? '',
    createdAt: String(c.createdAt),
    updatedAt: String(c.updatedAt),
    firstResponseAt: c.firstResponseAt === null ? '' : String(c.firstResponseAt),
    resolvedAt: c.resolvedAt === null ? '' : String(c.resolvedAt),
    lastOrder: String(c.lastOrder),
    lastMessage: c.lastMessage ? JSON.stringify(c.lastMessage) : '',
    visitorName: c.visitorName ?? '',
  };
}

/** A message as it reads back after the append stored it (JSON drops the absent optional fields too). */
function storedMessage(conversationId: string, input: NewMessage, order: number): Message {
  const { id, clientId, author, text, createdAt, email, delivery, bot } = input;
  const stored: Message = { order, id, conversationId, clientId, author, text, createdAt };
  if (email !== undefined) stored.email = email;
  if (delivery !== undefined) stored.delivery = delivery;
  if (bot !== undefined) stored.bot = bot;
  return stored;
}

function parseMessage(json: string, order?: number): Message {
  const message = JSON.parse(json) as Message;
  return order === undefined ? message : { ...message, order };
}

export function createConversationStore(redis: RedisClient): ConversationRepository {
  const cache = createConversationCache(CACHED_CONVERSATIONS);
  // A new connection may be to a Redis that lost its last writes (a restart, a failover to a replica
  // that lagged), where a rev can come round again on other contents. Copies are cheap to rebuild.
  const forget = () => cache.clear();
  redis.on('ready', forget);
  redis.on('node-ready', forget);
  return {
    async create(conversation) {
      const raw = { ...fields(conversation), rev: firstRev() };
      await redis.hSet(keys.conversation(conversation.id), raw);
      // As it reads back: fields() writes only the base fields.
      const stored = toConversation(raw);
      if (stored) cache.set(conversation.id, Number(raw.rev), stored);
    },

    async discard(id) {
      await redis.del([keys.conversation(id), keys.messages(id), keys.clientIds(id)]);
    },

    async get(id) {
      return toConversation(await redis.hGetAll(keys.conversation(id)));
    },

    async append(conversationId, message, firstResponse, visitorId = '') {
      const { id, clientId, author, text, createdAt, email, delivery, bot } = message;
      // Field order is fixed here; the script prepends `order`.
      const body = JSON.stringify({ id, conversationId, clientId, author, text, createdAt, email, delivery, bot });
      const preview: MessagePreview = { text: text.slice(0, PREVIEW_LENGTH), authorKind: author.kind, createdAt };
      const held = cache.get(conversationId);
      const reply = (await runScript(
        redis,
        APPEND_MESSAGE,
        [keys.conversation(conversationId), keys.messages(conversationId), keys.clientIds(conversationId)],
        [`${author.kind}:${author.id}:${clientId}`, body, String(createdAt), JSON.stringify(preview), firstResponse ? '1' : '0', visitorId, held ? String(held.rev) : ''],
      )) as [number, string | number, string?, string?, number?, number?];
      const [status, stored, hash, previous, rev, stamped] = reply;
      if (status === -1 || !stored) return null;
      let conversation: Conversation | null = null;
      if (hash) {
        const raw = JSON.parse(hash) as Record<string, string>;
        conversation = toConversation(raw);
        if (conversation && raw.rev) cache.set(conversationId, Number(raw.rev), conversation);
      } else if (held && rev !== undefined) {
        // The script found the hash at the rev we hold: our copy plus what it wrote is the hash now.
        const before = held.conversation;
        conversation = { ...before, lastOrder: Number(stored), updatedAt: createdAt, lastMessage: preview, firstResponseAt: stamped ? createdAt : before.firstResponseAt };
        cache.set(conversationId, rev, conversation);
      }
      return {
        message: status === 1 ? storedMessage(conversationId, message, Number(stored)) : parseMessage(String(stored)),
        created: status === 1,
        conversation,
        previous: previous ? (JSON.parse(previous) as MessagePreview) : null,
      };
    },

    async messagesAfter(conversationId, afterOrder, limit) {
      const rows = await redis.zRangeWithScores(keys.messages(conversationId), `(${afterOrder}`, '+inf', {
        BY: 'SCORE',
        LIMIT: { offset: 0, count: limit },
      });
      return rows.map((row) => parseMessage(String(row.value), row.score));
    },

    async setStatus(conversationId, status: ConversationStatus, at) {
      await writeConversationFields(redis, conversationId, {
        status,
        updatedAt: String(at),
        resolvedAt: status === 'resolved' ? String(at) : '',
      });
    },

    async index(conversation) {
      const { siteId, status, updatedAt, id } = conversation;
      await runBatched(redis, INDEX_INBOX, [keys.inbox(siteId, status)], [keys.inbox(siteId, ''), status, String(updatedAt), id]);
    },

    async updateMessage(conversationId, order, update) {
      const key = keys.messages(conversationId);
      const [json] = await redis.zRange(key, order, order, { BY: 'SCORE' });
      if (json === undefined) return null;
      const next = update(parseMessage(String(json), order));
      const { order: _order, ...rest } = next;
      const body = JSON.stringify({ order, ...rest });
      // Replace the member under WATCH-free atomicity: one MULTI on one key.
      await redis.multi().zRemRangeByScore(key, order, order).zAdd(key, { score: order, value: body }).exec();
      return next;
    },

    async setFields(conversationId, changes) {
      const fields: Record<string, string> = {};
      if (changes.contactId !== undefined) fields.contactId = changes.contactId ?? '';
      if (changes.visitorName !== undefined) fields.visitorName = changes.visitorName ?? '';
      if (changes.subject !== undefined) fields.subject = changes.subject ?? '';
      if (changes.visitorId !== undefined) fields.visitorId = changes.visitorId;
      if (changes.followupEmail !== undefined) fields.followupEmail = changes.followupEmail;
      if (Object.keys(fields).length) await writeConversationFields(redis, conversationId, fields);
    },

    async emailState(conversationId) {
      const [to, refs] = await redis.hmGet(keys.conversation(conversationId), ['followupEmail', 'emailRefs']);
      return { to: to || null, references: refs ? (JSON.parse(refs) as string[]) : [] };
    },

    async addEmailReference(conversationId, messageId) {
      const key = keys.conversation(conversationId);
      const refs = JSON.parse((await redis.hGet(key, 'emailRefs')) || '[]') as string[];
      if (refs.includes(messageId)) return;
      // Long threads keep the first id (the root) and the most recent ones, as mail clients do.
      const next = [...refs, messageId];
      const capped = next.length > MAX_REFERENCES ? [next[0] as string, ...next.slice(-(MAX_REFERENCES - 1))] : next;
      await writeConversationFields(redis, conversationId, { emailRefs: JSON.stringify(capped) });
    },

    async findMessage(conversationId, messageId) {
      const rows = await redis.zRangeWithScores(keys.messages(conversationId), 0, RECENT_SEARCH - 1, { REV: true });
      for (const row of rows) {
        const message = parseMessage(String(row.value), row.score);
        if (message.id === messageId) return message;
      }
      return null;
    },

    async list(siteId, status, limit) {
      const ids = await redis.zRange(keys.inbox(siteId, status), 0, limit - 1, { REV: true });
      const rows = await Promise.all(ids.map((id) => redis.hGetAll(keys.conversation(String(id)))));
      return rows.map(toConversation).filter((c): c is Conversation => c !== null && c.status === status);
    },

    async page(siteId, status, before, limit) {
      const key = keys.inbox(siteId, status);
      const want = limit + 1;
      let entries: Array<{ value: string; score: number }>;
      if (!before) {
        entries = await redis.zRangeWithScores(key, 0, want - 1, { REV: true });
      } else {
        // Same last-activity time as the cursor: the reverse order breaks ties by member, as ZRANGE REV does.
        const ties = (await redis.zRangeWithScores(key, before.at, before.at, { BY: 'SCORE' }))
          .filter((e) => String(e.value) < before.id)
          .sort((a, b) => (String(a.value) < String(b.value) ? 1 : -1));
        const older = await redis.zRangeWithScores(key, `(${before.at}`, '-inf', { BY: 'SCORE', REV: true, LIMIT: { offset: 0, count: want } });
        entries = [...ties, ...older].slice(0, want);
      }
      const shown = entries.slice(0, limit).map((e) => ({ id: String(e.value), at: e.score }));
      const rows = await Promise.all(shown.map((e) => redis.hGetAll(keys.conversation(e.id))));
      const last = shown[shown.length - 1];
      return {
        conversations: rows.map(toConversation).filter((c): c is Conversation => c !== null && c.siteId === siteId && c.status === status),
        next: entries.length > limit && last ? last : null,
      };
    },
  };
}
