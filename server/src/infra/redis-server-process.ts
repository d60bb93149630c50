import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { findFreePort } from './free-port.js';

export interface RedisServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Stops this redis-server (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  dir: string;
  port?: number;
  appendonly?: boolean;
  /** Extra `--flag value` pairs, e.g. for cluster mode. */
  args?: string[];
  binary?: string;
}

export class RedisServerMissingError extends Error {
  constructor(binary: string) {
    super(
      `Could not start "${binary}": it is not on PATH.\n` +
        '  Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis)\n' +
        '  or point Hilo at a running Redis with REDIS_URL=redis://host:6379',
    );
  }
}

/**
 * Starts a private redis-server as a child process, bound to loopback, and resolves once it accepts
 * connections. Used by `main.ts` when REDIS_URL is unset and by every test harness.
 */
export async function startRedisServer(options: RedisServerOptions): Promise<RedisServerProcess> {
  // A port it picked itself may still be taken between the probe and redis-server's bind: pick again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOn(options, options.port ?? (await findFreePort()));
    } catch (err) {
      if (options.port !== undefined || attempt >= 3 || err instanceof RedisServerMissingError) throw err;
    }
  }
}

async function startOn(options: RedisServerOptions, port: number): Promise<RedisServerProcess> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const binary = options.binary ?? 'redis-server';
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendonly === false ? 'no' : 'yes',
    '--appendfsync', 'everysec',
    '--daemonize', 'no',
    '--protected-mode', 'yes',
    ...(options.args ?? []),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitUntilReady(child, binary);
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null) done();
    else child.once('exit', () => done());
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitUntilReady(child: ChildProcess, binary: string): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not become ready in 10 s:\n${output.slice(-2000)}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining so a chatty redis-server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? new RedisServerMissingError(binary) : err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
}
