import { loginSchema } from '@hilo/shared';
import { parseCookie } from 'cookie';
import { Router } from 'express';
import type { AuthService } from '../../domain/auth-service.js';
import { DomainError } from '../../domain/errors.js';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';

export interface AuthRouteDeps {
  auth: AuthService;
  publicUrl: string;
  sessionTtlSeconds: number;
  /** Called after sign-out so the agent's open sockets are closed on every process. */
  onSignOut(sessionToken: string): void;
}

export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  return parseCookie(cookieHeader ?? '')[SESSION_COOKIE];
}

export function createAuthRoutes({ auth, publicUrl, sessionTtlSeconds, onSignOut }: AuthRouteDeps): Router {
  const router = Router();
  const cookieOptions = sessionCookieOptions(publicUrl, sessionTtlSeconds);

  router.post('/login', async (req, res) => {
    const body = loginSchema.parse(req.body);
    const { agent, token } = await auth.signIn(body.email, body.password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, cookieOptions).json({ agent });
  });

  router.get('/me', async (req, res) => {
    const agent = await auth.agentForToken(sessionTokenOf(req.headers.cookie));
    if (!agent) throw new DomainError('unauthorized', 'Not signed in');
    res.set('Cache-Control', 'no-store').json({ agent });
  });

  router.post('/logout', async (req, res) => {
    const token = sessionTokenOf(req.headers.cookie);
    await auth.signOut(token);
    if (token) onSignOut(token);
    const { maxAge: _maxAge, ...clearOptions } = cookieOptions;
    res.clearCookie(SESSION_COOKIE, clearOptions).status(204).end();
  });

  return router;
}
