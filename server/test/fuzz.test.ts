import {
  agentCapacitySchema, agentSendSchema, agentStatusSchema, callLogSchema, callRecordSchema, contactGetSchema, contactMergeSchema,
  conversationAssignSchema, conversationLabelsSchema, conversationNoteSchema, conversationOpenSchema, conversationRefSchema,
  conversationSnoozeSchema, conversationTransferSchema, identifySchema, inboundEmailWebhookSchema, inboxListSchema, inboxViewSchema,
  apiTokenCreateSchema, articleFeedbackSchema, articleInputSchema, articlePreviewSchema, botSettingsSchema, loginSchema, noteAddSchema,
  restAssignSchema, restContactCreateSchema, restContactMergeSchema, restContactUpdateSchema, restNoteCreateSchema, restReplySchema,
  routingRulesSaveSchema, siteOriginsSchema, webhookCreateSchema, webhookUpdateSchema, teamSaveSchema, visitorContextSchema, visitorSendSchema, visitorSyncSchema,
  type Ack, type Conversation, type Message,
} from '@hilo/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { junk, junkString, mutate, pick, seededRng, type Rng } from './fuzz-payloads.js';
import {
  agentClient, INTEGRATION_TOKEN, nextEvent, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';
import { snapshotRedis } from './redis-snapshot.js';

/**
 * Thousands of malformed, oversized and wrong-typed payloads at every visitor and agent event and every
 * HTTP route. Afterwards the server must answer /healthz, still chat, and Redis must hold exactly what it
 * held before (rate-limit counters aside). Reproduce a failure with FUZZ_SEED=<seed printed below>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 1200);
const rng: Rng = seededRng(SEED);

let redis: TestRedis;
let server: TestServer;
let shopper: VisitorClient;
let staff: AgentClient;
let cookie: string;
let token: string;
/** A live REST API token of the site, so /api/v1 bodies reach validation. */
let apiToken: string;
let conversation: Conversation;

/** Socket.IO reserves these names on the client; sending them throws before anything leaves. */
const RESERVED = new Set(['connect', 'connect_error', 'connection', 'disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

type Known = Record<string, { schema: z.ZodType; template: () => Record<string, unknown> }>;

beforeAll(async () => {
  console.warn(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} to replay), ${ROUNDS} rounds`);
  redis = await startTestRedis();
  // No limits and no shedding here: every payload must reach validation (protection.test.ts covers those).
  const open = { burst: 1e9, perSecond: 1e9 };
  server = await startTestServer(redis.url, { protection: { visitor: open, agent: open, ip: open, overload: { maxLagMs: 60_000, maxRedisLatencyMs: 60_000 } } });
  cookie = await signIn(server.url);
  staff = agentClient(server.url, cookie);
  await whenConnected(staff);
  shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
  ({ token } = await whenReady(shopper));
  const seen = nextEvent<Conversation>(staff, 'conversation:updated');
  await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'before the storm' });
  conversation = await seen;
  await request<Message>(staff, 'message:send', { conversationId: conversation.id, clientId: uuid(), text: 'hello' });
  const created = await fetch(`${server.url}/api/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, cookie },
    body: JSON.stringify({ name: 'fuzz' }),
  });
  ({ secret: apiToken } = (await created.json()) as { secret: string });
});
afterAll(async () => {
  shopper.disconnect();
  staff.disconnect();
  await server.close();
  await redis.dispose();
});

/** Keeps a fuzzed socket usable: an oversized frame makes the server drop the connection, by design. */
async function alive<T extends Socket>(socket: T, reconnect: () => T, ready: (s: T) => Promise<unknown>): Promise<T> {
  if (socket.connected) return socket;
  socket.disconnect();
  const fresh = reconnect();
  await ready(fresh);
  return fresh;
}

/**
 * Sends one payload the way a hostile client might: with or without an ack, or with extra arguments
 * (then the ack is not in the second place the handlers look at, and no answer is expected).
 */
async function fire(socket: Socket, event: string, payload: unknown, listened: boolean): Promise<Ack<unknown> | 'no-ack' | 'unanswered' | 'dropped'> {
  const shape = rng();
  if (shape < 0.1) {
    socket.emit(event, payload);
    return 'no-ack';
  }
  const extra = shape < 0.15;
  try {
    const args = extra ? [payload, junk(rng)] : [payload];
    return (await socket.timeout(listened && !extra ? 2000 : 150).emitWithAck(event, ...args)) as Ack<unknown>;
  } catch {
    // A frame the server refuses to parse (too large, too deep) ends the connection by design.
    if (!socket.connected) return 'dropped';
    return listened && !extra ? 'unanswered' : 'no-ack';
  }
}

