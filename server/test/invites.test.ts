import type { AgentSummary, InviteCreated } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentClient, request, signIn, startTestRedis, startTestServer, whenConnected,
  type AgentClient, type TestRedis, type TestServer,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
const open: AgentClient[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
  await redis.dispose();
});

async function connect(cookie: string): Promise<AgentClient> {
  const socket = agentClient(server.url, cookie);
  open.push(socket);
  await whenConnected(socket);
  return socket;
}

const accept = (token: string, password: string) =>
  fetch(`${server.url}/api/invites/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) });

describe('agent invites', () => {
  it('invites an agent with a one-time link, signs them in, and lets the admin change the role', async () => {
    const admin = await connect(await signIn(server.url));
    const invited = await request<InviteCreated>(admin, 'agent:invite', { email: 'Cleo@Hilo.test', name: 'Cleo', role: 'agent' });
    if (!invited.ok) throw new Error(invited.error.message);
    const token = new URL(invited.data.inviteUrl).searchParams.get('invite') ?? '';
    expect(invited.data.inviteUrl).toMatch(/\/console\/\?invite=/);

    expect((await accept(token, 'short')).status).toBe(400);
    const first = await accept(token, 'a good long password');
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ agent: { email: 'cleo@hilo.test', name: 'Cleo', role: 'agent' } });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const cleo = await connect(cookie);
    // One time only.
    expect((await accept(token, 'a good long password')).status).toBe(404);

    expect(await request(cleo, 'agent:invite', { email: 'x@hilo.test', name: 'X' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(admin, 'agent:invite', { email: 'cleo@hilo.test', name: 'Again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const list = await request<AgentSummary[]>(admin, 'agents:list', {});
    const cleoId = list.ok ? list.data.find((a) => a.name === 'Cleo')?.id : undefined;
    expect(cleoId).toBeDefined();
    const promoted = await request<AgentSummary>(admin, 'agent:role', { agentId: cleoId, role: 'admin' });
    expect(promoted).toMatchObject({ ok: true, data: { role: 'admin', status: 'online' } });

    // Deactivation: the session dies at once, sign-in fails, the agent leaves every list.
    expect(await request(admin, 'agent:deactivate', { agentId: list.ok ? list.data.find((a) => a.role === 'admin' && a.name !== 'Cleo')?.id : '' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const kicked = new Promise<void>((resolve) => cleo.once('disconnect', () => resolve()));
    expect(await request(admin, 'agent:deactivate', { agentId: cleoId })).toEqual({ ok: true, data: null });
    await kicked;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cleo@hilo.test', password: 'a good long password' }),
    });
    expect(login.status).toBe(401);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    const after = await request<AgentSummary[]>(admin, 'agents:list', {});
    expect(after.ok && after.data.map((a) => a.name)).toEqual(['Alex Admin']);
  });
});
