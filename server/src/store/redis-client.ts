import { createHash } from 'node:crypto';
import { createClient, createCluster } from 'redis';


export interface RedisClientOptions {
  url: string;
  onError(err: Error): void;
}

/**
 * A client that keeps retrying with capped backoff and never lets a Redis error escape as an unhandled
 * 'error' event (which would crash the process). Commands issued while disconnected fail fast, and
 * every command keeps node-redis's 5 s timeout: without it (tried for speed, about a tenth of the CPU at
 * full load) a command sent as Redis restarted could wait forever and stall a queue's worker for good.
 */
function makeClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
}

/**
 * Redis Cluster: the seed nodes are enough, the client discovers the rest and follows MOVED/ASK.
 * Every multi-key command, MULTI and script keeps its keys in one slot (hash tags in keys.ts).
 */
function makeCluster(urls: string[]) {
  return createCluster({
    rootNodes: urls.map((url) => ({ url })),
    defaults: {
      disableOfflineQueue: true,
      socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
    },
  });
}

/** One Redis or a Redis Cluster; stores use only commands both route the same way. */
export type RedisClient = ReturnType<typeof makeClient> | ReturnType<typeof makeCluster>;

export async function connectRedis({ url, onError }: RedisClientOptions): Promise<RedisClient> {
  const client = makeClient(url);
  client.on('error', onError);
  await client.connect();
  return client;
}

export async function connectRedisCluster({ urls, onError }: { urls: string[]; onError(err: Error): void }): Promise<RedisClient> {
  const cluster = makeCluster(urls);
  cluster.on('error', onError);
  await cluster.connect();
  return cluster;
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
