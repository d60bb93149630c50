import { createHash } from 'node:crypto';
import type { Agent, AgentRole, InviteCreated } from '@hilo/shared';
import { DomainError } from './errors.js';
import { newId, newSecret } from './ids.js';
import { hashPassword } from './password.js';
import type { AgentRepository } from './ports.js';

export interface InviteRecord {
  siteId: string;
  email: string;
  name: string;
  role: AgentRole;
}

export interface InviteRepository {
  save(tokenHash: string, invite: InviteRecord, ttlSeconds: number): Promise<void>;
  take(tokenHash: string): Promise<InviteRecord | null>;
  setRole(agentId: string, role: AgentRole): Promise<void>;
  /** Removes the credentials and the email index: the record stays for history, unusable. */
  deactivate(agentId: string, email: string): Promise<void>;
}

export interface InviteServiceDeps {
  invites: InviteRepository;
  agents: AgentRepository;
  publicUrl: string;
  ttlSeconds?: number;
  now?: () => number;
}

export type InviteService = ReturnType<typeof createInviteService>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Admins invite agents with a one-time link; the invitee picks a password and becomes an agent. */
export function createInviteService({ invites, agents, publicUrl, ttlSeconds = 7 * 24 * 3600, now = Date.now }: InviteServiceDeps) {
  return {
    async invite(admin: Agent, input: { email: string; name: string; role: AgentRole }): Promise<InviteCreated> {
      if (admin.role !== 'admin') throw new DomainError('forbidden', 'Only admins can invite agents');
      if (await agents.findByEmail(input.email)) throw new DomainError('conflict', 'An agent with this email already exists');
      const token = newSecret(24);
      await invites.save(hashToken(token), { siteId: admin.siteId, ...input }, ttlSeconds);
      return { inviteUrl: `${publicUrl.replace(/\/$/, '')}/console/?invite=${token}`, expiresAt: now() + ttlSeconds * 1000 };
    },

    /** Consumes the token; returns the new agent's email for the sign-in that follows. */
    async accept(token: string, password: string): Promise<string> {
      const invite = await invites.take(hashToken(token));
      if (!invite) throw new DomainError('not_found', 'This invite link was already used or has expired');
      const created = await agents.create({
        id: newId('a'),
        siteId: invite.siteId,
        email: invite.email,
        name: invite.name,
        role: invite.role,
        passwordHash: await hashPassword(password),
        createdAt: now(),
      });
      if (!created) throw new DomainError('conflict', 'An agent with this email already exists');
      return invite.email;
    },

    /**
     * Without a password hash the agent record no longer loads (store/agent-store.ts), so every session
     * of theirs fails its next check and sign-in fails; the email can be invited again.
     */
    async deactivate(admin: Agent, agentId: string): Promise<void> {
      if (admin.role !== 'admin') throw new DomainError('forbidden', 'Only admins can deactivate agents');
      if (agentId === admin.id) throw new DomainError('conflict', 'You cannot deactivate yourself');
      const target = await agents.findById(agentId);
      if (!target || target.siteId !== admin.siteId) throw new DomainError('not_found', 'Agent not found');
      await invites.deactivate(agentId, target.email);
    },

    async setRole(admin: Agent, agentId: string, role: AgentRole): Promise<void> {
      if (admin.role !== 'admin') throw new DomainError('forbidden', 'Only admins can change roles');
      if (agentId === admin.id && role !== 'admin') throw new DomainError('conflict', 'You cannot remove your own admin role');
      const target = await agents.findById(agentId);
      if (!target || target.siteId !== admin.siteId) throw new DomainError('not_found', 'Agent not found');
      await invites.setRole(agentId, role);
    },
  };
}
