import type { Agent, AgentRole, Conversation, ConversationStatus, Message, MessageAuthor } from '@hilo/shared';

/** Storage and notification interfaces the domain needs; store/ and transport/ implement them. */

export interface Site {
  id: string;
  name: string;
  publicKey: string;
  secret: string;
  allowedOrigins: string[];
  createdAt: number;
}

export interface SiteRepository {
  create(site: Site): Promise<void>;
  findById(id: string): Promise<Site | null>;
  findByPublicKey(publicKey: string): Promise<Site | null>;
  update(id: string, changes: Partial<Pick<Site, 'name' | 'allowedOrigins'>>): Promise<void>;
  /** Records which site the demo uses; returns false when one was already recorded. */
  claimDemoSite(id: string): Promise<boolean>;
  demoSiteId(): Promise<string | null>;
}

export interface AgentRecord extends Agent {
  passwordHash: string;
  createdAt: number;
}

export interface AgentRepository {
  /** Fails with false when the email is taken. */
  create(agent: AgentRecord): Promise<boolean>;
  findById(id: string): Promise<AgentRecord | null>;
  findByEmail(email: string): Promise<AgentRecord | null>;
  setPassword(id: string, passwordHash: string): Promise<void>;
}

export interface SessionRepository {
  create(tokenHash: string, agentId: string, ttlSeconds: number): Promise<void>;
  findAgentId(tokenHash: string): Promise<string | null>;
  delete(tokenHash: string): Promise<void>;
}

export interface RateLimiter {
  /** Counts one hit on `key`; true while the count in the window is at most `limit`. */
  hit(key: string, limit: number, windowSeconds: number): Promise<boolean>;
}

export interface NewMessage {
  id: string;
  clientId: string;
  author: MessageAuthor;
  text: string;
  createdAt: number;
}

export interface AppendResult {
  message: Message;
  /** False when the client id was seen before and the earlier message is returned instead. */
  created: boolean;
}

export interface ConversationRepository {
  create(conversation: Conversation): Promise<void>;
  /** Deletes a conversation that lost a creation race and was never linked anywhere. */
  discard(id: string): Promise<void>;
  get(id: string): Promise<Conversation | null>;
  /** Atomically stores a message at most once per (author, clientId); null if the conversation is gone. */
  append(conversationId: string, message: NewMessage, firstResponse: boolean): Promise<AppendResult | null>;
  messagesAfter(conversationId: string, afterOrder: number, limit: number): Promise<Message[]>;
  setStatus(conversationId: string, status: ConversationStatus, at: number): Promise<void>;
  /** Keeps the per-site inbox index in step with the conversation's status and activity. */
  index(conversation: Conversation): Promise<void>;
  list(siteId: string, status: ConversationStatus, limit: number): Promise<Conversation[]>;
}

export interface VisitorRepository {
  conversationOf(siteId: string, visitorId: string): Promise<string | null>;
  /** Links the conversation unless one is linked already; returns the linked id either way. */
  linkConversation(siteId: string, visitorId: string, conversationId: string): Promise<string>;
}

/** Fan-out of domain events to connected clients (on every server process). */
export interface ConversationNotifier {
  messageCreated(conversation: Conversation, message: Message): void;
  conversationUpdated(conversation: Conversation): void;
}

export type { AgentRole };
