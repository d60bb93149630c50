import { createHash } from 'node:crypto';
import type { Agent, ApiToken, ApiTokenCreated } from '@hilo/shared';
import { API_TOKEN_LIMITS, API_TOKEN_PREFIX } from '@hilo/shared';
import { publicAgent } from './auth-service.js';
import { DomainError } from './errors.js';
import { newId, newSecret } from './ids.js';
import type { AgentRepository } from './ports.js';

/** What is stored of a token: its SHA-256, never the token. */
export interface ApiTokenRecord {
  id: string;
  siteId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  createdBy: { id: string; name: string };
  createdAt: number;
}

export interface ApiTokenRepository {
  create(record: ApiTokenRecord): Promise<void>;
  list(siteId: string): Promise<Array<ApiTokenRecord & { lastUsedAt: number | null }>>;
  count(siteId: string): Promise<number>;
  /** The live token with this hash; null when unknown or revoked. */
  findByHash(tokenHash: string): Promise<(ApiTokenRecord & { lastUsedAt: number | null }) | null>;
  /** Records a use, unless the token was revoked meanwhile. */
  touch(siteId: string, id: string, at: number): Promise<void>;
  /** False when the site holds no such token. */
  revoke(siteId: string, id: string): Promise<boolean>;
}

/** Who is calling the REST API: a site, through one of its tokens. */
export interface ApiCaller {
  siteId: string;
  tokenId: string;
  tokenName: string;
}

export interface ApiTokenServiceDeps {
  tokens: ApiTokenRepository;
  agents: Pick<AgentRepository, 'findById'>;
  now?: () => number;
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;

const SECRET_BYTES = 32;
/** `hilo_` + 32 random bytes in base64url: 256 bits, so a fast hash is enough to store it. */
const TOKEN_SHAPE = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);
const PREFIX_SHOWN = API_TOKEN_PREFIX.length + 4;
const TOUCH_EVERY_MS = 60_000;

export const hashApiToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

function requireAdmin(agent: Agent): void {
  if (agent.role !== 'admin') throw new DomainError('forbidden', 'Only admins manage API tokens');
}

function toPublic({ id, name, prefix, createdBy, createdAt, lastUsedAt }: ApiTokenRecord & { lastUsedAt: number | null }): ApiToken {
  return { id, name, prefix, createdBy, createdAt, lastUsedAt };
}

/**
 * Per-site REST API tokens: admins create (the plain token is returned once) and revoke them; every
 * API request is authenticated against the store, with no cache, so a revoked token fails at once on
 * every process.
 */
export function createApiTokenService({ tokens, agents, now = Date.now }: ApiTokenServiceDeps) {
  return {
    async list(admin: Agent): Promise<ApiToken[]> {
      requireAdmin(admin);
      const all = await tokens.list(admin.siteId);
      return all.sort((a, b) => b.createdAt - a.createdAt).map(toPublic);
    },

    async create(admin: Agent, input: { name: string }): Promise<ApiTokenCreated> {
      requireAdmin(admin);
      if ((await tokens.count(admin.siteId)) >= API_TOKEN_LIMITS.perSite) {
        throw new DomainError('conflict', `A site can hold at most ${API_TOKEN_LIMITS.perSite} API tokens; revoke one first`);
      }
      const secret = `${API_TOKEN_PREFIX}${newSecret(SECRET_BYTES)}`;
      const record: ApiTokenRecord = {
        id: newId('tok'),
        siteId: admin.siteId,
        name: input.name,
        prefix: secret.slice(0, PREFIX_SHOWN),
        tokenHash: hashApiToken(secret),
        createdBy: { id: admin.id, name: admin.name },
        createdAt: now(),
      };
      await tokens.create(record);
      return { token: toPublic({ ...record, lastUsedAt: null }), secret };
    },

    async revoke(admin: Agent, id: string): Promise<void> {
      requireAdmin(admin);
      if (!(await tokens.revoke(admin.siteId, id))) throw new DomainError('not_found', 'API token not found');
    },

    /** The caller behind a presented token, or null (unknown, malformed or revoked). */
    async authenticate(token: string): Promise<ApiCaller | null> {
      if (!TOKEN_SHAPE.test(token)) return null;
      const found = await tokens.findByHash(hashApiToken(token));
      if (!found) return null;
      const at = now();
      // "Last used" is for admins deciding what to revoke; minute precision spares a write per request.
      if (found.lastUsedAt === null || at - found.lastUsedAt >= TOUCH_EVERY_MS) await tokens.touch(found.siteId, found.id, at);
      return { siteId: found.siteId, tokenId: found.id, tokenName: found.name };
    },

    /**
     * The agent an API write is recorded as (replies, notes): an active agent of the caller's site.
     * Another site's agent, or a deactivated one, looks missing.
     */
    async actingAgent(caller: ApiCaller, agentId: string): Promise<Agent> {
      const record = await agents.findById(agentId);
      if (!record || record.siteId !== caller.siteId) throw new DomainError('not_found', 'Agent not found');
      return publicAgent(record);
    },
  };
}
