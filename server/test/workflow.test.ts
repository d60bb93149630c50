import type { AgentSummary, Conversation, ConversationHistory, ConversationNote, InboxCounts, InboxPage, Message, RoutingRule, Team } from '@hilo/shared';
import { createHash } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domain/password.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { AUTO_ASSIGN } from '../src/store/routing.lua.js';
import { monitorRedis } from './redis-monitor.js';
import {
  agentClient, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
let admin: AgentClient;
let bea: AgentClient;
const open: Array<VisitorClient | AgentClient> = [];
const BEA = { email: 'bea@hilo.test', password: 'another long password' };

/** Resolves with the first `event` payload that passes `test` (pushes arrive in any order). */
function waitFor<T>(socket: Socket, event: string, test: (payload: T) => boolean, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!test(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

async function ok<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = await request<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

async function agentSocket(credentials?: { email: string; password: string }): Promise<AgentClient> {
  const socket = agentClient(server.url, await signIn(server.url, credentials));
  open.push(socket);
  await whenConnected(socket);
  return socket;
}

/** A shopper writes; resolves with the conversation once routing has placed it. */
async function shopperWrites(text: string, placed: (c: Conversation) => boolean): Promise<{ shopper: VisitorClient; conversation: Conversation }> {
  const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
  open.push(shopper);
  await whenReady(shopper);
  const routed = waitFor<Conversation>(admin, 'conversation:updated', (c) => c.lastMessage?.text === text && placed(c));
  await ok<Message>(shopper, 'message:send', { clientId: uuid(), text });
  return { shopper, conversation: await routed };
}

/** Counts the runs of one Lua script from now until `stop()`. */
async function scriptRuns(script: string): Promise<{ stop(): Promise<number> }> {
  const sha = createHash('sha1').update(script).digest('hex');
  const monitor = await monitorRedis(redis.url);
  return { stop: async () => (await monitor.stop()).split(sha).length - 1 };
}

const agentsNow = (socket: Socket) => ok<AgentSummary[]>(socket, 'agents:list', {});
const idOf = async (email: string) => (await createAgentStore(server.redis).findByEmail(email))?.id ?? '';

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  await createAgentStore(server.redis).create({
    id: 'a_bea', siteId: server.site.id, email: BEA.email, name: 'Bea Agent', role: 'agent',
    passwordHash: await hashPassword(BEA.password), createdAt: Date.now(),
  });
  admin = await agentSocket();
  bea = await agentSocket(BEA);
  // The admin steps away so routing is deterministic: only Bea takes chats until the admin is back.
  await ok(admin, 'agent:status', { status: 'away' });
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
  await redis.dispose();
});

describe('conversation workflow over sockets', () => {
  it('auto-assigns a new conversation; resolve frees the slot and reopen gives it back', async () => {
    const { conversation } = await shopperWrites('Where is my parcel?', (c) => c.assigneeId === 'a_bea');
    expect(conversation.waitingSince).toBeGreaterThan(0);
    let agents = await agentsNow(admin);
    expect(agents.find((a) => a.id === 'a_bea')).toMatchObject({ status: 'online', load: 1 });
    expect(agents.find((a) => a.role === 'admin')).toMatchObject({ status: 'away' });

    const mine = await ok<InboxPage>(bea, 'inbox:view', { view: 'mine' });
    expect(mine.conversations.map((c) => c.id)).toContain(conversation.id);

    const resolved = await ok<Conversation>(bea, 'conversation:resolve', { conversationId: conversation.id });
    expect(resolved).toMatchObject({ status: 'resolved' });
    const all = await ok<InboxPage>(bea, 'inbox:view', { view: 'all' });
    expect(all.conversations.map((c) => c.id)).not.toContain(conversation.id);
    expect((await ok<InboxPage>(bea, 'inbox:view', { view: 'resolved' })).conversations.map((c) => c.id)).toContain(conversation.id);
    expect(await ok<InboxCounts>(bea, 'inbox:counts', {})).toEqual({ mine: 0, unassigned: 0, all: 0, snoozed: 0, resolved: 1 });
    agents = await agentsNow(admin);
    expect(agents.find((a) => a.id === 'a_bea')?.load).toBe(0);

    const reopened = await ok<Conversation>(admin, 'conversation:reopen', { conversationId: conversation.id });
    expect(reopened).toMatchObject({ status: 'open', assigneeId: 'a_bea' });
    expect((await agentsNow(admin)).find((a) => a.id === 'a_bea')?.load).toBe(1);
  });

  it('moves a held conversation to the top of its views when the shopper writes again', async () => {
    const first = await shopperWrites('Do you gift-wrap?', (c) => c.assigneeId === 'a_bea');
    const second = await shopperWrites('Is the blue one back?', (c) => c.assigneeId === 'a_bea');
    const order = async (view: 'mine' | 'all') => (await ok<InboxPage>(bea, 'inbox:view', { view })).conversations.map((c) => c.id);
    expect((await order('mine')).slice(0, 2)).toEqual([second.conversation.id, first.conversation.id]);

    await ok<Message>(first.shopper, 'message:send', { clientId: uuid(), text: 'For a birthday, please' });
    for (const view of ['mine', 'all'] as const) expect((await order(view)).slice(0, 2)).toEqual([first.conversation.id, second.conversation.id]);
    for (const { conversation } of [first, second]) await ok(bea, 'conversation:resolve', { conversationId: conversation.id });
  });

  it('moves a queued conversation to the top of the queue views when the shopper writes again, still queued', async () => {
    const counts = () => ok<InboxCounts>(bea, 'inbox:counts', {});
    const before = await counts();
    await ok(bea, 'agent:status', { status: 'away' });
    try {
      const first = await shopperWrites('Do you ship to Norway?', (c) => c.assigneeId === null);
      const second = await shopperWrites('Any discount codes?', (c) => c.assigneeId === null);
      const order = async (view: 'unassigned' | 'all') => (await ok<InboxPage>(bea, 'inbox:view', { view })).conversations.map((c) => c.id);
      expect((await order('unassigned')).slice(0, 2)).toEqual([second.conversation.id, first.conversation.id]);

      await ok<Message>(first.shopper, 'message:send', { clientId: uuid(), text: 'To Oslo, I mean' });
      for (const view of ['unassigned', 'all'] as const) expect((await order(view)).slice(0, 2)).toEqual([first.conversation.id, second.conversation.id]);
      expect(await counts()).toMatchObject({ mine: before.mine, unassigned: before.unassigned + 2 });

      // A message frees no capacity, so a further one in a queued chat does not run the queue (at most
      // the every-few-seconds run can fall inside this window).
      const runs = await scriptRuns(AUTO_ASSIGN);
      for (const text of ['Or Bergen', 'Either is fine']) await ok<Message>(first.shopper, 'message:send', { clientId: uuid(), text });
      expect(await runs.stop()).toBeLessThanOrEqual(1);

      // Still in the queue: the agent coming back gets both.
      const taken = [first, second].map(({ conversation }) => waitFor<Conversation>(admin, 'conversation:updated', (c) => c.id === conversation.id && c.assigneeId === 'a_bea'));
      await ok(bea, 'agent:status', { status: 'online' });
      await Promise.all(taken);
      expect(await counts()).toMatchObject({ mine: before.mine + 2, unassigned: before.unassigned });
      for (const { conversation } of [first, second]) await ok(bea, 'conversation:resolve', { conversationId: conversation.id });
    } finally {
      await ok(bea, 'agent:status', { status: 'online' });
    }
  });

  it('keeps internal notes away from the shopper, and transfers with a note', async () => {
    const { shopper, conversation } = await shopperWrites('Can I change the size?', (c) => c.assigneeId === 'a_bea');
    const shopperSaw: string[] = [];
    shopper.on('message:new', (m: Message) => shopperSaw.push(m.text));
    const adminSees = waitFor<ConversationNote>(admin, 'conversation:note', (n) => n.conversationId === conversation.id);
    await ok<ConversationNote>(bea, 'conversation:note', { conversationId: conversation.id, text: 'Secret: check the warehouse first' });
    expect(await adminSees).toMatchObject({ text: 'Secret: check the warehouse first', author: { name: 'Bea Agent' } });

    const adminId = await idOf('admin@hilo.test');
    const transferNote = waitFor<ConversationNote>(admin, 'conversation:note', (n) => n.text.startsWith('Transferred'));
    const moved = await ok<Conversation>(bea, 'conversation:transfer', { conversationId: conversation.id, agentId: adminId, note: 'VIP, be quick' });
    expect(moved.assigneeId).toBe(adminId);
    expect((await transferNote).text).toBe('Transferred to Alex Admin: VIP, be quick');
    const notes = await ok<ConversationNote[]>(admin, 'conversation:notes', { conversationId: conversation.id });
    expect(notes.map((n) => n.text)).toEqual(['Secret: check the warehouse first', 'Transferred to Alex Admin: VIP, be quick']);

    const history = await ok<ConversationHistory>(shopper, 'conversation:sync', { afterOrder: 0 });
    expect(history.messages.map((m) => m.text)).toEqual(['Can I change the size?']);
    await new Promise((r) => setTimeout(r, 200));
    expect(shopperSaw.join(' ')).not.toMatch(/Secret|Transferred/);
  });

  it('routes by keyword rule to the team, and only its members get it', async () => {
    const team = await ok<Team>(admin, 'team:save', { name: 'Billing', memberIds: ['a_bea'] });
    await ok<RoutingRule[]>(admin, 'routing:rules:save', { rules: [{ teamId: team.id, match: 'keyword', value: 'refund' }] });
    await ok(admin, 'agent:status', { status: 'online' });
    const { conversation } = await shopperWrites('I would like a refund', (c) => c.assigneeId !== null);
    expect(conversation).toMatchObject({ teamId: team.id, assigneeId: 'a_bea' });
    const byTeam = await ok<InboxPage>(admin, 'inbox:view', { view: 'team', teamId: team.id });
    expect(byTeam.conversations.map((c) => c.id)).toEqual([conversation.id]);
  });

  it('refuses bad input and non-admin changes without changing anything', async () => {
    const { conversation } = await shopperWrites('Hello there', (c) => c.assigneeId !== null);
    const bad = await request(bea, 'conversation:assign', { conversationId: conversation.id, agentId: 'no spaces!' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await request(bea, 'conversation:assign', { conversationId: conversation.id, agentId: 'a_ghost' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(bea, 'team:save', { name: 'Mine', memberIds: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(bea, 'conversation:transfer', { conversationId: conversation.id, note: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const after = await ok<ConversationHistory>(admin, 'conversation:open', { conversationId: conversation.id, afterOrder: 0 });
    expect(after.conversation.assigneeId).toBe(conversation.assigneeId);
  });

  it('labels, unassigns to the queue, snoozes and wakes when due', async () => {
    const { conversation } = await shopperWrites('Question about gift cards', (c) => c.assigneeId !== null);
    const labelled = await ok<Conversation>(admin, 'conversation:labels', { conversationId: conversation.id, labels: ['VIP', 'gift'] });
    expect(labelled.labels).toEqual(['vip', 'gift']);
    expect((await ok<InboxPage>(admin, 'inbox:view', { view: 'label', label: 'vip' })).conversations.map((c) => c.id)).toEqual([conversation.id]);

    const snoozed = await ok<Conversation>(admin, 'conversation:snooze', { conversationId: conversation.id, until: Date.now() + 300 });
    expect(snoozed.status).toBe('pending');
    expect((await ok<InboxPage>(admin, 'inbox:view', { view: 'snoozed' })).conversations.map((c) => c.id)).toContain(conversation.id);
    await new Promise((r) => setTimeout(r, 400));
    const woke = waitFor<Conversation>(admin, 'conversation:updated', (c) => c.id === conversation.id && c.status === 'open');
    expect(await server.app.services.workflow.sweepSnoozes()).toBe(1);
    expect(await woke).toMatchObject({ status: 'open', snoozedUntil: null, assigneeId: conversation.assigneeId });
  });

  it('agents going offline when all their tabs close', async () => {
    const second = await agentSocket(BEA);
    second.disconnect();
    await new Promise((r) => setTimeout(r, 150));
    expect((await agentsNow(admin)).find((a) => a.id === 'a_bea')?.status).toBe('online');
    const gone = waitFor<AgentSummary[]>(admin, 'agents:changed', (list) => list.find((a) => a.id === 'a_bea')?.status === 'offline');
    bea.disconnect();
    await gone;
  });
});

describe('routing across two server processes on one Redis', () => {
  it('assigns each new conversation exactly once while both processes run the queue', async () => {
    const second = await startTestServer(redis.url);
    try {
      // Shoppers on the second process, agents on the first; both processes pump the queue.
      const shoppers = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const shopper = visitorClient(second.url, { siteKey: second.site.publicKey });
          open.push(shopper);
          await whenReady(shopper);
          return shopper;
        }),
      );
      await Promise.all(shoppers.map((s, i) => ok<Message>(s, 'message:send', { clientId: uuid(), text: `two processes ${i}` })));
      await Promise.all([server.app.services.workflow.pump(server.site.id), second.app.services.workflow.pump(server.site.id)]);
      await new Promise((r) => setTimeout(r, 300));
      const page = await ok<InboxPage>(admin, 'inbox:view', { view: 'all', limit: 200 });
      const mine = page.conversations.filter((c) => c.lastMessage?.text.startsWith('two processes'));
      expect(mine).toHaveLength(6);
      const agents = await agentsNow(admin);
      const totalLoad = agents.reduce((n, a) => n + a.load, 0);
      const assigned = (await ok<InboxPage>(admin, 'inbox:view', { view: 'unassigned', limit: 200 })).total;
      // Every open conversation is either in the queue (unassigned) or counted once in one agent's load.
      expect(totalLoad + assigned).toBe(page.total);
      for (const a of agents) expect(a.load).toBeLessThanOrEqual(a.capacity);
    } finally {
      await second.close();
    }
  });
});
