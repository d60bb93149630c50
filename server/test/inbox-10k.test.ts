import type { Conversation, InboxPage } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentStore } from '../src/store/agent-store.js';
import { createConversationStore } from '../src/store/conversation-store.js';
import { createWorkflowStore } from '../src/store/workflow-store.js';
import { agentClient, request, signIn, startTestRedis, startTestServer, whenConnected, type AgentClient, type TestRedis, type TestServer } from './harness.js';

/**
 * The inbox stays fast with 10,000 conversations: every view is a sorted set read one page at a time,
 * so a page costs the same whatever the total. Prints the timings it measured (see README).
 */
const TOTAL = 10_000;
let redis: TestRedis;
let server: TestServer;
let agent: AgentClient;
let adminId = '';

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  adminId = (await createAgentStore(server.redis).findByEmail('admin@hilo.test'))?.id ?? '';
  const conversations = createConversationStore(server.redis);
  const workflow = createWorkflowStore(server.redis);
  const base = Date.now() - TOTAL * 1000;
  const statuses = ['open', 'open', 'open', 'resolved'] as const;
  for (let start = 0; start < TOTAL; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, TOTAL - start) }, async (_, k) => {
        const i = start + k;
        const c: Conversation = {
          id: `c_bench_${i}`, siteId: server.site.id, visitorId: `v_${i}`, contactId: null, channel: 'chat', subject: null,
          status: statuses[i % 4] ?? 'open', assigneeId: i % 3 === 0 ? adminId : null, createdAt: base + i * 1000, updatedAt: base + i * 1000,
          firstResponseAt: null, resolvedAt: null, lastOrder: 1, lastMessage: { text: `Question ${i}`, authorKind: 'visitor', createdAt: base + i * 1000 },
          visitorName: `Shopper ${i}`, teamId: null, labels: i % 10 === 0 ? ['vip'] : [], snoozedUntil: null, waitingSince: i % 2 === 0 ? base + i * 1000 : null,
        };
        await conversations.create(c);
        await server.redis.hSet(`hilo:conv:{${c.id}}`, { labels: JSON.stringify(c.labels), waitingSince: String(c.waitingSince ?? '') });
        await conversations.index(c);
        await workflow.reindex(c);
      }),
    );
  }
  agent = agentClient(server.url, await signIn(server.url));
  await whenConnected(agent);
}, 120_000);
afterAll(async () => {
  agent.disconnect();
  await server.close();
  await redis.dispose();
});

async function timed(query: Record<string, unknown>, runs = 20): Promise<{ p50: number; p95: number; page: InboxPage }> {
  const times: number[] = [];
  let page: InboxPage = { conversations: [], total: 0 };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const answer = await request<InboxPage>(agent, 'inbox:view', query);
    times.push(performance.now() - t0);
    if (!answer.ok) throw new Error(answer.error.message);
    page = answer.data;
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)] ?? 0, p95: times[Math.floor(runs * 0.95)] ?? 0, page };
}

describe(`inbox with ${TOTAL} conversations`, () => {
  it('serves each view a page of 50 in milliseconds, with the right totals', async () => {
    const rows: string[] = [];
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['All open, by activity', { view: 'all' }, 7500],
      ['All open, waiting longest', { view: 'all', sort: 'waiting' }, 7500],
      ['Mine', { view: 'mine' }, 2500],
      ['Unassigned', { view: 'unassigned' }, 5000],
      ['Resolved', { view: 'resolved' }, 2500],
      ['Label vip', { view: 'label', label: 'vip' }, 1000],
      ['All open, page 100 (offset 5000)', { view: 'all', offset: 5000 }, 7500],
    ];
    for (const [name, query, total] of cases) {
      const { p50, p95, page } = await timed({ limit: 50, ...query });
      expect(page.total).toBe(total);
      expect(page.conversations).toHaveLength(50);
      rows.push(`${name.padEnd(36)} total ${String(total).padStart(5)}  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms`);
      expect(p95).toBeLessThan(250);
    }
    const waiting = (await timed({ view: 'all', sort: 'waiting', limit: 5 }, 1)).page.conversations;
    expect(waiting.map((c) => c.waitingSince)).toEqual([...waiting.map((c) => c.waitingSince)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    process.stdout.write(`\nInbox timing, ${TOTAL} conversations, socket round trip incl. 50 conversation reads:\n${rows.join('\n')}\n`);
  });
});
