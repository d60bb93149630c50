/**
 * One Redis call for the per-message writes of one site made while one Redis reply is handled. Under
 * load a reply wakes many messages at once; each adds its own strings to the site's argument list, and
 * the list goes out as one script call once those messages have run (a microtask later, so still in
 * node-redis's next write). A message costs a few strings, not a call, a promise and a script run of
 * its own. Every caller shares the call's outcome: its own entry of the answer, or the call's error.
 *
 * Unlike runBatched (batched-script.ts), which runs any script once per call in a generic wrapper, the
 * script here is written for a list: site-wide keys and prefixes come once per call, in `head`.
 */
export interface TurnBatcherOptions<A> {
  /** The arguments every call starts with (prefixes, limits). */
  head(siteId: string): string[];
  send(siteId: string, args: string[]): Promise<A>;
  /** Entries per call at most: Redis runs nothing else while a script runs. */
  maxEntries: number;
}

interface Batch<A> {
  args: string[];
  entries: number;
  done: Promise<A>;
}

export function createTurnBatcher<A>({ head, send, maxEntries }: TurnBatcherOptions<A>) {
  const open = new Map<string, Batch<A>>();

  function batchFor(siteId: string): Batch<A> {
    const current = open.get(siteId);
    if (current && current.entries < maxEntries) return current;
    const args = head(siteId);
    const batch: Batch<A> = {
      args,
      entries: 0,
      done: Promise.resolve().then(() => {
        if (open.get(siteId) === batch) open.delete(siteId);
        return send(siteId, args);
      }),
    };
    open.set(siteId, batch);
    return batch;
  }

  /** Adds one entry's strings to the site's open call; `index` is its place in the answer. */
  return (siteId: string, entry: string[]): { done: Promise<A>; index: number } => {
    const batch = batchFor(siteId);
    for (const value of entry) batch.args.push(value);
    return { done: batch.done, index: batch.entries++ };
  };
}
