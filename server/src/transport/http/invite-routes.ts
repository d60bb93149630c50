import { inviteAcceptSchema } from '@hilo/shared';
import { Router } from 'express';
import type { AuthService } from '../../domain/auth-service.js';
import type { InviteService } from '../../domain/invite-service.js';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';

export interface InviteRouteDeps {
  invites: InviteService;
  auth: AuthService;
  publicUrl: string;
  sessionTtlSeconds: number;
}

/** `POST /api/invites/accept {token, password}`: creates the agent and signs them in (cookie). */
export function createInviteRoutes({ invites, auth, publicUrl, sessionTtlSeconds }: InviteRouteDeps): Router {
  const router = Router();
  router.post('/accept', async (req, res) => {
    const body = inviteAcceptSchema.parse(req.body);
    const email = await invites.accept(body.token, body.password);
    const { agent, token } = await auth.signIn(email, body.password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(publicUrl, sessionTtlSeconds)).status(201).json({ agent });
  });
  return router;
}
