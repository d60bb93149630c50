import { parseCookie } from 'cookie';
import type { ExtendedError } from 'socket.io';
import type { AuthService } from '../../domain/auth-service.js';
import { hashSessionToken } from '../../domain/auth-service.js';
import type { Logger } from '../../logger.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { requestOrigin } from './origin.js';
import type { AgentSocket } from './typed-namespaces.js';

/**
 * Admits an agent socket with a live session cookie, opened from the console's own origin (a page on
 * another site cannot ride the agent's cookie over a WebSocket).
 */
export function createAgentAuth({ auth, consoleOrigins, logger }: { auth: AuthService; consoleOrigins: (host: string | undefined) => string[]; logger: Logger }) {
  return async (socket: AgentSocket, next: (err?: ExtendedError) => void): Promise<void> => {
    try {
      const origin = requestOrigin(socket.handshake.headers);
      if (origin && !consoleOrigins(socket.handshake.headers.host).includes(origin)) return next(new Error('forbidden_origin'));
      const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const agent = await auth.agentForToken(token);
      if (!agent || !token) return next(new Error('unauthorized'));
      socket.data = { agent, sessionToken: token, sessionHash: hashSessionToken(token) };
      next();
    } catch (err) {
      logger.warn({ err }, 'agent handshake failed');
      next(new Error('unavailable'));
    }
  };
}
