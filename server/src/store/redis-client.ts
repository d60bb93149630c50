import { createHash } from 'node:crypto';
import { createClient } from 'redis';


export interface RedisClientOptions {
  url: string;
  onError(err: Error): void;
}

/**
 * A client that keeps retrying with capped backoff and never lets a Redis error escape as an unhandled
 * 'error' event (which would crash the process). Commands issued while disconnected fail fast.
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

export type RedisClient = ReturnType<typeof makeClient>;

export async function connectRedis({ url, onError }: RedisClientOptions): Promise<RedisClient> {
  const client = makeClient(url);
  client.on('error', onError);
  await client.connect();
  return client;
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
