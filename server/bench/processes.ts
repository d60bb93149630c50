import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoadCommand } from './load.js';

/** Child processes of the benchmark: servers (spawned, found by a line they print) and RSS readings. */
export interface Child {
  child: ChildProcess;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

export const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Resolves once every `ready` pattern has appeared in the output (in any order: logs are async). */
/**
 * Every server in the benchmark (bare relays and Hilo alike) runs with the young-generation size Hilo
 * is started with in production (README, "Several server processes"): a server that allocates per
 * message spends far less time in scavenges with 32 MB semi-spaces than with V8's default.
 * BENCH_NODE_FLAGS replaces it, e.g. BENCH_NODE_FLAGS="" to compare with V8's defaults.
 */
const SERVER_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);

export async function startNode(script: string, env: Record<string, string>, ready: RegExp[], nodeFlags = SERVER_NODE_FLAGS): Promise<Child & { match: string[] }> {
  const child = spawn(process.execPath, [...nodeFlags, ...(process.env.BENCH_CPU_PROF && !script.endsWith('load.ts') ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const match = await new Promise<string[]>((resolve, reject) => {
    // A server that never says it is ready is stopped here, so no orphan outlives the benchmark.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start:\n${output}`));
    }, 60_000);
    const check = (chunk: Buffer) => {
      output += chunk.toString();
      // Keep only the tail: a long run must not hoard its own logs.
      if (output.length > 200_000) output = output.slice(-100_000);
      const found = ready.map((pattern) => pattern.exec(output)?.[1]);
      if (found.every((value) => value !== undefined)) {
        clearTimeout(timer);
        resolve(found as string[]);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    void exited.then(() => reject(new Error(`${script} exited:\n${output}`)));
  });
  return {
    child,
    pid: child.pid as number,
    match,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Resident memory of a process in bytes (Linux /proc), or NaN elsewhere. */
export function rssBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Linux's USER_HZ: the unit of the CPU times in /proc. */
const CLOCK_TICKS = 100;

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc), or NaN elsewhere. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Read and write system calls a process has made so far, and the bytes it wrote (Linux /proc/pid/io), or NaN elsewhere. */
export function syscalls(pid: number): { reads: number; writes: number; bytesOut: number } {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(io)?.[1]);
    return { reads: field('syscr'), writes: field('syscw'), bytesOut: field('wchar') };
  } catch {
    return { reads: NaN, writes: NaN, bytesOut: NaN };
  }
}

/** The machine's CPU counters so far (Linux /proc/stat, all cores): total, idle (with I/O wait) and stolen by the hypervisor. */
export function machineCpu(): { total: number; idle: number; steal: number } {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((sum, n) => sum + n, 0), idle: (fields[3] ?? 0) + (fields[4] ?? 0), steal: fields[7] ?? 0 };
  } catch {
    return { total: NaN, idle: NaN, steal: NaN };
  }
}

/** A load generator in its own process (load.ts), driven phase by phase over IPC. */
export interface LoadGenerator {
  pid: number;
  /** Resolves with the data of the next message reporting `phase` (earlier messages are dropped). */
  until<T = unknown>(phase: string): Promise<T>;
  send(command: LoadCommand | 'go'): void;
}

export function startLoad(config: object): LoadGenerator {
  const child = fork(here('./load.ts'), [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const arrived: Array<{ phase: string }> = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  child.on('message', (message: { phase: string }) => {
    arrived.push(message);
    wake?.();
  });
  child.once('exit', (code) => {
    failure = new Error(`load generator exited with ${code}`);
    wake?.();
  });
  return {
    pid: child.pid ?? 0,
    async until<T>(phase: string): Promise<T> {
      for (;;) {
        const message = arrived.shift();
        if (message?.phase === phase) return message as T;
        if (message) continue;
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    },
    send: (command) => child.send(command),
  };
}

/**
 * Runs `cleanUp` once, whether the benchmark ends or is interrupted (Ctrl-C, `timeout`): the servers,
 * load generators and private redis-servers it started must not outlive it.
 */
export function cleanUpOnce(cleanUp: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const run = () => (done ??= cleanUp());
  const interrupted = () => void run().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return run;
}
