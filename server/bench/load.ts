import { io as connect, type Socket } from 'socket.io-client';

/**
 * The load generator, run in its own process by bench/run.ts: opens visitor and agent sockets, sends
 * one first message per visitor (warm-up: each opens a conversation, timed on its own), then messages at
 * a fixed rate for a fixed time, then rounds as fast as acks allow, when and as long as the parent says,
 * and reports each phase to the parent over IPC.
 * Latency = time from the visitor's send to the agent's `message:new` (one clock: this process).
 */
export interface LoadConfig {
  visitorUrl: string;
  agentUrl: string;
  siteKey: string;
  origin: string;
  cookie: string;
  visitors: number;
  agents: number;
  rate: number;
  durationS: number;
  /** Concurrent sends in flight during the maximum-throughput phase. */
  maxInFlight: number;
}

export interface LoadResult {
  socketsHeld: number;
  connectErrors: number;
  sent: number;
  acked: number;
  refused: number;
  deliveredPerS: number;
  p50: number;
  p95: number;
  p99: number;
  /** Messages the measuring agent received during phase 1. */
  fixedDelivered: number;
  /** Phase 0: every visitor's first message (a new conversation each), as fast as 200 in flight allow. */
  conversationsPerS: number;
}

/** One round of phase 2. */
export interface MaxRound {
  /** Messages the measuring agent received per second. */
  perS: number;
  acked: number;
  /** Messages the measuring agent received (a relay without backpressure acks more than it delivers). */
  delivered: number;
}

/** What the parent sends after phase 1: a round of phase 2, or the end. */
export type LoadCommand = { maxS: number } | 'finish';

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const options = { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 };

/** Like a real client: a refused handshake (server shedding load) is retried with a growing, jittered delay. */
async function open(url: string, extra: Record<string, unknown>, readyEvent: string): Promise<Socket | null> {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const socket = connect(url, { ...options, ...extra });
    const ok = await new Promise<boolean>((resolve) => {
      socket.once(readyEvent, () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (ok) return socket;
    socket.disconnect();
    await sleep(500 * 2 ** attempt * (0.5 + Math.random()));
  }
  return null;
}

/** Opens sockets in waves so the handshake storm does not measure the accept queue. */
async function openMany(n: number, make: () => Promise<Socket | null>): Promise<{ sockets: Socket[]; errors: number }> {
  const sockets: Socket[] = [];
  let errors = 0;
  for (let i = 0; i < n; i += 200) {
    const wave = await Promise.all(Array.from({ length: Math.min(200, n - i) }, make));
    for (const s of wave) if (s) sockets.push(s);
      else errors += 1;
  }
  return { sockets, errors };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

// The parent is gone (interrupted, or killed): nothing will ask for the rounds or read the result.
process.once('disconnect', () => process.exit(0));

const nextCommand = () => new Promise<LoadCommand>((resolve) => process.once('message', (command: LoadCommand) => resolve(command)));

async function main(): Promise<void> {
  const agents = await openMany(config.agents, () => open(`${config.agentUrl}/agent`, { extraHeaders: { cookie: config.cookie } }, 'connect'));
  const visitors = await openMany(config.visitors, () =>
    open(`${config.visitorUrl}/visitor`, { auth: { siteKey: config.siteKey }, extraHeaders: { origin: config.origin } }, 'session:ready'),
  );
  process.send?.({ phase: 'connected', sockets: agents.sockets.length + visitors.sockets.length });
  // Wait for the parent to read the server's memory with every socket open.
  await nextCommand();

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = true;
  let received = 0;
  // Only the first agent socket measures; the others are there to be fanned out to.
  agents.sockets[0]?.on('message:new', (message: { clientId: string }) => {
    const at = sentAt.get(message.clientId);
    if (at === undefined) return;
    sentAt.delete(message.clientId);
    received += 1;
    if (measuring) latencies.push(performance.now() - at);
  });

  let sent = 0;
  let acked = 0;
  let refused = 0;
  let next = 0;
  const sendOne = (): Promise<void> => {
    const socket = visitors.sockets[next++ % visitors.sockets.length] as Socket;
    const clientId = `bench-${process.pid}-${sent}`;
    sent += 1;
    sentAt.set(clientId, performance.now());
    return socket
      .timeout(10_000)
      .emitWithAck('message:send', { clientId, text: `load ${sent}` })
      .then((answer: { ok: boolean }) => {
        if (answer.ok) acked += 1;
        else refused += 1;
      })
      .catch(() => {
        refused += 1;
      });
  };

  // Phase 0: each visitor's first message opens a conversation (contact, routing, timeline): a different
  // cost from relaying, so it is timed on its own and kept out of the latency figures.
  const warmStart = performance.now();
  const firstMessages = [...visitors.sockets];
  await Promise.all(
    Array.from({ length: Math.min(config.maxInFlight, firstMessages.length) }, async () => {
      for (let socket = firstMessages.pop(); socket; socket = firstMessages.pop()) {
        await socket.timeout(30_000).emitWithAck('message:send', { clientId: `warm-${process.pid}-${sent++}`, text: 'hello' }).catch(() => undefined);
      }
    }),
  );
  const conversationsPerS = visitors.sockets.length / ((performance.now() - warmStart) / 1000);
  // The parent waits for a quiet machine: phase 1 measures a steady rate, not the tail of this burst.
  process.send?.({ phase: 'warm-end' });
  await nextCommand();
  next = 0;

  // Phase 1: a fixed rate, paced in 10 ms ticks.
  process.send?.({ phase: 'fixed-start' });
  const start = performance.now();
  const end = start + config.durationS * 1000;
  const warmUpSends = sent;
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - start) / 1000) * config.rate);
    while (sent - warmUpSends < due) void sendOne();
    await sleep(10);
  }
  await sleep(1000);
  measuring = false;
  const fixedReceived = received;
  process.send?.({ phase: 'fixed-end' });

  // Phase 2, as often as the parent asks: as fast as acks come back, with a bounded number in flight.
  // The parent alternates these rounds between the servers under test (see run.ts).
  for (let command = await nextCommand(); command !== 'finish'; command = await nextCommand()) {
    const before = received;
    const ackedBefore = acked;
    // The parent reads the servers' CPU time at both ends of this phase (CPU per message, immune to how
    // busy the rest of the machine is).
    process.send?.({ phase: 'max-start' });
    const maxStart = performance.now();
    const maxEnd = maxStart + command.maxS * 1000;
    await Promise.all(
      Array.from({ length: config.maxInFlight }, async () => {
        while (performance.now() < maxEnd) await sendOne();
      }),
    );
    const round: MaxRound = { perS: (received - before) / ((performance.now() - maxStart) / 1000), acked: acked - ackedBefore, delivered: received - before };
    process.send?.({ phase: 'max-end', round });
  }

  latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    socketsHeld: visitors.sockets.filter((s) => s.connected).length + agents.sockets.filter((s) => s.connected).length,
    connectErrors: visitors.errors + agents.errors,
    sent,
    acked,
    refused,
    deliveredPerS: fixedReceived / config.durationS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    fixedDelivered: fixedReceived,
    conversationsPerS,
  };
  process.send?.({ phase: 'done', result });
  for (const s of [...visitors.sockets, ...agents.sockets]) s.disconnect();
  setTimeout(() => process.exit(0), 200);
}

void main();
