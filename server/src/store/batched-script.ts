import { runScript, type RedisClient } from './redis-client.js';

/**
 * Group commit for any Lua script run on a site's slot (today the inbox index of new conversations): the
 * calls of one script on one slot made while the same batch of replies is being handled go to Redis as
 * one EVALSHA, which runs the script once per call, in call order. Under load one Redis reply wakes many
 * messages at once, and each command costs the server more than the script costs Redis, so this takes
 * several commands per message off the server. A lone call runs the plain script, as before. The writes
 * every message makes (views, search) use turn-batch.ts instead: a script written for a list costs
 * less per entry than this generic wrapper.
 *
 * Calls are grouped by hash tag, so a batch never spans two Cluster slots (nor, behind a proxy that
 * insists on it, two slots of a single Redis). Each call runs under pcall: one that fails (a wrong
 * type, a bad argument) rejects its own caller and the calls after it still run, as they would have
 * unbatched. Only an error of the batch as a whole (Redis unreachable, the script refused) fails
 * every call of it.
 */
interface Pending {
  keys: string[];
  args: string[];
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** The script as a function of its own KEYS and ARGV, run once per call; ARGV[1] is the call count,
 * then per call its key count, its argument count and its arguments. Each result comes back wrapped
 * in a one-element list, since Lua would end the reply at a nil; a failed call as {0, its error}. */
function batchOf(script: string): string {
  return `local function run(KEYS, ARGV)
${script}
end
local out, k, a = {}, 1, 2
for c = 1, tonumber(ARGV[1]) do
  local nk, na = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  a = a + 2
  local ks, as = {}, {}
  for i = 1, nk do ks[i] = KEYS[k]; k = k + 1 end
  for i = 1, na do as[i] = ARGV[a]; a = a + 1 end
  local ok, result = pcall(run, ks, as)
  if ok then out[c] = {result} else out[c] = {0, type(result) == 'table' and result.err or tostring(result)} end
end
return out`;
}

/** What Redis Cluster hashes: the first non-empty {tag}, else the whole key. */
export function slotTag(key: string): string {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/** Calls per EVALSHA at most: Redis runs nothing else while a script runs. */
export const MAX_BATCH = 100;

/** The batches of one Redis client: per script, per slot, the calls waiting for the end of this turn. */
function createBatcher(redis: RedisClient) {
  const batches = new Map<string, Map<string, Pending[]>>();
  const wrapped = new Map<string, string>();

  async function flush(script: string, calls: Pending[]): Promise<void> {
    try {
      if (calls.length === 1) {
        const [call] = calls as [Pending];
        call.resolve(await runScript(redis, script, call.keys, call.args));
        return;
      }
      let batch = wrapped.get(script);
      if (!batch) wrapped.set(script, (batch = batchOf(script)));
      const args = [String(calls.length)];
      for (const call of calls) args.push(String(call.keys.length), String(call.args.length), ...call.args);
      const results = (await runScript(redis, batch, calls.flatMap((call) => call.keys), args)) as unknown[][];
      calls.forEach((call, i) => {
        const result = results[i] ?? [];
        if (result.length === 2) call.reject(new Error(String(result[1])));
        else call.resolve(result[0] ?? null);
      });
    } catch (err) {
      for (const call of calls) call.reject(err);
    }
  }

  return (script: string, keys: string[], args: string[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      let bySlot = batches.get(script);
      if (!bySlot) {
        const pending = new Map<string, Pending[]>();
        batches.set(script, (bySlot = pending));
        // A microtask, not setImmediate: every message woken by the same Redis reply has joined by then,
        // and the batch still goes out in node-redis's next write instead of one more.
        queueMicrotask(() => {
          batches.delete(script);
          for (const calls of pending.values()) {
            for (let i = 0; i < calls.length; i += MAX_BATCH) void flush(script, calls.slice(i, i + MAX_BATCH));
          }
        });
      }
      const slot = slotTag(keys[0] ?? '');
      const call = { keys, args, resolve, reject };
      const calls = bySlot.get(slot);
      if (calls) calls.push(call);
      else bySlot.set(slot, [call]);
    });
}

const batchers = new WeakMap<RedisClient, ReturnType<typeof createBatcher>>();

/** Like runScript, batched with the same script's other calls on the same slot in this turn. */
export function runBatched(redis: RedisClient, script: string, keys: string[], args: string[]): Promise<unknown> {
  let run = batchers.get(redis);
  if (!run) batchers.set(redis, (run = createBatcher(redis)));
  return run(script, keys, args);
}
