import { connect } from 'node:net';

/**
 * Watches every command Redis runs, from now until `stop()`, through MONITOR on a raw connection: for
 * tests that assert what a step does NOT send to Redis. Resolves once Redis has started the stream.
 */
export async function monitorRedis(url: string): Promise<{ stop(): Promise<string> }> {
  const { port, hostname } = new URL(url);
  const monitor = connect(Number(port), hostname);
  let seen = '';
  monitor.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
  });
  monitor.write('MONITOR\r\n');
  await new Promise<void>((resolve) => monitor.once('data', () => resolve()));
  return {
    async stop() {
      // MONITOR lines trail the replies a little.
      await new Promise((resolve) => setTimeout(resolve, 200));
      monitor.destroy();
      return seen;
    },
  };
}
