import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites } from '../src/transport/coalesce-writes.js';
import { agentClient, signIn, startTestRedis, startTestServer, whenConnected } from './harness.js';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A connected pair; `calls` counts the stream's writes to the OS (one system call each). */
async function pair(): Promise<{ server: Socket; received: () => string; calls: () => number }> {
  let server: Socket | undefined;
  const listening = createServer((socket) => (server = socket));
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const client = connect((listening.address() as AddressInfo).port, '127.0.0.1');
  let received = '';
  client.on('data', (chunk) => (received += chunk.toString()));
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  while (!server) await new Promise((resolve) => setTimeout(resolve, 5));
  const socket = server;
  closers.push(() => {
    client.destroy();
    socket.destroy();
    listening.close();
  });
  let calls = 0;
  const internals = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
  for (const name of ['_write', '_writev'] as const) {
    const original = internals[name].bind(socket);
    internals[name] = (...args: unknown[]) => {
      calls += 1;
      return original(...args);
    };
  }
  return { server: socket, received: () => received, calls: () => calls };
}

/** What `ws` does for each frame. */
function sendFrame(socket: Socket, frame: string, done: () => void): void {
  socket.cork();
  socket.write(frame, done);
  socket.uncork();
}

describe('coalesceWrites', () => {
  it('sends the frames of one event-loop turn in one write, in order, with every callback', async () => {
    const { server, received, calls } = await pair();
    coalesceWrites(server);
    const done: string[] = [];
    for (const frame of ['one;', 'two;', 'three;']) sendFrame(server, frame, () => done.push(frame));
    await expect.poll(received).toBe('one;two;three;');
    expect(calls()).toBe(1);
    expect(done).toEqual(['one;', 'two;', 'three;']);

    // A later turn is not held back by the first.
    sendFrame(server, 'four;', () => done.push('four;'));
    await expect.poll(received).toBe('one;two;three;four;');
    expect(calls()).toBe(2);
  });

  it('leaves a socket without it writing once per frame (what it saves)', async () => {
    const { server, received, calls } = await pair();
    for (const frame of ['one;', 'two;', 'three;']) sendFrame(server, frame, () => undefined);
    await expect.poll(received).toBe('one;two;three;');
    expect(calls()).toBe(3);
  });
});

describe('the server', () => {
  it("coalesces the writes of every WebSocket connection", async () => {
    const redis = await startTestRedis();
    const server = await startTestServer(redis.url);
    try {
      const agent = agentClient(server.url, await signIn(server.url));
      await whenConnected(agent);
      const [socket] = [...server.app.io.of('/agent').sockets.values()];
      const raw = (socket?.conn.transport as unknown as { socket?: { _socket?: Socket } }).socket?._socket;
      expect(raw && Object.prototype.hasOwnProperty.call(raw, 'cork')).toBe(true);
      agent.disconnect();
    } finally {
      await server.close();
      await redis.dispose();
    }
  });
});
