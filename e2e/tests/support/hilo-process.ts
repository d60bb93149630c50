import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@hilo/server/free-port';

const serverMain = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));

export const INTEGRATION_TOKEN = 'e2e-integration-token-0123456789';

export interface HiloProcess {
  url: string;
  siteKey: string;
  smtpPort: number;
  admin: { email: string; password: string };
  port: number;
  dataDir: string;
  output(): string;
  /** SIGTERM by PID; the data folder is removed unless `keepData` (for a restart on the same data). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** A port below the kernel's ephemeral range, so no outgoing connection takes it before Hilo binds it. */
export const freePort = findFreePort;

/**
 * Starts the built server exactly as the demo command does: no REDIS_URL, so it runs its own
 * redis-server child under a fresh data folder. Stopped with SIGTERM by PID.
 */
export async function startHilo(reuse?: StartOptions): Promise<HiloProcess> {
  // A port picked here can still be taken before Hilo binds it: pick again (a restart keeps its port).
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOn(reuse?.port ?? (await freePort()), reuse);
    } catch (err) {
      if (reuse?.port !== undefined || attempt >= 3 || !String(err).includes('EADDRINUSE')) throw err;
    }
  }
}

interface StartOptions {
  port?: number;
  dataDir?: string;
  allowedOrigins?: string[];
  smtpUrl?: string;
  answerBot?: boolean;
}

async function startOn(port: number, reuse?: StartOptions): Promise<HiloProcess> {
  const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), 'hilo-e2e-'));
  const admin = { email: 'admin@hilo.test', password: 'e2e-password-123' };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    DEMO_ALLOWED_ORIGINS: (reuse?.allowedOrigins ?? []).join(','),
    SMTP_INBOUND_PORT: '0',
    INTEGRATION_TOKEN,
    // Well inside stop()'s 10 s before SIGKILL, so Hilo always stops its redis-server child itself.
    SHUTDOWN_GRACE_MS: '5000',
    ...(reuse?.smtpUrl ? { SMTP_URL: reuse.smtpUrl } : {}),
  };
  const child = spawn(process.execPath, [serverMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Hilo did not start in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = /data-site="([^"]+)"/.exec(output);
      if (match?.[1] && output.includes('Integration token')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Hilo exited with ${code}:\n${output}`));
    });
  });
  const siteKey = await started.catch((err: unknown) => {
    if (child.exitCode === null) child.kill('SIGTERM');
    if (!reuse?.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });

  const url = `http://127.0.0.1:${port}`;
  // The demo site starts with the answer bot on; tests that are not about it keep their chats human-only.
  if (!reuse?.answerBot) await setAnswerBot(url, admin, false);

  return {
    url,
    siteKey,
    smtpPort: Number(/inbound SMTP on [^:]+:(\d+)/.exec(output)?.[1] ?? 0),
    admin,
    port,
    dataDir,
    output: () => output,
    async stop(options = {}) {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Switches the demo site's answer bot through the admin API, as the console's toggle does. */
export async function setAnswerBot(url: string, admin: { email: string; password: string }, enabled: boolean): Promise<void> {
  const json = { 'content-type': 'application/json', origin: url };
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify(admin) });
  if (!login.ok) throw new Error(`sign-in for the bot switch failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${url}/api/kb/bot`, { method: 'PUT', headers: { ...json, cookie }, body: JSON.stringify({ enabled }) });
  if (!res.ok) throw new Error(`bot switch failed: ${res.status}`);
}
