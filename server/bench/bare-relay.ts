import { createServer } from 'node:http';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

/**
 * The baseline for `pnpm bench`: a bare Socket.IO relay with the same event names as Hilo and nothing
 * else (no auth, no validation, no storage, no Redis). Visitors' messages go to every agent socket and
 * back to the sender's room, acknowledged at once. With REDIS_URL it uses the same sharded Redis adapter
 * as Hilo (every broadcast goes through Redis, as it must once a second process may hold the room).
 */
const httpServer = createServer();
const redisUrl = process.env.REDIS_URL;
let adapter: ReturnType<typeof createShardedAdapter> | undefined;
if (redisUrl) {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  adapter = createShardedAdapter(pub, sub);
}
const io = new Server(httpServer, { maxHttpBufferSize: 64 * 1024, ...(adapter && { adapter }) });
let order = 0;
io.of('/visitor').on('connection', (socket) => {
  socket.emit('session:ready', { visitorId: socket.id, token: '' });
  socket.on('message:send', (payload: { clientId: string; text: string }, ack?: (answer: unknown) => void) => {
    order += 1;
    const message = { id: `m${order}`, conversationId: socket.id, order, clientId: payload.clientId, text: payload.text, createdAt: Date.now() };
    socket.emit('message:new', message);
    io.of('/agent').emit('message:new', message);
    ack?.({ ok: true, data: message });
  });
});
io.of('/agent').on('connection', () => undefined);
httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => io.close(() => process.exit(0)));
