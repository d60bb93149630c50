import type { Call, Note } from '@hilo/shared';
import type { MergeRecord, TimelineRef, TimelineRepository } from '../domain/ports.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

function member(ref: TimelineRef): string {
  return `${ref.kind}:${ref.id}`;
}

function parse(value: string, score: number): TimelineRef & { at: number } {
  const split = value.indexOf(':');
  return { kind: value.slice(0, split) as TimelineRef['kind'], id: value.slice(split + 1), at: score };
}

async function getJson<T>(redis: RedisClient, key: string): Promise<T | null> {
  const text = await redis.get(key);
  return text ? (JSON.parse(text) as T) : null;
}

export function createTimelineStore(redis: RedisClient): TimelineRepository {
  return {
    async add(contactId, ref, at) {
      await redis.zAdd(keys.timeline(contactId), { score: at, value: member(ref) });
    },
    async list(contactId, limit) {
      const rows = await redis.zRangeWithScores(keys.timeline(contactId), 0, limit - 1, { REV: true });
      return rows.map((row) => parse(String(row.value), row.score));
    },
    async moveAll(fromContactId, toContactId) {
      const rows = await redis.zRangeWithScores(keys.timeline(fromContactId), 0, -1);
      // Different contacts live in different Cluster slots, so this is a copy; adding twice is harmless.
      if (rows.length) await redis.zAdd(keys.timeline(toContactId), rows.map((r) => ({ score: r.score, value: String(r.value) })));
      return rows.map((row) => parse(String(row.value), row.score));
    },
    async saveCall(call: Call) {
      await redis.set(keys.call(call.id), JSON.stringify(call));
    },
    getCall(id) {
      return getJson<Call>(redis, keys.call(id));
    },
    async saveNote(note: Note) {
      await redis.set(keys.note(note.id), JSON.stringify(note));
    },
    getNote(id) {
      return getJson<Note>(redis, keys.note(id));
    },
    async saveMerge(record: MergeRecord) {
      await redis.set(keys.merge(record.id), JSON.stringify(record));
    },
    getMerge(id) {
      return getJson<MergeRecord>(redis, keys.merge(id));
    },
  };
}
