import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/infra/free-port.js';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'hilo-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { HOME: process.env.HOME, PATH: process.env.PATH, LOG_LEVEL: 'warn', SMTP_INBOUND_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

describe('the server process', () => {
  it('stops with a readable list when the configuration is wrong', async () => {
    const proc = run({ PORT: 'http', PUBLIC_URL: 'ftp://x' });
    expect(await proc.exit).toBe(1);
    expect(proc.output()).toMatch(/Invalid configuration:\n {2}PORT: .*\n {2}PUBLIC_URL/);
  });

  it('says how to get Redis when REDIS_URL is unset and redis-server is not installed', async () => {
    const proc = run({ PATH: '/nonexistent', DATA_DIR: dataDir, PORT: '0' });
    expect(await proc.exit).toBe(1);
    expect(proc.output()).toContain('apt-get install -y redis-server');
    expect(proc.output()).toContain('REDIS_URL');
  });

  it('starts its own Redis, prints the demo login once, and shuts both down on SIGTERM', async () => {
    const port = await findFreePort();
    const proc = run({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await expect.poll(proc.output, { timeout: 15_000 }).toContain('Hilo is running.');
    const output = proc.output();
    expect(output).toContain(`http://localhost:${port}/demo`);
    expect(output).toMatch(/Password: {9}[A-Za-z0-9_-]{16}/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const redisPid = Number(/"redisPid":(\d+)/.exec(output)?.[1]);
    expect(() => process.kill(redisPid, 0)).not.toThrow();

    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
    expect(() => process.kill(redisPid, 0)).toThrow();

    // Second start on the same data: same site, password not printed again.
    const again = run({ PORT: String(port), DATA_DIR: dataDir });
    await expect.poll(again.output, { timeout: 15_000 }).toContain('Hilo is running.');
    expect(again.output()).toContain('printed at first start');
    expect(again.output().match(/data-site="([^"]+)"/)?.[1]).toBe(output.match(/data-site="([^"]+)"/)?.[1]);
    again.child.kill('SIGTERM');
    expect(await again.exit).toBe(0);
  });
});
