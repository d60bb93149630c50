import type { Agent } from '@hilo/shared';
import type { Request } from 'express';
import type { AuthService } from '../../domain/auth-service.js';
import { DomainError } from '../../domain/errors.js';
import { sessionTokenOf } from './auth-routes.js';

/** The agent whose session cookie came with the request; `unauthorized` without a live session. */
export async function signedInAgent(auth: Pick<AuthService, 'agentForToken'>, req: Request): Promise<Agent> {
  const agent = await auth.agentForToken(sessionTokenOf(req.headers.cookie));
  if (!agent) throw new DomainError('unauthorized', 'Not signed in');
  return agent;
}
