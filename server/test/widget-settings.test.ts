import { DEFAULT_WIDGET_SETTINGS, type Agent, type WidgetSettings } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidgetSettingsService } from '../src/domain/widget-settings-service.js';
import type { SiteRepository } from '../src/domain/ports.js';
import { signIn, startTestRedis, startTestServer, type TestRedis, type TestServer } from './harness.js';

let redis: TestRedis;
let server: TestServer;
let cookie: string;

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  cookie = await signIn(server.url);
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

function put(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/widget-settings`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('widget settings over HTTP', () => {
  it('serves defaults, then what an admin saved, to any origin with a short cache', async () => {
    const first = await fetch(`${server.url}/widget/config/${server.site.publicKey}`, { headers: { origin: 'https://elsewhere.example' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('cache-control')).toMatch(/max-age=60\b/);
    expect(await first.json()).toEqual({ ...DEFAULT_WIDGET_SETTINGS, ink: '#fff', accent: '#4f46e5' });

    const saved = await put({
      color: '#0a7d33',
      position: 'left',
      greeting: 'Hola 👋',
      businessHours: { enabled: true, timeZone: 'Europe/Madrid', ranges: [{ day: 1, start: '09:00', end: '17:30' }] },
      agents: [{ agentId: 'a1', displayName: 'Marta', avatarUrl: null }],
    });
    expect(saved.status).toBe(200);
    const config = (await (await fetch(`${server.url}/widget/config/${server.site.publicKey}`)).json()) as WidgetSettings;
    expect(config).toMatchObject({ color: '#0a7d33', position: 'left', greeting: 'Hola 👋', offsetX: 20, prechat: 'off', ink: '#fff' });
    expect(config.businessHours.timeZone).toBe('Europe/Madrid');

    const read = await fetch(`${server.url}/api/widget-settings`, { headers: { cookie } });
    const view = (await read.json()) as { settings: WidgetSettings; agents: { id: string; name: string }[] };
    expect(view.settings.color).toBe('#0a7d33');
    expect(view.agents.length).toBeGreaterThan(0);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = await (await fetch(`${server.url}/widget/config/${server.site.publicKey}`)).text();
    for (const body of [
      { color: 'red' },
      { position: 'top' },
      { businessHours: { enabled: true, timeZone: 'Mars/Olympus', ranges: [] } },
      { businessHours: { enabled: true, timeZone: 'UTC', ranges: [{ day: 1, start: '18:00', end: '09:00' }] } },
      { agents: [{ agentId: 'a1', displayName: 'X', avatarUrl: 'javascript:alert(1)' }] },
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    expect(await (await fetch(`${server.url}/widget/config/${server.site.publicKey}`)).text()).toBe(before);
  });

  it('needs a session, JSON from the console origin, and a known site key', async () => {
    expect((await fetch(`${server.url}/api/widget-settings`)).status).toBe(401);
    expect((await put({ color: '#000000' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await fetch(`${server.url}/widget/config/pk_nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/widget/config/${encodeURIComponent('a b')}`)).status).toBe(404);
  });
});

describe('widget settings service', () => {
  it('lets only admins change settings', async () => {
    const store = new Map<string, WidgetSettings>();
    const service = createWidgetSettingsService({
      sites: {} as SiteRepository,
      settings: { get: async (id) => store.get(id) ?? DEFAULT_WIDGET_SETTINGS, set: async (id, s) => void store.set(id, s), agentsOf: async () => [] },
    });
    const agent: Agent = { id: 'g1', siteId: 's1', email: 'g@x.co', name: 'G', role: 'agent' };
    await expect(service.update(agent, { color: '#000000' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(store.size).toBe(0);
    await service.update({ ...agent, role: 'admin' }, { color: '#000000' });
    expect(store.get('s1')?.color).toBe('#000000');
  });
});
