import type { Duplex } from 'node:stream';

/**
 * `ws` writes every WebSocket frame with its own system call (it corks and uncorks the socket around
 * each frame), so an agent's socket that gets ten pushes in one turn of the event loop costs ten
 * calls, each about as dear as the work behind a push (on loopback a write also runs the receiver's
 * TCP stack). One more cork, held on the connection until the end of the turn (setImmediate), sends
 * them in one `writev`: the frames, their order and their callbacks are unchanged, they only leave
 * together, at most one turn later. Measured by `pnpm bench`: 4.3 → 1.7 write calls and about 30% less
 * server CPU per message at full load.
 */
export function coalesceWrites(socket: Duplex): void {
  const cork = socket.cork.bind(socket);
  let held = false;
  const release = () => {
    held = false;
    socket.uncork();
  };
  socket.cork = () => {
    if (!held) {
      held = true;
      cork();
      setImmediate(release);
    }
    cork();
  };
}
