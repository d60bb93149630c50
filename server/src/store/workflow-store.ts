import type { Conversation, ConversationNote } from '@hilo/shared';
import type { WorkflowRepository } from '../domain/workflow-ports.js';
import { writeConversationFields } from './conversation-hash.js';
import { keys } from './keys.js';
import { runScript, sendCommand, type RedisClient } from './redis-client.js';
import { REINDEX_MANY } from './routing.lua.js';
import { createTurnBatcher } from './turn-batch.js';

/** Score for "not waiting" in the waiting view, so answered conversations sort after waiting ones. */
const NOT_WAITING = 9e15;

/** The inbox views a conversation belongs to, with its score in each. */
export function viewsOf(c: Conversation): Array<[string, number]> {
  const views: Array<[string, number]> = [];
  if (c.status === 'open') {
    views.push(['all', c.updatedAt], [c.assigneeId ? `agent:${c.assigneeId}` : 'unassigned', c.updatedAt]);
    if (c.teamId) views.push([`team:${c.teamId}`, c.updatedAt]);
    views.push(['waiting', c.waitingSince ?? NOT_WAITING]);
  } else if (c.status === 'resolved') views.push(['resolved', c.updatedAt]);
  else views.push(['snoozed', c.snoozedUntil ?? c.updatedAt]);
  for (const label of c.labels ?? []) views.push([`label:${label}`, c.updatedAt]);
  return views;
}

/** One conversation's entry in a REINDEX_MANY call. */
function reindexEntry(c: Conversation, onlyIfRouted: boolean): string[] {
  const views = viewsOf(c);
  const entry = [onlyIfRouted ? '1' : '0', c.id, c.status, String(c.updatedAt), String(views.length)];
  for (const [name, score] of views) entry.push(name, String(score));
  return entry;
}

const snoozeMember = (siteId: string, conversationId: string) => `${siteId} ${conversationId}`;

export function createWorkflowStore(redis: RedisClient): WorkflowRepository {
  // Every message re-indexes its conversation: one call per site per turn (see turn-batch.ts).
  const reindexes = createTurnBatcher<number[]>({
    head: (siteId) => [keys.view(siteId, ''), keys.inbox(siteId, '')],
    send: async (siteId, args) =>
      ((await runScript(redis, REINDEX_MANY, [keys.viewMembership(siteId), keys.routeAssignee(siteId), keys.routeQueue(siteId)], args)) as unknown[]).map(Number),
    maxEntries: 100,
  });

  return {
    async setFields(conversationId, f) {
      const out: Record<string, string> = {};
      const opt = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
      if (f.status !== undefined) out.status = f.status;
      if (f.assigneeId !== undefined) out.assigneeId = opt(f.assigneeId);
      if (f.teamId !== undefined) out.teamId = opt(f.teamId);
      if (f.labels !== undefined) out.labels = JSON.stringify(f.labels);
      if (f.snoozedUntil !== undefined) out.snoozedUntil = opt(f.snoozedUntil);
      if (f.waitingSince !== undefined) out.waitingSince = opt(f.waitingSince);
      if (f.updatedAt !== undefined) out.updatedAt = String(f.updatedAt);
      if (f.resolvedAt !== undefined) out.resolvedAt = opt(f.resolvedAt);
      if (Object.keys(out).length) await writeConversationFields(redis, conversationId, out);
    },

    async reindex(c) {
      await reindexes(c.siteId, reindexEntry(c, false)).done;
    },

    async reindexIfRouted(c) {
      const { done, index } = reindexes(c.siteId, reindexEntry(c, true));
      return (await done)[index] !== -1;
    },

    async viewPage(siteId, view, byWaiting, offset, limit) {
      const key = keys.view(siteId, view);
      const total = await redis.zCard(key);
      if (!byWaiting) {
        const ids = await redis.zRange(key, offset, offset + limit - 1, { REV: true });
        return { ids: ids.map(String), total };
      }
      // Longest waiting first: the view's members scored by their waiting time (one slot, one command).
      const ids = (await sendCommand(redis, key, ['ZINTER', '2', key, keys.view(siteId, 'waiting'), 'WEIGHTS', '0', '1'])) as string[];
      return { ids: ids.slice(offset, offset + limit).map(String), total };
    },

    async viewSizes(siteId, views) {
      const multi = redis.multi();
      for (const view of views) multi.zCard(keys.view(siteId, view));
      return (await multi.exec()).map(Number);
    },

    async addNote(note) {
      await redis.zAdd(keys.conversationNotes(note.conversationId), { score: note.createdAt, value: JSON.stringify(note) });
    },

    async notes(conversationId, limit) {
      const rows = await redis.zRange(keys.conversationNotes(conversationId), -limit, -1);
      return rows.map((json) => JSON.parse(String(json)) as ConversationNote);
    },

    async snooze(siteId, conversationId, until) {
      await redis.zAdd(keys.snoozed(), { score: until, value: snoozeMember(siteId, conversationId) });
    },

    async unsnooze(siteId, conversationId) {
      await redis.zRem(keys.snoozed(), snoozeMember(siteId, conversationId));
    },

    async claimDueSnoozes(now, limit) {
      const due = await redis.zRange(keys.snoozed(), 0, now, { BY: 'SCORE', LIMIT: { offset: 0, count: limit } });
      const claimed: Array<{ siteId: string; conversationId: string }> = [];
      for (const member of due.map(String)) {
        // ZREM answers 1 to exactly one process: that one wakes the conversation.
        if ((await redis.zRem(keys.snoozed(), member)) !== 1) continue;
        const [siteId = '', conversationId = ''] = member.split(' ');
        claimed.push({ siteId, conversationId });
      }
      return claimed;
    },
  };
}
