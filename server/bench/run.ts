import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { startRedisServer } from '../src/infra/redis-server-process.js';
import type { LoadConfig, LoadResult, MaxRound } from './load.js';
import { cleanUpOnce, cpuSeconds, here, machineCpu, rssBytes, startLoad, startNode, syscalls, type Child, type LoadGenerator } from './processes.js';

/**
 * `pnpm bench`: Hilo against a bare Socket.IO relay on this machine, then two Hilo processes behind one
 * Redis (visitors on one, agents on the other). Prints a table; not a test. Defaults finish in a few
 * minutes on 2 cores; the full run is `pnpm bench --visitors 10000 --duration 20`.
 *
 * Each server is connected and measured at the fixed rate in turn; then the full-load rounds alternate
 * between them (`--rounds`, in ABBA order), all servers holding their sockets throughout. This
 * machine's speed drifts by a third within a minute, so one full-load phase per server, a minute apart,
 * compared drift more than servers: each round's pair is measured seconds apart, and the table shows
 * the median round.
 *
 * `--base <main.js>` adds another build of Hilo (a worktree of main, say) as a run of its own, its
 * rounds right beside this build's, and prints the ratio of their paired rounds: a change measured
 * against its base in one invocation, not against a figure from an hour earlier on a VM whose speed has
 * moved since. `--base-node-flags` gives that run other Node flags (the same build twice compares flags).
 */
const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    visitors: { type: 'string', default: '2000' },
    agents: { type: 'string', default: '3' },
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    'max-duration': { type: 'string', default: '3' },
    rounds: { type: 'string', default: '7' },
    'in-flight': { type: 'string', default: '200' },
    only: { type: 'string', default: 'bare,bare-redis,hilo,hilo-2p' },
    base: { type: 'string' },
    'base-node-flags': { type: 'string' },
  },
});
const ORIGIN = 'https://shop.example';
const ADMIN = { email: 'bench@hilo.test', password: 'bench-password-123' };
const runs = flags.only.split(',');
const HILO = 'Hilo, 1 process';
const BASE = 'Hilo, base build (--base)';

/** A CPU figure for the server processes and for Redis (seconds spent, or µs per message). */
interface ServerAndRedis {
  server: number;
  redis: number;
}

interface Row {
  name: string;
  result: LoadResult;
  /** Full-load rounds, in the order run. */
  rounds: Round[];
  bytesPerSocket: number;
  /** Server and Redis CPU time per delivered message, at the fixed rate and at full load (all server processes together; NaN Redis for the relay without it). */
  cpu: { fixed: ServerAndRedis; max: ServerAndRedis };
  /** Share of the machine's CPU the hypervisor took during the run: latency and rates suffer with it. */
  stealPercent: number;
}

function hiloEnv(redisUrl: string, dataDir: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    PORT: '0',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO_ALLOWED_ORIGINS: ORIGIN,
    // The answer bot and sample data would add their own messages to the measured traffic.
    DEMO_SEED: 'false',
    SMTP_INBOUND_PORT: 'off',
    LOG_LEVEL: 'warn',
    // One load generator is one address with thousands of clients; real traffic is spread out.
    RATE_LIMIT_IP_PER_SECOND: '1000000',
    RATE_LIMIT_VISITOR_PER_SECOND: '1000',
    NODE_ENV: 'production',
  };
}

