import { Writable } from 'node:stream';
import type { Message } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import {
  ADMIN, agentClient, INTEGRATION_TOKEN, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type TestRedis, type TestServer,
} from './harness.js';

/** `/metrics` reflects real traffic, and no password or token ever reaches the logs, even at trace level. */
let redis: TestRedis;
let server: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  server = await startTestServer(redis.url, { logger: createLogger('trace', sink) });
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

describe('observability', () => {
  it('serves Prometheus metrics for sockets, stored messages, delivery latency, Redis errors and refusals', async () => {
    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    await whenReady(shopper);
    const cookie = await signIn(server.url);
    const staff = agentClient(server.url, cookie);
    await whenConnected(staff);
    const sent = await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'count me' });
    expect(sent.ok).toBe(true);
    await request(shopper, 'message:send', { clientId: 'bad', text: 1 });

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^hilo_sockets\{namespace="visitor"\} 1$/m);
    expect(text).toMatch(/^hilo_sockets\{namespace="agent"\} 1$/m);
    expect(text).toMatch(/^hilo_messages_stored_total\{author="visitor"\} 1$/m);
    expect(text).toMatch(/^hilo_delivery_latency_seconds_count 1$/m);
    expect(text).toMatch(/^hilo_socket_event_duration_seconds_count\{namespace="visitor",event="message:send",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^hilo_socket_event_duration_seconds_count\{namespace="visitor",event="message:send",outcome="bad_request"\} 1$/m);
    for (const name of ['hilo_redis_errors_total', 'hilo_rate_limited_total', 'hilo_shed_total', 'hilo_process_resident_memory_bytes']) {
      expect(text).toContain(`# HELP ${name}`);
    }
    // The only process on its Redis: broadcasts stay local (see solo-mode.ts).
    await expect.poll(async () => (await (await fetch(`${server.url}/metrics`)).text()).match(/^hilo_adapter_solo \d$/m)?.[0], { timeout: 5000 }).toBe('hilo_adapter_solo 1');
    shopper.disconnect();
    staff.disconnect();
  });

  it('never logs passwords, session cookies, visitor tokens or integration tokens', async () => {
    const wrong = 'not-the-password-123';
    await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: wrong }) });
    const cookie = await signIn(server.url);
    const sessionToken = cookie.split('=')[1] ?? '';
    await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    const { token } = await whenReady(shopper);
    shopper.disconnect();
    const again = visitorClient(server.url, { siteKey: server.site.publicKey, token });
    await whenReady(again);
    await request(again, 'message:send', { clientId: uuid(), text: 'hi' });
    again.disconnect();
    await fetch(`${server.url}/api/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
      body: JSON.stringify({ from: 'nope' }),
    });
    // Sign out while the socket is open: the next event is refused and that refusal is logged.
    const staff = agentClient(server.url, cookie);
    await whenConnected(staff);
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' } });
    staff.disconnect();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [ADMIN.password, wrong, sessionToken, token, INTEGRATION_TOKEN]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log).not.toContain(secret);
    }
  });
});
