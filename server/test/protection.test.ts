import type { ConversationHistory, Message } from '@hilo/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  agentClient, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

/**
 * Rate limits (per visitor, per agent, per address) and overload shedding, against a real server
 * with deliberately small limits. Refused work must leave no trace; retried work must be stored once.
 */
let redis: TestRedis;
let limited: TestServer;
let shedding: TestServer;
const open: Array<VisitorClient | AgentClient> = [];

beforeAll(async () => {
  redis = await startTestRedis();
  limited = await startTestServer(redis.url, {
    protection: { visitor: { burst: 3, perSecond: 2 }, agent: { burst: 4, perSecond: 2 }, ip: { burst: 12, perSecond: 4 } },
  });
  shedding = await startTestServer(redis.url, { protection: { visitor: { burst: 1000, perSecond: 1000 }, overload: { maxInFlight: 2, sampleMs: 50, maxLagMs: 150, holdMs: 1500 } } });
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await limited.close();
  await shedding.close();
  await redis.dispose();
});

async function visitor(server: TestServer): Promise<VisitorClient> {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
  open.push(socket);
  await whenReady(socket);
  return socket;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limits', () => {
  it('refuses a visitor past its burst with rate_limited and a retry hint, storing nothing, then lets it retry', async () => {
    const shopper = await visitor(limited);
    const sends = await Promise.all([1, 2, 3, 4].map((n) => request<Message>(shopper, 'message:send', { clientId: `client-${n}`, text: `m${n}` })));
    expect(sends.slice(0, 3).map((a) => (a.ok ? 'ok' : a.error))).toEqual(['ok', 'ok', 'ok']);
    const refused = sends[3];
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const retryAfterMs = refused && !refused.ok ? (refused.error.retryAfterMs ?? 0) : 0;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(500);

    await sleep(retryAfterMs + 20);
    const history = await request<ConversationHistory>(shopper, 'conversation:sync', { afterOrder: 0 });
    expect(history.ok && history.data.messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3']);
    await sleep(500);
    const retried = await request<Message>(shopper, 'message:send', { clientId: 'client-4', text: 'm4' });
    expect(retried).toMatchObject({ ok: true, data: { order: 4, text: 'm4' } });
  });

  it('limits each agent on its own and every client of one address together', async () => {
    await sleep(1500); // let the address bucket refill after the test above
    const cookie = await signIn(limited.url);
    const staff = agentClient(limited.url, cookie);
    open.push(staff);
    await whenConnected(staff);
    const lists = await Promise.all([1, 2, 3, 4, 5].map(() => request(staff, 'inbox:list', {})));
    expect(lists.map((a) => a.ok)).toEqual([true, true, true, true, false]);
    expect(lists[4]).toMatchObject({ error: { code: 'rate_limited' } });

    // Two fresh visitors from the same address: their own buckets are full, the address's is not.
    await sleep(2000);
    const [a, b] = await Promise.all([visitor(limited), visitor(limited)]);
    const answers = [];
    for (const socket of [a, b, a, b, a, b, a, b]) answers.push(await request(socket, 'conversation:sync', { afterOrder: 0 }));
    const codes = answers.map((x) => (x.ok ? 'ok' : x.error.code));
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(2);
    expect(codes).toContain('rate_limited');
  });

  it('answers HTTP floods with 429, Retry-After and the error body; /healthz stays reachable', async () => {
    await sleep(3000);
    const statuses: number[] = [];
    let limitedRes: Response | null = null;
    for (let i = 0; i < 16; i += 1) {
      const res = await fetch(`${limited.url}/api/auth/me`);
      statuses.push(res.status);
      if (res.status === 429) limitedRes = res;
    }
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    expect(limitedRes?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limitedRes?.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
  });
});

describe('overload shedding', () => {
  it('sheds events beyond the in-flight cap with unavailable; retries with the same clientId store each message once', async () => {
    const shopper = await visitor(shedding);
    const clientIds = Array.from({ length: 12 }, () => uuid());
    let shed = 0;
    let pending = clientIds;
    for (let round = 0; pending.length && round < 20; round += 1) {
      const answers = await Promise.all(pending.map((clientId) => request<Message>(shopper, 'message:send', { clientId, text: clientId })));
      const next: string[] = [];
      answers.forEach((answer, i) => {
        if (answer.ok) return;
        expect(answer.error.code).toBe('unavailable');
        expect(answer.error.retryAfterMs).toBeGreaterThan(0);
        shed += 1;
        next.push(pending[i] as string);
      });
      pending = next;
      await sleep(20);
    }
    expect(shed).toBeGreaterThan(0);
    expect(pending).toEqual([]);
    const history = await request<ConversationHistory>(shopper, 'conversation:sync', { afterOrder: 0 });
    const texts = history.ok ? history.data.messages.map((m) => m.text) : [];
    expect(texts.length).toBe(12);
    expect(new Set(texts)).toEqual(new Set(clientIds));
  });

  it('refuses events, HTTP and new sockets while the event loop lags, and recovers', async () => {
    const shopper = await visitor(shedding);
    const busyUntil = Date.now() + 400;
    while (Date.now() < busyUntil) {
      // Saturate this process's event loop, as a CPU-bound burst would.
    }
    // The verdict comes from the next lag sample; under a loaded CI machine that can take a moment.
    let res = await fetch(`${shedding.url}/api/auth/me`);
    for (let i = 0; res.status !== 503 && i < 20; i += 1) {
      await sleep(25);
      res = await fetch(`${shedding.url}/api/auth/me`);
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } });
    const answer = await request(shopper, 'conversation:sync', { afterOrder: 0 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const refusedSocket = visitorClient(shedding.url, { siteKey: shedding.site.publicKey });
    open.push(refusedSocket);
    await expect(whenReady(refusedSocket)).rejects.toThrow();
    expect((await fetch(`${shedding.url}/healthz`)).status).toBe(200);
    // Files from disk still load: the shop keeps its chat button and the agent the sign-in page.
    expect((await fetch(`${shedding.url}/widget/loader.js`)).status).toBe(200);
    expect((await fetch(`${shedding.url}/console/`)).status).toBe(200);
    // The widget's Redis-backed routes behind the same prefix are still shed.
    expect((await fetch(`${shedding.url}/widget/config/${shedding.site.publicKey}`)).status).toBe(503);

    await sleep(1700);
    expect(await request(shopper, 'conversation:sync', { afterOrder: 0 })).toMatchObject({ ok: true });
    expect((await fetch(`${shedding.url}/api/auth/me`)).status).toBe(401);
  });
});
