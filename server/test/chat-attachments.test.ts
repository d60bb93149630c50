import type { Message } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_ORIGIN, startTestRedis, startTestServer, uuid, visitorClient, whenReady, type TestRedis, type TestServer } from './harness.js';

let redis: TestRedis;
let server: TestServer;
let token = '';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
  token = (await whenReady(socket)).token;
  socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

function upload(body: Buffer, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/widget/files/${server.site.publicKey}`, {
    method: 'POST',
    headers: { origin: SHOP_ORIGIN, authorization: `Bearer ${token}`, 'x-client-id': uuid(), 'x-filename': encodeURIComponent('foto "1".png'), 'content-type': 'text/html', ...headers },
    body,
  });
}

describe('chat attachments', () => {
  it('stores a file typed by its bytes, posts it into the conversation and serves it with safe headers', async () => {
    const res = await upload(PNG);
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    const { message } = (await res.json()) as { message: Message };
    expect(message.author.kind).toBe('visitor');
    const url = /\/widget\/files\/\S+/.exec(message.text)?.[0] ?? '';
    expect(message.text.startsWith('📎 foto 1.png\n')).toBe(true);

    const file = await fetch(`${server.url}${url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename\*=UTF-8''foto%201\.png$/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses unknown types, other origins, missing tokens and oversize files, storing nothing', async () => {
    const html = await upload(Buffer.from('<html><script>alert(1)</script>'), { 'x-filename': 'cat.png', 'content-type': 'image/png' });
    expect(html.status).toBe(400);
    expect(((await html.json()) as { error: { message: string } }).error.message).toMatch(/Only images/);
    expect((await upload(PNG, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await upload(PNG, { authorization: 'Bearer forged' })).status).toBe(401);
    expect((await upload(Buffer.alloc(6 * 1024 * 1024, 0xff))).status).toBe(413);
    expect((await fetch(`${server.url}/widget/files/f_doesnotexist0000000000000`)).status).toBe(404);
  });

  it('answers the CORS preflight for allowed origins only', async () => {
    const ok = await fetch(`${server.url}/widget/files/${server.site.publicKey}`, { method: 'OPTIONS', headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-headers')).toContain('X-Filename');
    const bad = await fetch(`${server.url}/widget/files/${server.site.publicKey}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(bad.status).toBe(403);
  });
});
