import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy that can lose the network on purpose: `blackhole('down')` silently drops what
 * the server sends (the client never gets its ack), `blackhole('up')` drops what the client sends, and
 * `cut()` resets every connection, as a dropped Wi-Fi link would.
 */
export interface FaultyProxy {
  url: string;
  blackhole(direction: 'up' | 'down' | null): void;
  /** New connections go to this port from now on (a name that now resolves to another host). */
  retarget(port: number): void;
  cut(): void;
  close(): Promise<void>;
}

export async function startFaultyProxy(targetPort: number): Promise<FaultyProxy> {
  let dropping: 'up' | 'down' | null = null;
  let target = targetPort;
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (chunk) => dropping !== 'up' && upstream.write(chunk));
    upstream.on('data', (chunk) => dropping !== 'down' && client.write(chunk));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const cut = () => {
    for (const [client, upstream] of pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    blackhole(direction) {
      dropping = direction;
    },
    retarget(port) {
      target = port;
    },
    cut,
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