/** startNode's arguments for a Hilo server. */
const hiloArgs = (redisUrl: string, dataDir: string, main = here('../dist/main.js')): [string, Record<string, string>, RegExp[]] => [
  // The build users run (README), not the sources through tsx, whose esbuild output adds a naming
  // helper call to every closure it creates.
  main,
  { ...hiloEnv(redisUrl, dataDir), LOG_LEVEL: 'info' },
  [/"port":(\d+)[^\n]*"msg":"listening"/, /data-site="([^"]+)"/],
];

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (res.status !== 200) throw new Error(`bench sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A full-load round, and whether Redis was rewriting its append-only file during it. */
type Round = MaxRound & { aofRewrite: boolean };

/** A server under test, connected and past its fixed-rate phase, ready for full-load rounds. */
interface Target {
  name: string;
  servers: Child[];
  load: LoadGenerator;
  cpuNow(): ServerAndRedis;
  fixed: ServerAndRedis;
  /** Time waited for a quiet machine between the first messages and the fixed-rate phase. */
  fixedSettledMs: number;
  /** Whether Redis rewrote its AOF during the fixed-rate phase. */
  fixedAofRewrite: boolean;
  bytesPerSocket: number;
  rounds: Round[];
  /** The run's own Redis, if it has one. */
  redisUrl?: string;
  /** CPU and system calls summed over the rounds. */
  max: ServerAndRedis & { loadGenerator: number; reads: number; writes: number; bytesOut: number };
  machineAtStart: { total: number; steal: number };
  /** Time waited for a quiet machine before each round. */
  settledMs: number[];
}

function serverIo(servers: Child[]): { reads: number; writes: number; bytesOut: number } {
  return servers.reduce(
    (sum, s) => {
      const io = syscalls(s.pid);
      return { reads: sum.reads + io.reads, writes: sum.writes + io.writes, bytesOut: sum.bytesOut + io.bytesOut };
    },
    { reads: 0, writes: 0, bytesOut: 0 },
  );
}

async function prepare(name: string, servers: Child[], config: LoadConfig, redis?: { pid: number; url: string }): Promise<Target> {
  const redisPid = redis?.pid;
  const cpuNow = (): ServerAndRedis => ({ server: servers.reduce((sum, s) => sum + cpuSeconds(s.pid), 0), redis: redisPid === undefined ? NaN : cpuSeconds(redisPid) });
  const machineAtStart = machineCpu();
  const baseline = servers.reduce((sum, s) => sum + rssBytes(s.pid), 0);
  const load = startLoad(config);
  const { sockets } = await load.until<{ sockets: number }>('connected');
  const loaded = servers.reduce((sum, s) => sum + rssBytes(s.pid), 0);
  await settle();
  load.send('go');
  await load.until('warm-end');
  // A first message opens a conversation, and what 10 000 of them leave behind (deferred work, an AOF
  // rewrite) must not land in the fixed-rate phase's latencies.
  const fixedSettledMs = await settle();
  const rewroteAof = await watchAofRewrites(redis?.url);
  load.send('go');
  await load.until('fixed-start');
  const from = cpuNow();
  await load.until('fixed-end');
  const to = cpuNow();
  return {
    name,
    servers,
    load,
    cpuNow,
    fixed: { server: to.server - from.server, redis: to.redis - from.redis },
    fixedSettledMs,
    fixedAofRewrite: await rewroteAof(),
    bytesPerSocket: (loaded - baseline) / Math.max(1, sockets),
    rounds: [],
    redisUrl: redis?.url,
    max: { server: 0, redis: 0, loadGenerator: 0, reads: 0, writes: 0, bytesOut: 0 },
    machineAtStart,
    settledMs: [],
  };
}

/** Redis' AOF rewrites so far, counting one in progress: its fork takes CPU from everything else on the machine. */
async function aofRewrites(url: string): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  const info = String(await client.sendCommand(['INFO', 'persistence']));
  await client.quit();
  const field = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? 0);
  return field('aof_rewrites') + field('aof_rewrite_in_progress');
}

/** Counts Redis' AOF rewrites now; the function it returns says whether one ran since (never, without a Redis). */
async function watchAofRewrites(url: string | undefined): Promise<() => Promise<boolean>> {
  if (!url) return async () => false;
  const before = await aofRewrites(url);
  return async () => (await aofRewrites(url)) !== before;
}

const QUIET_BUSY = 0.1;
const QUIET_WINDOW_MS = 300;
const QUIET_MAX_MS = 20_000;

/**
 * Waits until the machine is quiet (under a tenth of its CPU busy over 300 ms, at most 20 s): what a run
 * leaves running after its round must not land in the next run's round. The relay with the Redis
 * adapter acks before it publishes and is still delivering its backlog seconds after its round, and an
 * AOF rewrite started in one run's round goes on after it; without this, whichever run came next paid
 * for them. Returns the time waited.
 */
async function settle(): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = machineCpu();
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const after = machineCpu();
    const busy = 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
    const waited = performance.now() - started;
    if (busy < QUIET_BUSY || waited > QUIET_MAX_MS) return waited;
  }
}

async function maxRound(target: Target, seconds: number): Promise<void> {
  target.settledMs.push(await settle());
  const { redisUrl } = target;
  if (redisUrl) await redisStats(redisUrl, true);
  const rewroteAof = await watchAofRewrites(redisUrl);
  target.load.send({ maxS: seconds });
  await target.load.until('max-start');
  const cpu = target.cpuNow();
  const io = serverIo(target.servers);
  const loadCpu = cpuSeconds(target.load.pid);
  const { round } = await target.load.until<{ round: MaxRound }>('max-end');
  const cpuTo = target.cpuNow();
  const ioTo = serverIo(target.servers);
  const m = target.max;
  m.server += cpuTo.server - cpu.server;
  m.redis += cpuTo.redis - cpu.redis;
  // The load generator shares the two cores: what it spends per message bounds the maximum too.
  m.loadGenerator += cpuSeconds(target.load.pid) - loadCpu;
  m.reads += ioTo.reads - io.reads;
  m.writes += ioTo.writes - io.writes;
  m.bytesOut += ioTo.bytesOut - io.bytesOut;
  target.rounds.push({ ...round, aofRewrite: await rewroteAof() });
  if (redisUrl) await redisStats(redisUrl, false);
}

async function finish(target: Target): Promise<Row> {
  target.load.send('finish');
  const { result } = await target.load.until<{ result: LoadResult }>('done');
  const machine = machineCpu();
  const delivered = target.rounds.reduce((sum, r) => sum + r.delivered, 0);
  // Per delivered message: a relay that acks before it publishes piles up broadcasts it has not sent yet.
  const per = (seconds: number, messages: number) => (seconds * 1e6) / Math.max(1, messages);
  const m = target.max;
  // On loopback a write pays for the receiver's TCP stack too, so system calls per message are a cost of their own.
  const perDelivered = (n: number) => (n / Math.max(1, delivered)).toFixed(1);
  const acks = target.rounds.map((r) => r.acked).reduce((a, b) => a + b, 0);
  console.error(
    `  ${target.name}: full-load rounds ${target.rounds.map((r) => `${r.perS.toFixed(0)}${r.aofRewrite ? '*' : ''}`).join(', ')} msg/s (${acks} acks${target.rounds.some((r) => r.aofRewrite) ? '; * Redis rewrote its AOF' : ''}); per delivered message: server ${perDelivered(m.writes)} writes, ${perDelivered(m.reads)} reads, ${perDelivered(m.bytesOut)} bytes written; load generator ${per(m.loadGenerator, delivered).toFixed(0)} µs CPU; waited ${target.settledMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s for a quiet machine before its rounds and ${(target.fixedSettledMs / 1000).toFixed(1)} s before its fixed-rate phase${target.fixedAofRewrite ? ' (during which Redis rewrote its AOF)' : ''}`,
  );
  return {
    name: target.name,
    result,
    rounds: target.rounds,
    bytesPerSocket: target.bytesPerSocket,
    cpu: {
      fixed: { server: per(target.fixed.server, result.fixedDelivered), redis: per(target.fixed.redis, result.fixedDelivered) },
      max: { server: per(m.server, delivered), redis: per(m.redis, delivered) },
    },
    stealPercent: ((machine.steal - target.machineAtStart.steal) / (machine.total - target.machineAtStart.total)) * 100,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main(): Promise<void> {
  const load = {
    visitors: Number(flags.visitors),
    agents: Number(flags.agents),
    rate: Number(flags.rate),
    durationS: Number(flags.duration),
    maxInFlight: Number(flags['in-flight']),
    origin: ORIGIN,
  };
  const maxS = Number(flags['max-duration']);
  const rounds = Number(flags.rounds);
  const dir = mkdtempSync(join(tmpdir(), 'hilo-bench-'));
  const redisServers: Array<Awaited<ReturnType<typeof startRedisServer>>> = [];
  // Each run that uses Redis has its own: a Hilo process must not see another run's processes as peers.
  const ownRedis = async (name: string) => {
    const redis = await startRedisServer({ dir: join(dir, name), appendonly: true });
    redisServers.push(redis);
    return redis;
  };
  const targets: Target[] = [];
  const children: Child[] = [];
  const cleanUp = cleanUpOnce(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await Promise.all(redisServers.map((r) => r.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
  const started = async (script: string, env: Record<string, string>, ready: RegExp[], nodeFlags?: string[]) => {
    const child = await startNode(script, env, ready, nodeFlags);
    children.push(child);
    return child;
  };
  console.error(`bench: ${load.visitors} visitors, ${load.agents} agent sockets, ${load.rate} msg/s for ${load.durationS} s, then ${rounds} rounds of ${maxS} s at full load per run`);
  const rows: Row[] = [];
  try {
    if (runs.includes('bare')) {
      const bare = await started(here('./bare-relay.ts'), {}, [/listening (\d+)/]);
      const url = `http://127.0.0.1:${bare.match[0]}`;
      targets.push(await prepare('bare Socket.IO relay', [bare], { ...load, visitorUrl: url, agentUrl: url, siteKey: 'x', cookie: '' }));
    }
    if (runs.includes('bare-redis')) {
      const redis = await ownRedis('redis-bare');
      const bare = await started(here('./bare-relay.ts'), { REDIS_URL: redis.url }, [/listening (\d+)/]);
      const url = `http://127.0.0.1:${bare.match[0]}`;
      targets.push(await prepare('bare relay + Redis adapter', [bare], { ...load, visitorUrl: url, agentUrl: url, siteKey: 'x', cookie: '' }, redis));
    }
    const soloHilo = async (name: string, main?: string, nodeFlags?: string[]) => {
      const redis = await ownRedis(`redis-${targets.length}`);
      const server = await started(...hiloArgs(redis.url, join(dir, `h${targets.length}`), main), nodeFlags);
      const url = `http://127.0.0.1:${server.match[0]}`;
      const config = { ...load, visitorUrl: url, agentUrl: url, siteKey: server.match[1] as string, cookie: await signIn(url) };
      targets.push(await prepare(name, [server], config, redis));
    };
    if (runs.includes('hilo')) await soloHilo(HILO);
    if (flags.base) await soloHilo(BASE, resolve(process.env.INIT_CWD ?? '.', flags.base), flags['base-node-flags']?.split(' ').filter(Boolean));
    if (runs.includes('hilo-2p')) {
      const redis = await ownRedis('redis-hilo-2p');
      const a = await started(...hiloArgs(redis.url, join(dir, 'h2a')));
      const b = await started(...hiloArgs(redis.url, join(dir, 'h2b')));
      const urlA = `http://127.0.0.1:${a.match[0]}`;
      const urlB = `http://127.0.0.1:${b.match[0]}`;
      const config = { ...load, visitorUrl: urlA, agentUrl: urlB, siteKey: a.match[1] as string, cookie: await signIn(urlB) };
      targets.push(await prepare('Hilo, 2 processes (cross-process)', [a, b], config, redis));
    }
    // Each Hilo run right after (or before) the relay it is compared with most.
    const order = ['bare Socket.IO relay', HILO, BASE, 'bare relay + Redis adapter', 'Hilo, 2 processes (cross-process)'];
    const inOrder = [...targets].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    for (let round = 0; round < rounds; round += 1) {
      for (const target of round % 2 === 0 ? inOrder : [...inOrder].reverse()) await maxRound(target, maxS);
    }
    for (const target of targets) rows.push(await finish(target));
  } finally {
    await cleanUp();
  }
  printTable(rows);
}