function onTheWire(value: unknown): unknown {
  const hasBinary = (v: unknown, depth = 0): boolean =>
    v instanceof Uint8Array || (depth < 50 && typeof v === 'object' && v !== null && Object.values(v).some((x) => hasBinary(x, depth + 1)));
  if (hasBinary(value)) return value;
  return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
}

function payloadFor(event: string, known: Known): { payload: unknown; checked: boolean } {
  const entry = Object.hasOwn(known, event) ? known[event] : undefined;
  if (!entry) {
    // No schema at hand: only values no object schema accepts (never a state change).
    return { payload: pick(rng, [null, 42, 'text', true, [], [junk(rng)], junkString(rng)]), checked: false };
  }
  for (let tries = 0; tries < 20; tries += 1) {
    // Check what the server will receive: JSON turns NaN into null, drops undefined and own __proto__ keys.
    const payload = onTheWire(mutate(rng, entry.template()));
    if (!entry.schema.safeParse(payload).success) return { payload, checked: true };
  }
  return { payload: null, checked: true };
}

describe('fuzz', () => {
  it('rejects thousands of hostile socket payloads and HTTP requests without a state change or a crash', { timeout: 90_000 }, async () => {
    const started = Date.now();
    // Agent presence heartbeats (routing) move on their own; everything else must stay put.
    // Rate-limit counters, presence heartbeats and the API token's "last used" stamp may change.
    const volatile = /^hilo:rl:|:route:presence$|:api-tokens-used$/;
    const before = await snapshotRedis(server.redis, volatile);
    const visitorKnown: Known = {
      'message:send': { schema: visitorSendSchema, template: () => ({ clientId: uuid(), text: 'fuzz' }) },
      'conversation:sync': { schema: visitorSyncSchema, template: () => ({ afterOrder: 0 }) },
      'visitor:identify': { schema: identifySchema, template: () => ({ email: 'fuzz@example.com', name: 'Fuzz', phone: '+34 612 345 678' }) },
      'visitor:context': { schema: visitorContextSchema, template: () => ({ url: 'https://shop.example/p', title: 'P', attributes: { plan: 'gold' } }) },
    };
    const c = () => conversation.id;
    const k = () => conversation.contactId ?? 'k_none';
    const agentKnown: Known = {
      'inbox:list': { schema: inboxListSchema, template: () => ({ status: 'open', limit: 10 }) },
      'conversation:open': { schema: conversationOpenSchema, template: () => ({ conversationId: c(), afterOrder: 0 }) },
      'message:send': { schema: agentSendSchema, template: () => ({ conversationId: c(), clientId: uuid(), text: 'fuzz' }) },
      'contact:get': { schema: contactGetSchema, template: () => ({ contactId: k() }) },
      'timeline:get': { schema: contactGetSchema, template: () => ({ contactId: k() }) },
      'contact:merge': { schema: contactMergeSchema, template: () => ({ survivorId: k(), mergedId: 'k_other' }) },
      'note:add': { schema: noteAddSchema, template: () => ({ contactId: k(), text: 'fuzz' }) },
      'call:log': { schema: callLogSchema, template: () => ({ contactId: k(), number: '+34 612 345 678', outcome: 'answered', direction: 'inbound', startedAt: 1, durationSeconds: 5 }) },
      'conversation:resolve': { schema: conversationRefSchema, template: () => ({ conversationId: c() }) },
      'conversation:reopen': { schema: conversationRefSchema, template: () => ({ conversationId: c() }) },
      'conversation:notes': { schema: conversationRefSchema, template: () => ({ conversationId: c() }) },
      'conversation:assign': { schema: conversationAssignSchema, template: () => ({ conversationId: c(), agentId: null }) },
      'conversation:transfer': { schema: conversationTransferSchema, template: () => ({ conversationId: c(), agentId: 'a_x' }) },
      'conversation:labels': { schema: conversationLabelsSchema, template: () => ({ conversationId: c(), labels: ['vip'] }) },
      'conversation:snooze': { schema: conversationSnoozeSchema, template: () => ({ conversationId: c(), until: Date.now() + 60_000 }) },
      'conversation:note': { schema: conversationNoteSchema, template: () => ({ conversationId: c(), text: 'fuzz' }) },
      'inbox:view': { schema: inboxViewSchema, template: () => ({ view: 'all', limit: 10 }) },
      'agent:status': { schema: agentStatusSchema, template: () => ({ status: 'away' }) },
      'agent:capacity': { schema: agentCapacitySchema, template: () => ({ agentId: 'a_x', capacity: 3 }) },
      'team:save': { schema: teamSaveSchema, template: () => ({ name: 'Fuzz', memberIds: [] }) },
      'routing:rules:save': { schema: routingRulesSaveSchema, template: () => ({ rules: [] }) },
    };
    // Every event a server-side socket listens to, so events added later are fuzzed too.
    const serverEvents = (namespace: string) => {
      const socket = [...server.app.io.of(namespace).sockets.values()][0];
      return (socket?.eventNames() ?? []).map(String).filter((e) => !RESERVED.has(e));
    };
    const visitorEvents = [...new Set([...serverEvents('/visitor'), ...Object.keys(visitorKnown)])];
    const agentEvents = [...new Set([...serverEvents('/agent'), ...Object.keys(agentKnown)])];
    expect(agentEvents.length).toBeGreaterThanOrEqual(8);
    const bogusEvents = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'message:send:x', '', 'x'.repeat(300)];

    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const failures: string[] = [];
    let v = shopper;
    let a = staff;

    for (let round = 0; round < ROUNDS; round += 1) {
      v = await alive(v, () => visitorClient(server.url, { siteKey: server.site.publicKey, token }), whenReady);
      a = await alive(a, () => agentClient(server.url, cookie), whenConnected);
      const batch: Promise<void>[] = [];
      for (const [socket, events, known] of [[v, visitorEvents, visitorKnown], [a, agentEvents, agentKnown]] as const) {
        const event = rng() < 0.05 ? pick(rng, bogusEvents) : pick(rng, events);
        const { payload, checked } = payloadFor(event, known);
        batch.push(
          fire(socket, event, payload, events.includes(event)).then((answer) => {
            const tag = typeof answer === 'string' ? answer : answer.ok ? 'ok' : answer.error.code;
            count(tag);
            if (tag === 'internal' || tag === 'unanswered') failures.push(`${event} ${JSON.stringify(payload)?.slice(0, 200)} → ${tag}`);
            // A payload the schema refuses must be refused with bad_request, never acted on.
            if (checked && typeof answer === 'object' && (answer.ok || answer.error.code !== 'bad_request')) {
              failures.push(`${event} ${JSON.stringify(payload)?.slice(0, 200)} → ${JSON.stringify(answer).slice(0, 200)}`);
            }
          }),
        );
      }
      if (round % 3 === 0) batch.push(fuzzHttp().then(({ status, request: sent }) => {
        count(`http ${status}`);
        if (status >= 500) failures.push(`${sent} → ${status}`);
      }));
      await Promise.all(batch);
    }
    // A handful of frames over maxHttpBufferSize: the server drops those connections and nothing else.
    for (let i = 0; i < 3; i += 1) {
      v = await alive(v, () => visitorClient(server.url, { siteKey: server.site.publicKey, token }), whenReady);
      (v as Socket).emit('message:send', { clientId: uuid(), text: 'x'.repeat(100_000) });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    console.warn(`fuzz outcomes after ${Date.now() - started} ms:`, Object.fromEntries(outcomes));
    expect(failures.slice(0, 10)).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await snapshotRedis(server.redis, volatile)).toEqual(before);

    // And the chat still works for the same visitor and agent.
    v = await alive(v, () => visitorClient(server.url, { siteKey: server.site.publicKey, token }), whenReady);
    a = await alive(a, () => agentClient(server.url, cookie), whenConnected);
    const reaches = nextEvent<Message>(a, 'message:new');
    expect(await request<Message>(v, 'message:send', { clientId: uuid(), text: 'after the storm' })).toMatchObject({ ok: true, data: { order: 3 } });
    expect(await reaches).toMatchObject({ text: 'after the storm' });
    v.disconnect();
    a.disconnect();
  });
});

