import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { startRedisServer } from '../src/infra/redis-server-process.js';
import type { LoadConfig, LoadResult } from './load.js';
import { cpuSeconds, here, machineCpu, rssBytes, runLoad, startNode, syscalls, type Child } from './processes.js';

/**
 * `pnpm bench`: Hilo against a bare Socket.IO relay on this machine, then two Hilo processes behind one
 * Redis (visitors on one, agents on the other). Prints a table; not a test. Defaults finish in a few
 * minutes on 2 cores; the full run is `pnpm bench --visitors 10000 --duration 20`.
 */
const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    visitors: { type: 'string', default: '2000' },
    agents: { type: 'string', default: '3' },
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    'max-duration': { type: 'string', default: '5' },
    'in-flight': { type: 'string', default: '200' },
    only: { type: 'string', default: 'bare,bare-redis,hilo,hilo-2p' },
  },
});
const ORIGIN = 'https://shop.example';
const ADMIN = { email: 'bench@hilo.test', password: 'bench-password-123' };
const runs = flags.only.split(',');

/** A CPU figure for the server processes and for Redis (seconds spent, or µs per message). */
interface ServerAndRedis {
  server: number;
  redis: number;
}

interface Row {
  name: string;
  result: LoadResult;
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

const startHilo = (redisUrl: string, dataDir: string) =>
  startNode(here('../src/main.ts'), { ...hiloEnv(redisUrl, dataDir), LOG_LEVEL: 'info' }, [/"port":(\d+)[^\n]*"msg":"listening"/, /data-site="([^"]+)"/]);

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (res.status !== 200) throw new Error(`bench sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function measure(name: string, servers: Child[], config: LoadConfig, redis?: { pid: number; url: string }): Promise<Row> {
  if (redis) await redisStats(redis.url, true);
  const redisPid = redis?.pid;
  const baseline = servers.reduce((sum, s) => sum + rssBytes(s.pid), 0);
  let loaded = baseline;
  const cpuNow = (): ServerAndRedis => ({ server: servers.reduce((sum, s) => sum + cpuSeconds(s.pid), 0), redis: redisPid === undefined ? NaN : cpuSeconds(redisPid) });
  const spent = (from: ServerAndRedis): ServerAndRedis => {
    const to = cpuNow();
    return { server: to.server - from.server, redis: to.redis - from.redis };
  };
  const machineAtStart = machineCpu();
  let from = cpuNow();
  let fixed = { server: NaN, redis: NaN };
  let max = { server: NaN, redis: NaN };
  // On loopback a write pays for the receiver's TCP stack too, so system calls per message are a cost of their own.
  const callsNow = () => servers.reduce((sum, s) => ({ reads: sum.reads + syscalls(s.pid).reads, writes: sum.writes + syscalls(s.pid).writes }), { reads: 0, writes: 0 });
  let callsFrom = callsNow();
  let calls = { reads: NaN, writes: NaN };
  const result = await runLoad<LoadResult>(config, (phase) => {
    if (phase === 'connected') loaded = servers.reduce((sum, s) => sum + rssBytes(s.pid), 0);
    if (phase === 'fixed-start' || phase === 'max-start') from = cpuNow();
    if (phase === 'max-start') callsFrom = callsNow();
    if (phase === 'fixed-end') fixed = spent(from);
    if (phase === 'max-end') {
      max = spent(from);
      const to = callsNow();
      calls = { reads: to.reads - callsFrom.reads, writes: to.writes - callsFrom.writes };
    }
  });
  const machine = machineCpu();
  const stealPercent = ((machine.steal - machineAtStart.steal) / (machine.total - machineAtStart.total)) * 100;
  // Per delivered message: a relay that acks before it publishes piles up broadcasts it has not sent yet.
  const per = (cpu: ServerAndRedis, delivered: number): ServerAndRedis => ({ server: (cpu.server * 1e6) / Math.max(1, delivered), redis: (cpu.redis * 1e6) / Math.max(1, delivered) });
  const row: Row = {
    name,
    result,
    bytesPerSocket: (loaded - baseline) / Math.max(1, result.socketsHeld),
    cpu: { fixed: per(fixed, result.fixedDelivered), max: per(max, result.maxDelivered) },
    stealPercent,
  };
  const perDelivered = (n: number) => (n / Math.max(1, result.maxDelivered)).toFixed(1);
  console.error(`  ${name}: done (max phase: ${Math.round(result.maxAcked / config.maxDurationS)} acks/s; server system calls per delivered message: ${perDelivered(calls.writes)} writes, ${perDelivered(calls.reads)} reads)`);
  if (redis) await redisStats(redis.url, false);
  return row;
}

async function main(): Promise<void> {
  const load = {
    visitors: Number(flags.visitors),
    agents: Number(flags.agents),
    rate: Number(flags.rate),
    durationS: Number(flags.duration),
    maxDurationS: Number(flags['max-duration']),
    maxInFlight: Number(flags['in-flight']),
    origin: ORIGIN,
  };
  const dir = mkdtempSync(join(tmpdir(), 'hilo-bench-'));
  const redis = await startRedisServer({ dir: join(dir, 'redis'), appendonly: true });
  const rows: Row[] = [];
  const children: Child[] = [];
  console.error(`bench: ${load.visitors} visitors, ${load.agents} agent sockets, ${load.rate} msg/s for ${load.durationS} s, then max for ${load.maxDurationS} s`);
  try {
    if (runs.includes('bare')) {
      const bare = await startNode(here('./bare-relay.ts'), {}, [/listening (\d+)/]);
      children.push(bare);
      const url = `http://127.0.0.1:${bare.match[0]}`;
      rows.push(await measure('bare Socket.IO relay', [bare], { ...load, visitorUrl: url, agentUrl: url, siteKey: 'x', cookie: '' }));
      await bare.stop();
    }
    if (runs.includes('bare-redis')) {
      const bare = await startNode(here('./bare-relay.ts'), { REDIS_URL: redis.url }, [/listening (\d+)/]);
      children.push(bare);
      const url = `http://127.0.0.1:${bare.match[0]}`;
      rows.push(await measure('bare relay + Redis adapter', [bare], { ...load, visitorUrl: url, agentUrl: url, siteKey: 'x', cookie: '' }, redis));
      await bare.stop();
    }
    if (runs.includes('hilo')) {
      const hilo = await startHilo(redis.url, join(dir, 'h1'));
      children.push(hilo);
      const url = `http://127.0.0.1:${hilo.match[0]}`;
      rows.push(await measure('Hilo, 1 process', [hilo], { ...load, visitorUrl: url, agentUrl: url, siteKey: hilo.match[1] as string, cookie: await signIn(url) }, redis));
      await hilo.stop();
    }
    if (runs.includes('hilo-2p')) {
      const a = await startHilo(redis.url, join(dir, 'h2a'));
      children.push(a);
      const b = await startHilo(redis.url, join(dir, 'h2b'));
      children.push(b);
      const urlA = `http://127.0.0.1:${a.match[0]}`;
      const urlB = `http://127.0.0.1:${b.match[0]}`;
      rows.push(await measure('Hilo, 2 processes (cross-process)', [a, b], { ...load, visitorUrl: urlA, agentUrl: urlB, siteKey: a.match[1] as string, cookie: await signIn(urlB) }, redis));
      await Promise.all([a.stop(), b.stop()]);
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
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
    r.result.maxPerS.toFixed(0),
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
  const hilo = rows.find((r) => r.name === 'Hilo, 1 process');
  for (const bare of rows.filter((r) => r.name.startsWith('bare'))) {
    if (!hilo) break;
    print(`\nHilo / ${bare.name}: max throughput ${((hilo.result.maxPerS / bare.result.maxPerS) * 100).toFixed(0)}%, CPU per message ${(hilo.cpu.fixed.server / bare.cpu.fixed.server).toFixed(1)}x at ${flags.rate} msg/s and ${(hilo.cpu.max.server / bare.cpu.max.server).toFixed(1)}x at full load, memory per socket ${(hilo.bytesPerSocket / bare.bytesPerSocket).toFixed(2)}x, p99 at ${flags.rate} msg/s ${ms(hilo.result.p99)} vs ${ms(bare.result.p99)} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
