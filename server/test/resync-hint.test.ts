import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onceStoreAnswers, onResubscribed, resyncWindowMs } from '../src/transport/socket/resync-hint.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('resync hint', () => {
  it('makes one call for a burst of readies (several shards coming back), and none after it is stopped', async () => {
    const subscriber = new EventEmitter();
    let calls = 0;
    const stop = onResubscribed(subscriber, () => calls++, 30);
    subscriber.emit('node-ready');
    subscriber.emit('node-ready');
    subscriber.emit('ready');
    await sleep(60);
    expect(calls).toBe(1);
    stop();
    subscriber.emit('ready');
    await sleep(60);
    expect(calls).toBe(1);
  });

  it('waits until the store answers before telling the sockets', async () => {
    let pings = 0;
    let told = 0;
    const done = onceStoreAnswers(
      async () => {
        pings += 1;
        if (pings < 3) throw new Error('The client is closed');
      },
      () => (told = pings),
      10,
    );
    await done;
    expect(told).toBe(3);
  });

  it('spreads the catch-up over 1 ms per socket, from 1 to 10 s', () => {
    expect([0, 2_500, 50_000].map(resyncWindowMs)).toEqual([1_000, 2_500, 10_000]);
  });
});