/** BENCH_REDIS_STATS=1: Redis' own time per command for each run (stderr), to see where its CPU goes. */
async function redisStats(url: string, reset: boolean): Promise<void> {
  if (!process.env.BENCH_REDIS_STATS) return;
  const client = createClient({ url });
  await client.connect();
  if (reset) await client.sendCommand(['CONFIG', 'RESETSTAT']);
  else console.error(String(await client.sendCommand(['INFO', 'commandstats'])).split('\r\n').filter((line) => line.startsWith('cmdstat_')).join('\n'));
  await client.quit();
}

/** The table goes to stdout (progress lines go to stderr), so `pnpm bench > figures.md` keeps just the figures. */
const print = (line: string) => process.stdout.write(`${line}\n`);

function printTable(rows: Row[]): void {
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
  const header = ['run', 'sockets held', 'connect errors', 'new conv/s', 'msg/s delivered', 'p50 ms', 'p95 ms', 'p99 ms', 'max msg/s', 'CPU µs/msg fixed', 'CPU µs/msg max', 'Redis µs/msg fixed', 'Redis µs/msg max', 'KB/socket', 'refused', 'CPU stolen'];
  const lines = rows.map((r) => [
    r.name,
    String(r.result.socketsHeld),
    String(r.result.connectErrors),
    r.result.conversationsPerS.toFixed(0),
    r.result.deliveredPerS.toFixed(0),
    ms(r.result.p50),
    ms(r.result.p95),
    ms(r.result.p99),
    median(r.rounds.map((round) => round.perS)).toFixed(0),
    ...[r.cpu.fixed.server, r.cpu.max.server, r.cpu.fixed.redis, r.cpu.max.redis].map((us) => (Number.isFinite(us) ? us.toFixed(0) : '-')),
    (r.bytesPerSocket / 1024).toFixed(1),
    String(r.result.refused),
    Number.isFinite(r.stealPercent) ? `${r.stealPercent.toFixed(0)}%` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  print(fmt(header));
  print(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const line of lines) print(fmt(line));
  const hilo = rows.find((r) => r.name === HILO);
  for (const bare of rows.filter((r) => r.name.startsWith('bare') || r.name === BASE)) {
    if (!hilo) break;
    // Rounds are paired: round i of each run was measured seconds apart (ABBA order).
    const ratios = hilo.rounds.map((round, i) => (round.perS / (bare.rounds[i]?.perS ?? NaN)) * 100);
    const marked = ratios.map((r, i) => `${r.toFixed(0)}%${hilo.rounds[i]?.aofRewrite ? '*' : ''}`).join(', ');
    // Reported, never substituted: the rewrite is part of what Hilo's Redis costs.
    const calm = ratios.filter((_, i) => !hilo.rounds[i]?.aofRewrite);
    const withoutRewrites = calm.length < ratios.length && calm.length ? `; ${median(calm).toFixed(0)}% in the rounds without an AOF rewrite (*)` : '';
    print(`\nHilo / ${bare.name}: max throughput ${median(ratios).toFixed(0)}% (median of rounds ${marked}${withoutRewrites}), CPU per message ${(hilo.cpu.fixed.server / bare.cpu.fixed.server).toFixed(1)}x at ${flags.rate} msg/s and ${(hilo.cpu.max.server / bare.cpu.max.server).toFixed(1)}x at full load, memory per socket ${(hilo.bytesPerSocket / bare.bytesPerSocket).toFixed(2)}x, p99 at ${flags.rate} msg/s ${ms(hilo.result.p99)} vs ${ms(bare.result.p99)} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
