import { createRequire } from 'node:module';

/**
 * A shopper without a browser: the visitor protocol over socket.io-client (borrowed from the server
 * package's dev dependencies). Console tests use it so they do not depend on the widget's UI.
 */
interface MiniSocket {
  on(event: string, listener: (...args: never[]) => void): void;
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
  timeout(ms: number): MiniSocket;
  disconnect(): void;
}
type Connect = (url: string, options: Record<string, unknown>) => MiniSocket;

const requireFromServer = createRequire(new URL('../../../server/package.json', import.meta.url));
const { io } = requireFromServer('socket.io-client') as { io: Connect };

export interface Shopper {
  /** Every message text the shopper's socket received (what the widget would show). */
  seen: string[];
  send(text: string): Promise<void>;
  close(): void;
}

export async function connectShopper(url: string, siteKey: string): Promise<Shopper> {
  const socket = io(`${url}/visitor`, { auth: { siteKey }, extraHeaders: { origin: url }, transports: ['websocket'], reconnection: false, forceNew: true });
  const seen: string[] = [];
  socket.on('message:new', (message: { text: string }) => seen.push(message.text));
  await new Promise<void>((resolve, reject) => {
    socket.on('session:ready', () => resolve());
    socket.on('connect_error', (err: Error) => reject(err));
  });
  let n = 0;
  return {
    seen,
    async send(text) {
      n += 1;
      const answer = (await socket.timeout(5000).emitWithAck('message:send', { clientId: `e2e-shopper-${Date.now()}-${n}`, text })) as { ok: boolean };
      if (!answer.ok) throw new Error(`send failed: ${JSON.stringify(answer)}`);
    },
    close: () => socket.disconnect(),
  };
}
