import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The lowest port the kernel hands out by itself (Linux's setting, else the IANA range). */
function ephemeralFloor(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 12_000 ? low : 49_152;
  } catch {
    return 49_152;
  }
}

function listensOn(port: number): Promise<number | null> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePort(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolvePort(bound));
    });
  });
}

/**
 * A free loopback port for a child process to listen on. It comes from below the kernel's ephemeral
 * range: a port from listen(0) is free only until the kernel gives it to some outgoing connection, and
 * in a CI run one did (the e2e server then failed to listen: EADDRINUSE).
 */
export async function findFreePort(): Promise<number> {
  const floor = ephemeralFloor();
  const low = floor - 10_000;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await listensOn(low + Math.floor(Math.random() * (floor - low)));
    if (port !== null) return port;
  }
  const any = await listensOn(0);
  if (any === null) throw new Error('no free port on 127.0.0.1');
  return any;
}
