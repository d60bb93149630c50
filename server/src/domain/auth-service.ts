import { createHash, randomBytes } from 'node:crypto';
import type { Agent } from '@hilo/shared';
import { DomainError } from './errors.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import type { AgentRecord, AgentRepository, RateLimiter, SessionRepository } from './ports.js';

export interface AuthServiceDeps {
  agents: AgentRepository;
  sessions: SessionRepository;
  limiter: RateLimiter;
  sessionTtlSeconds: number;
}

export interface SignedIn {
  agent: Agent;
  /** The raw session token for the cookie; only its hash is stored. */
  token: string;
}

const LOGIN_LIMIT = { perAccount: 10, perIp: 50, windowSeconds: 300 };

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function publicAgent(record: AgentRecord): Agent {
  return { id: record.id, siteId: record.siteId, email: record.email, name: record.name, role: record.role };
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService({ agents, sessions, limiter, sessionTtlSeconds }: AuthServiceDeps) {
  return {
    async signIn(email: string, password: string, ip: string): Promise<SignedIn> {
      const [accountOk, ipOk] = await Promise.all([
        limiter.hit(`login:acct:${email}`, LOGIN_LIMIT.perAccount, LOGIN_LIMIT.windowSeconds),
        limiter.hit(`login:ip:${ip}`, LOGIN_LIMIT.perIp, LOGIN_LIMIT.windowSeconds),
      ]);
      if (!accountOk || !ipOk) throw new DomainError('rate_limited', 'Too many sign-in attempts; try again in a few minutes');
      const record = await agents.findByEmail(email);
      const valid = await verifyPassword(password, record?.passwordHash ?? DUMMY_HASH);
      if (!record || !valid) throw new DomainError('unauthorized', 'Wrong email or password');
      const token = randomBytes(32).toString('base64url');
      await sessions.create(hashSessionToken(token), record.id, sessionTtlSeconds);
      return { agent: publicAgent(record), token };
    },

    /** The agent behind a session token, or null when it is unknown, expired or signed out. */
    async agentForToken(token: string | undefined): Promise<Agent | null> {
      if (!token || token.length > 100) return null;
      const agentId = await sessions.findAgentId(hashSessionToken(token));
      if (!agentId) return null;
      const record = await agents.findById(agentId);
      return record ? publicAgent(record) : null;
    },

    async signOut(token: string | undefined): Promise<void> {
      if (token) await sessions.delete(hashSessionToken(token));
    },
  };
}
