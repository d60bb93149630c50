import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from './api-client';
import { AGENT } from './testing/fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('api client', () => {
  it('returns the agent from /me and null on 401', async () => {
    const fetchImpl = vi.fn().mockResolvedValueOnce(json(200, { agent: AGENT })).mockResolvedValueOnce(json(401, { error: { code: 'unauthorized', message: 'no session' } }));
    const api = createApiClient(fetchImpl);
    await expect(api.me()).resolves.toEqual(AGENT);
    await expect(api.me()).resolves.toBeNull();
    expect(fetchImpl).toHaveBeenCalledWith('/api/auth/me', expect.objectContaining({ method: 'GET', credentials: 'same-origin' }));
  });

  it('sends JSON content type on logout even without a body, and accepts 204', async () => {
    const fetchImpl = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    await createApiClient(fetchImpl).logout();
    const [url, init] = fetchImpl.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/auth/logout');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json' });
  });

  it('maps error bodies to a typed ApiError', async () => {
    const fetchImpl = vi.fn().mockResolvedValue(json(429, { error: { code: 'rate_limited', message: 'Too many attempts' } }));
    const failure = await createApiClient(fetchImpl).login({ email: 'a@b.co', password: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 429, code: 'rate_limited', message: 'Too many attempts' });
  });

  it('reports an unreachable server as status 0', async () => {
    const fetchImpl = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(createApiClient(fetchImpl).login({ email: 'a@b.co', password: 'x' })).rejects.toMatchObject({ status: 0, code: 'unavailable' });
  });

  it('asks again when the server shed the request (503), then gives up after a few tries', async () => {
    const shed = () => new Response(JSON.stringify({ error: { code: 'unavailable', message: 'busy' } }), { status: 503, headers: { 'Retry-After': '0.01' } });
    const retried = vi.fn().mockResolvedValueOnce(shed()).mockResolvedValueOnce(json(200, { agent: AGENT }));
    await expect(createApiClient(retried).login({ email: 'a@b.co', password: 'x' })).resolves.toEqual(AGENT);
    expect(retried).toHaveBeenCalledTimes(2);
    const alwaysBusy = vi.fn().mockImplementation(() => Promise.resolve(shed()));
    await expect(createApiClient(alwaysBusy).login({ email: 'a@b.co', password: 'x' })).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    expect(alwaysBusy).toHaveBeenCalledTimes(4);
  });

  it('survives a non-JSON error page', async () => {
    const fetchImpl = vi.fn().mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(createApiClient(fetchImpl).login({ email: 'a@b.co', password: 'x' })).rejects.toMatchObject({ status: 502, code: 'internal' });
  });
});
