import { createHash } from 'node:crypto';
import { createClient, createCluster } from 'redis';
import { watchConnection } from './redis-watchdog.js';


export interface RedisClientOptions {
  url: string;
  onError(err: Error): void;
  /** How a stuck connection is found: probe interval and timeout (see redis-watchdog.ts). */
  watchdog?: { everyMs: number; timeoutMs: number };
}

/**
 * A client that keeps retrying with capped backoff and never lets a Redis error escape as an unhandled
 * 'error' event (which would crash the process). Commands issued while disconnected fail fast. Instead
 * of node-redis's per-command timeout, a watchdog (redis-watchdog.ts) drops a connection that stops
 * answering, so no command waits forever (a queue worker or shutdown would stall for good).
 */
function makeClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
}

/**
 * Redis Cluster: the seed nodes are enough, the client discovers the rest and follows MOVED/ASK.
 * Every multi-key command, MULTI and script keeps its keys in one slot (hash tags in keys.ts).
 * Each master's connection gets the same watchdog as a single Redis (see watchRedis).
 */
function makeCluster(urls: string[]) {
  return createCluster({
    rootNodes: urls.map((url) => ({ url })),
    commandOptions: { timeout: 0 },
    defaults: {
      disableOfflineQueue: true,
      socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
    },
  });
}

/** One Redis or a Redis Cluster; stores use only commands both route the same way. */
export type RedisClient = ReturnType<typeof makeClient> | ReturnType<typeof makeCluster>;

const DEFAULT_WATCHDOG = { everyMs: 1000, timeoutMs: 5000 };

export async function connectRedis({ url, onError, watchdog = DEFAULT_WATCHDOG }: RedisClientOptions): Promise<RedisClient> {
  const client = makeClient(url);
  client.on('error', onError);
  await client.connect();
  watchRedis(client, onError, watchdog, { primary: true });
  return client;
}

export async function connectRedisCluster({ urls, onError, watchdog = DEFAULT_WATCHDOG }: Omit<RedisClientOptions, 'url'> & { urls: string[] }): Promise<RedisClient> {
  const cluster = makeCluster(urls);
  cluster.on('error', onError);
  await cluster.connect();
  watchRedis(cluster, onError, watchdog);
  return cluster;
}

/**
 * Puts the watchdog (redis-watchdog.ts) on every connection of a connected client, the Pub/Sub ones
 * included: a subscriber on a half-open connection would otherwise miss every broadcast from the
 * other processes without a sign. A cluster opens, drops and replaces node connections as slots move
 * and as shards gain or lose subscriptions, so new ones are looked for on every round; a watched
 * connection's own loop ends when the cluster closes it.
 */
export function watchRedis(client: RedisClient, onError: (err: Error) => void, watchdog = DEFAULT_WATCHDOG, { primary = false } = {}): void {
  const stuck = (where: string) => (err: Error) => onError(new Error(`Redis stopped answering${where}, reconnecting: ${err.message}`));
  if (!('masters' in client)) {
    watchConnection(client, { ...watchdog, onStuck: stuck(''), ...(primary && { probe: () => demoted(client) }) });
    return;
  }
  const watched = new WeakSet<object>();
  const sweep = () => {
    for (const master of client.masters) {
      for (const node of [master.client, master.pubSub?.client]) {
        if (!node || watched.has(node)) continue;
        watched.add(node);
        watchConnection(node, { ...watchdog, onStuck: stuck(` (${master.address})`) });
      }
    }
    if (client.isOpen) setTimeout(sweep, watchdog.everyMs).unref();
  };
  sweep();
}

/**
 * The probe of a single Redis's command connection (`primary`): a managed Redis fails over by promoting
 * a replica and pointing its name at it, but a connection already open stays on the demoted node, which
 * still answers PING and refuses every write with READONLY, for good. ROLE finds that within a probe
 * interval, and the dropped connection looks the name up again and reaches the new primary. (A cluster
 * client follows failovers by itself: a demoted master answers MOVED.)
 */
async function demoted(client: RedisClient): Promise<string | null> {
  const role = await sendCommand(client, 'role', ['ROLE']);
  return Array.isArray(role) && String(role[0]) === 'slave' ? 'connected to a read-only replica (failed over?)' : null;
}

/** A raw command on either kind of client; on a cluster it goes to the node that owns `key`. */
export function sendCommand(client: RedisClient, key: string, args: string[]): Promise<unknown> {
  return 'nodeClient' in client ? client.sendCommand(key, false, args) : client.sendCommand(args);
}


const shas = new Map<string, string>();

/** EVALSHA with a fallback to EVAL the first time a Redis has not seen the script. */
export async function runScript(client: RedisClient, script: string, keys: string[], args: string[]): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await client.evalSha(sha, { keys, arguments: args });
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return client.eval(script, { keys, arguments: args });
    throw err;
  }
}
