import { randomUUID } from 'node:crypto';
import { Adapter, type BroadcastOptions, MessageType } from 'socket.io-adapter';
import { sendCommand, type RedisClient } from '../../store/redis-client.js';

/** Every Hilo process subscribes here; the subscriber count is the number of live processes. */
export const PEERS_CHANNEL = 'hilo#peers';

/** The adapter methods this wraps (doPublish is protected in the typings): it sends one cluster message to Redis. */
interface PublishingAdapter {
  rooms: Map<string, Set<string>>;
  doPublish(message: { type: number; data?: unknown }): Promise<string>;
  broadcast(packet: unknown, opts: BroadcastOptions): Promise<void> | void;
}

/** The in-memory adapter's own broadcast: this process's sockets only, at once. */
const localBroadcast = Adapter.prototype.broadcast;

/**
 * Whether a broadcast would reach a socket of this process. The in-memory adapter encodes the packet
 * before it looks: a shopper's echo to their own tab room, which under load is mostly just the tab
 * that sent it, would be serialised for nobody.
 */
function reachesLocalSocket(adapter: PublishingAdapter, opts: BroadcastOptions): boolean {
  if (opts.rooms.size === 0) return true;
  for (const room of opts.rooms) {
    const sids = adapter.rooms.get(room);
    if (sids) for (const sid of sids) if (!excepted(adapter, opts.except, sid)) return true;
  }
  return false;
}

function excepted(adapter: PublishingAdapter, except: Set<string> | undefined, sid: string): boolean {
  if (!except || except.size === 0) return false;
  // Mostly the sending socket itself, whose own room is its id.
  if (except.has(sid)) return true;
  for (const room of except) if (adapter.rooms.get(room)?.has(sid)) return true;
  return false;
}

/** The part of a node-redis client or cluster this needs. */
interface Subscriber {
  sSubscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
}

interface Joining {
  /** How many peers the hello reached (Infinity until Redis says). */
  expected: number;
  acked: Set<string>;
  done: () => void;
}

type Signal = { hello: string } | { ack: string; from: string } | { probe: string; seq: number };

export interface SoloModeOptions {
  redis: RedisClient;
  subscriber: Subscriber;
  /** A peer showed up without a hello this process answered: its sockets may have missed broadcasts. */
  onUnannouncedPeer: () => void;
  /** A peer answered after `join` stopped waiting: this process's sockets may have missed its broadcasts. */
  onLateAck: () => void;
  checkEveryMs?: number;
  joinTimeoutMs?: number;
}

export interface SoloMode {
  /** Keeps plain broadcasts off Redis while this is the only process (and local ones synchronous). */
  own(adapter: unknown): void;
  /** Subscribes, says hello, and waits until every peer publishes to this process (then checks every second). */
  start(): Promise<void>;
  /** Says hello again (after this process's subscriber came back) and waits for the peers' answers. */
  join(): Promise<void>;
  isSolo(): boolean;
  /** How many broadcasts stayed off Redis so far. */
  skipped(): number;
  stop(): void;
}

/**
 * A Hilo process alone on its Redis publishes every broadcast to Redis for nobody, then reads it back
 * on its own subscription (Redis Pub/Sub has no "not to me"): about a fifth of the CPU per message.
 * While no other process is subscribed, plain broadcasts therefore stay local. Requests that expect
 * answers (fetchSockets, disconnectSockets) always go to Redis.
 *
 * No broadcast may be lost when a second process arrives:
 * - a process says hello before it accepts sockets, and every process that hears it publishes from
 *   then on and answers; the newcomer waits for as many answers as Redis delivered the hello to;
 * - solo is only entered on proof: a probe published to the peers channel reached exactly one
 *   subscriber, and that subscriber was this process (it heard the probe), with no hello in between;
 * - a peer found any other way (this process's subscriber was away when it said hello) makes every
 *   socket of the cluster catch up, as does an answer that came after the newcomer stopped waiting.
 */