/** A hostile path segment: percent-encoded junk, or a raw broken escape. */
function seg(max: number): string {
  if (rng() < 0.1) return pick(rng, ['%zz', '%', '..%2f..%2f', '%00', '%E0%A4%A']);
  return encodeURIComponent(junkString(rng).slice(0, max).replace(/[\ud800-\udfff]/g, '?'));
}

/** One hostile HTTP request at a random route; resolves with the status. */
async function fuzzHttp(): Promise<{ status: number; request: string }> {
  const route = pick(rng, [
    ['POST', '/api/auth/login', loginSchema],
    ['GET', '/api/auth/me', null],
    ['POST', '/api/auth/logout', null],
    ['GET', `/api/attachments/${seg(80)}`, null],
    ['POST', '/api/calls', callRecordSchema],
    ['POST', '/api/email/inbound', inboundEmailWebhookSchema],
    ['PUT', '/api/widget-settings', null],
    ['GET', '/api/widget-settings', null],
    ['GET', `/widget/config/${seg(80)}`, null],
    ['GET', '/demo/session', null],
    ['GET', `/console/${seg(80)}`, null],
    ['GET', `/widget/${seg(80)}`, null],
    [pick(rng, ['DELETE', 'PATCH', 'PUT', 'OPTIONS']), `/api/${seg(40)}`, null],
    // Issue 7's routes, with a live admin session or API token (see `session` below) so bodies reach validation.
    ['POST', '/api/kb/articles', articleInputSchema],
    ['PUT', `/api/kb/articles/${seg(40)}`, articleInputSchema],
    ['DELETE', `/api/kb/articles/${seg(40)}`, null],
    ['POST', '/api/kb/preview', articlePreviewSchema],
    ['GET', `/api/kb/search?q=${seg(300)}&lang=${seg(5)}`, null],
    ['PUT', '/api/kb/bot', botSettingsSchema],
    ['GET', `/api/reports?from=${seg(12)}&to=${seg(12)}&tz=${seg(40)}&channel=${seg(10)}`, null],
    ['GET', `/api/reports/export/${seg(20)}.csv?from=${seg(12)}&to=${seg(12)}`, null],
    ['POST', '/api/webhooks', webhookCreateSchema],
    ['PATCH', `/api/webhooks/${seg(40)}`, webhookUpdateSchema],
    ['POST', `/api/webhooks/${seg(40)}/test`, null],
    ['POST', '/api/api-tokens', apiTokenCreateSchema],
    ['DELETE', `/api/api-tokens/${seg(40)}`, null],
    ['GET', '/api/site/install', null],
    ['PUT', '/api/site/origins', siteOriginsSchema],
    ['POST', '/api/v1/contacts', restContactCreateSchema],
    ['GET', `/api/v1/contacts?email=${seg(300)}`, null],
    ['PATCH', `/api/v1/contacts/${seg(40)}`, restContactUpdateSchema],
    ['POST', `/api/v1/contacts/${seg(40)}/merge`, restContactMergeSchema],
    ['GET', `/api/v1/conversations?status=${seg(10)}&limit=${seg(6)}&cursor=${seg(60)}`, null],
    ['POST', `/api/v1/conversations/${seg(40)}/messages`, restReplySchema],
    ['POST', `/api/v1/conversations/${seg(40)}/assign`, restAssignSchema],
    ['POST', `/api/v1/conversations/${seg(40)}/notes`, restNoteCreateSchema],
    ['POST', `/api/v1/conversations/${seg(40)}/resolve`, null],
    ['GET', `/widget/kb/search?site=${seg(60)}&q=${seg(300)}&limit=${seg(4)}`, null],
    ['GET', `/widget/kb/articles/${seg(40)}?site=${seg(60)}`, null],
    ['POST', `/widget/kb/articles/${seg(40)}/feedback?site=${seg(60)}`, articleFeedbackSchema],
    ['GET', `/help/${seg(60)}?q=${seg(300)}`, null],
    ['GET', `/help/${seg(60)}/${seg(40)}`, null],
    ['POST', `/help/${seg(60)}/${seg(40)}/feedback`, null],
  ] as const);
  const [method, path, schema] = route;
  // Cookie routes of issue 7 get the admin's live session, /api/v1 the live API token (never logout).
  const session = /^\/api\/(kb|reports|webhooks|api-tokens)\b/.test(path) && rng() < 0.8;
  const bearer = path.startsWith('/api/v1/') && rng() < 0.8;
  const headers: Record<string, string> = {};
  const roll = rng();
  if (roll < 0.7) headers['content-type'] = 'application/json';
  else if (roll < 0.8) headers['content-type'] = pick(rng, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']);
  // The integration token only with bodies the schema refuses; the session cookie never (logout would end it).
  if (schema && schema !== loginSchema && rng() < 0.7) headers.authorization = `Bearer ${INTEGRATION_TOKEN}`;
  else if (rng() < 0.3) headers.authorization = `Bearer ${junkString(rng).replace(/[^\x20-\x7e]/g, '').slice(0, 100)}`;
  if (rng() < 0.3) headers.cookie = `hilo_session=${seg(100)}`;
  if (rng() < 0.3) headers.origin = pick(rng, ['https://evil.example', 'null', server.url]);
  if (session) {
    headers.cookie = cookie;
    headers.origin = server.url;
  }
  if (bearer) headers.authorization = `Bearer ${apiToken}`;
  let body: string | undefined;
  if (method !== 'GET') {
    const kind = rng();
    if (kind < 0.15) body = '{"unterminated": ';
    else if (kind < 0.2) body = JSON.stringify({ text: 'x'.repeat(40_000) });
    else {
      let value = junk(rng);
      if (schema) {
        for (let i = 0; i < 10 && schema.safeParse(value).success; i += 1) value = junk(rng);
        if (schema.safeParse(value).success) value = null;
      }
      body = JSON.stringify(value) ?? 'undefined';
    }
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  const answer = await res.text();
  return { status: res.status, request: `${method} ${path} ${JSON.stringify(headers)} ${body?.slice(0, 200)} ⇒ ${answer.slice(0, 200)}` };
}
