import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Conversation } from '@hilo/shared';
import { startRedisServer } from '../src/infra/redis-server-process.js';
import { cleanUpOnce } from './processes.js';
import { keys } from '../src/store/keys.js';
import { connectRedis } from '../src/store/redis-client.js';
import { createConversationStore } from '../src/store/conversation-store.js';
import { createSearchStore } from '../src/store/search-store.js';
import { createWorkflowStore } from '../src/store/workflow-store.js';

/**
 * `pnpm --filter @hilo/server bench:redis`: Redis' own CPU per message for the writes a visitor's
 * message makes (the append script, then the view re-index and the search update), with the real
 * stores and no server around them. A private redis-server (AOF on unless --no-aof), N queued
 * conversations, 200 messages in flight; the CPU is Redis' own (`INFO cpu`), so the figure does not
 * depend on how busy the client is. Prints figures; not a test.
 */
const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    conversations: { type: 'string', default: '2000' },
    messages: { type: 'string', default: '60000' },
    only: { type: 'string', default: 'append,reindex,search' },
    'no-aof': { type: 'boolean', default: false },
  },
});
const count = Number(flags.conversations);
const parts = flags.only.split(',');
const dir = mkdtempSync(join(tmpdir(), 'hilo-redis-cost-'));
const server = await startRedisServer({ dir, appendonly: !flags['no-aof'] });
const cleanUp = cleanUpOnce(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
const redis = await connectRedis({ url: server.url, onError: () => undefined });
const conversations = createConversationStore(redis);
const workflow = createWorkflowStore(redis);
const search = createSearchStore(redis);
const siteId = 's_redis_cost';

const all: Conversation[] = [];
for (let i = 0; i < count; i += 1) {
  const at = Date.now();
  const c: Conversation = {
    id: `c_cost${String(i).padStart(12, '0')}`, siteId, visitorId: `v_cost${String(i).padStart(12, '0')}`, contactId: null, channel: 'chat', subject: null,
    status: 'open', assigneeId: null, createdAt: at, updatedAt: at, firstResponseAt: null, resolvedAt: null, lastOrder: 0, lastMessage: null, visitorName: null,
  };
  await conversations.create(c);
  all.push(c);
}
// Waiting in the queue, as most conversations of a busy site are: the view re-index runs for them.
await redis.zAdd(keys.routeQueue(siteId), all.map((c, i) => ({ score: i, value: c.id })));

let sent = 0;
async function one(): Promise<void> {
  const i = sent++;
  const c = all[i % count] as Conversation;
  const at = Date.now();
  const text = `load ${i}`;
  const stored = await conversations.append(c.id, { id: `m_cost${String(i).padStart(12, '0')}`, clientId: `cost-${i}`, author: { kind: 'visitor', id: c.visitorId }, text, createdAt: at }, false, c.visitorId);
  const current = stored?.conversation ?? c;
  await Promise.all([
    parts.includes('reindex') ? workflow.reindexIfRouted({ ...current, waitingSince: current.waitingSince ?? at }) : null,
    parts.includes('search') ? search.update(siteId, c.id, null, text) : null,
  ]);
}

async function redisCpuSeconds(): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1]);
  return field('used_cpu_user') + field('used_cpu_sys');
}

async function run(messages: number): Promise<void> {
  const cpu = await redisCpuSeconds();
  const started = performance.now();
  const end = sent + messages;
  await Promise.all(Array.from({ length: 200 }, async () => {
    while (sent < end) await one();
  }));
  const us = (((await redisCpuSeconds()) - cpu) * 1e6) / messages;
  process.stdout.write(`${messages} messages (${parts.join(' + ')}) in ${(performance.now() - started).toFixed(0)} ms: Redis ${us.toFixed(1)} µs of CPU per message\n`);
}

try {
  // The first pass warms up the scripts and grows the conversations; the next two are the figures.
  await run(Math.min(10_000, Number(flags.messages)));
  await run(Number(flags.messages));
  await run(Number(flags.messages));
} finally {
  redis.destroy();
  await cleanUp();
}