export function createSoloMode({ redis, subscriber, onUnannouncedPeer, onLateAck, checkEveryMs = 1000, joinTimeoutMs = 2000 }: SoloModeOptions): SoloMode {
  const uid = randomUUID();
  let solo = false;
  let skipped = 0;
  let hellos = 0;
  let seq = 0;
  /** The probe whose reply said "one subscriber", with the hello count when it was sent. */
  let probe: { seq: number; hellos: number } | null = null;
  /** The last own probe this process heard (the reply and the probe itself come on two connections, in either order). */
  let heard = 0;
  let joining: Joining | null = null;
  let timer: NodeJS.Timeout | undefined;

  const publish = (signal: Signal) => sendCommand(redis, PEERS_CHANNEL, ['SPUBLISH', PEERS_CHANNEL, JSON.stringify(signal)]).then(Number);

  const maybeSolo = () => {
    if (probe && heard === probe.seq && probe.hellos === hellos) solo = true;
  };

  const leaveSolo = () => {
    probe = null;
    if (!solo) return;
    solo = false;
    onUnannouncedPeer();
  };

  const onSignal = (raw: string) => {
    let signal: Partial<{ hello: string; ack: string; from: string; probe: string; seq: number }>;
    try {
      signal = JSON.parse(raw) as typeof signal;
    } catch {
      return;
    }
    if (typeof signal.hello === 'string' && signal.hello !== uid) {
      // From here on this process publishes, before the newcomer hears the answer and takes sockets.
      hellos += 1;
      probe = null;
      solo = false;
      void publish({ ack: signal.hello, from: uid }).catch(() => undefined);
    } else if (signal.ack === uid && typeof signal.from === 'string') {
      if (joining) {
        joining.acked.add(signal.from);
        if (joining.acked.size >= joining.expected) joining.done();
      } else {
        onLateAck();
      }
    } else if (signal.probe === uid && typeof signal.seq === 'number') {
      heard = signal.seq;
      maybeSolo();
    }
  };

  async function check(): Promise<void> {
    const sent = { seq: ++seq, hellos };
    const receivers = await publish({ probe: uid, seq: sent.seq }).catch(() => 0);
    if (receivers === 1) {
      probe = sent;
      maybeSolo();
    } else if (receivers > 1) leaveSolo();
    else {
      // Not even this process heard it: its subscriber is away, so it would miss a hello too.
      probe = null;
      solo = false;
    }
  }

  async function join(): Promise<void> {
    const wasSolo = solo;
    solo = false;
    probe = null;
    let timeout: NodeJS.Timeout | undefined;
    const state: Joining = { expected: Infinity, acked: new Set(), done: () => undefined };
    const answered = new Promise<void>((resolve) => (state.done = resolve));
    joining = state;
    try {
      state.expected = (await publish({ hello: uid })) - 1; // the hello also reached this process
      if (state.expected > 0 && wasSolo) onUnannouncedPeer();
      if (state.acked.size >= state.expected) return;
      await Promise.race([answered, new Promise<void>((resolve) => (timeout = setTimeout(resolve, joinTimeoutMs)))]);
    } finally {
      clearTimeout(timeout);
      if (joining === state) joining = null;
    }
  }

  return {
    own(adapter) {
      const target = adapter as PublishingAdapter;
      const doPublish = target.doPublish.bind(target);
      const clusterBroadcast = target.broadcast.bind(target);
      // Broadcasts that went to Redis deliver locally only once Redis answered: while any is on its way,
      // a solo broadcast takes the same road, so none overtakes an earlier one.
      let published = 0;
      target.broadcast = (packet, opts) => {
        if (solo && published === 0 && !opts.flags?.local) {
          skipped += 1;
          if (reachesLocalSocket(target, opts)) localBroadcast.call(target, packet as never, opts);
          return;
        }
        published += 1;
        return Promise.resolve(clusterBroadcast(packet, opts)).finally(() => (published -= 1));
      };
      target.doPublish = (message) => {
        const plainBroadcast = message.type === MessageType.BROADCAST && (message.data as { requestId?: unknown } | undefined)?.requestId === undefined;
        if (solo && plainBroadcast) {
          skipped += 1;
          return Promise.resolve('');
        }
        return doPublish(message);
      };
    },
    async start() {
      await subscriber.sSubscribe(PEERS_CHANNEL, onSignal);
      await join();
      timer = setInterval(() => void check(), checkEveryMs);
      timer.unref();
    },
    join,
    isSolo: () => solo,
    skipped: () => skipped,
    stop() {
      clearInterval(timer);
      solo = false;
    },
  };
}
