import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../store/redis-client.js';
import { RedisServerMissingError, startRedisServer } from './redis-server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-redis-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startRedisServer', () => {
  it('starts a private redis with AOF on, keeps data across a restart, and stops by PID', async () => {
    const first = await startRedisServer({ dir, appendonly: true });
    const client = await connectRedis({ url: first.url, onError: () => undefined });
    expect(await client.configGet('appendonly')).toEqual({ appendonly: 'yes' });
    await client.set('kept', 'yes');
    client.destroy();
    await first.stop();

    const second = await startRedisServer({ dir, appendonly: true, port: first.port });
    const again = await connectRedis({ url: second.url, onError: () => undefined });
    expect(await again.get('kept')).toBe('yes');
    again.destroy();
    await second.stop();
    expect(() => process.kill(second.pid, 0)).toThrow();
  });

  it('explains how to install redis-server or set REDIS_URL when it is missing', async () => {
    const error = await startRedisServer({ dir, binary: 'redis-server-that-does-not-exist' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RedisServerMissingError);
    expect((error as Error).message).toMatch(/apt-get install -y redis-server/);
    expect((error as Error).message).toMatch(/REDIS_URL/);
  });
});
