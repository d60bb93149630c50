import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, INTEGRATION_TOKEN, SHOP_ORIGIN } from '../harness.js';

const serverMain = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface HiloProcess {
  url: string;
  port: number;
  pid: number;
  siteKey: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** Sends a signal by PID (SIGKILL for a crash, SIGTERM for a graceful stop) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * A real Hilo process (`node --import tsx src/main.ts`, no build needed) against a shared Redis, so
 * several of them can run side by side like a production deployment behind a balancer.
 */
export async function startHiloProcess(redisUrl: string, env: Record<string, string> = {}): Promise<HiloProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hilo-fault-'));
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      PORT: '0',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      INTEGRATION_TOKEN,
      DEMO_ALLOWED_ORIGINS: SHOP_ORIGIN,
      // No sample customer, articles or answer bot: the tests count every stored message.
      DEMO_SEED: 'false',
      SMTP_INBOUND_PORT: 'off',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '8000',
      // The tests drive many clients from one address; limits are covered in protection.test.ts.
      RATE_LIMIT_VISITOR_PER_SECOND: '100000',
      RATE_LIMIT_AGENT_PER_SECOND: '100000',
      RATE_LIMIT_IP_PER_SECOND: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const { port, siteKey } = await new Promise<{ port: number; siteKey: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Hilo did not start in 30 s:\n${output}`)), 30_000);
    const check = () => {
      const port = /"port":(\d+)[^\n]*"msg":"listening"/.exec(output)?.[1];
      const siteKey = /data-site="([^"]+)"/.exec(output)?.[1];
      if (port && siteKey) {
        clearTimeout(timer);
        resolve({ port: Number(port), siteKey });
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Hilo exited with ${code}:\n${output}`));
    });
  });
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    siteKey,
    child,
    exited,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid as number, signal);
      return exited;
    },
  };
}

/** Stops whatever is still running at the end of a test file (by PID, never by name). */
export async function stopAll(processes: HiloProcess[]): Promise<void> {
  // Errors a client saw as `internal` are logged by the server as "unexpected error": show them in CI.
  for (const p of processes) {
    for (const line of p.output().split('\n')) if (line.includes('unexpected error')) console.warn(`[hilo ${p.pid}] ${line.slice(0, 2000)}`);
  }
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      const force = setTimeout(() => p.child.kill('SIGKILL'), 5000);
      await p.kill('SIGTERM');
      clearTimeout(force);
    }),
  );
}
