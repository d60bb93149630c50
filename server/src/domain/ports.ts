import type { Agent, AgentRole, Attributes, Call, Contact, Conversation, ConversationStatus, Identity, Message, MessagePreview, Note } from '@hilo/shared';

/** Storage and notification interfaces the domain needs; store/ and transport/ implement them. */

export interface Site {
  id: string;
  name: string;
  publicKey: string;
  /** Hilo's own signing key (visitor tokens, reply addresses): never shown, never leaves the server. */
  secret: string;
  /**
   * What the site's backend signs `userHash` with, shown to admins. Apart from `secret`, so whoever
   * holds it (the shop's servers and developers) can vouch for an email but not forge a visitor's token.
   */
  identitySecret: string;
  allowedOrigins: string[];
  /** Address customers write to (inbound) and replies come from (outbound); null when email is off. */
  supportEmail: string | null;
  createdAt: number;
}

export interface SiteRepository {
  create(site: Site): Promise<void>;
  findById(id: string): Promise<Site | null>;
  findByPublicKey(publicKey: string): Promise<Site | null>;
  update(id: string, changes: Partial<Pick<Site, 'name' | 'allowedOrigins' | 'supportEmail' | 'identitySecret'>>): Promise<void>;
  findBySupportEmail(address: string): Promise<Site | null>;
  /** Integration tokens (telephony, mail webhooks) are stored as SHA-256 hashes. */
  setIntegrationToken(siteId: string, tokenHash: string): Promise<void>;
  findByIntegrationToken(tokenHash: string): Promise<Site | null>;
  hasIntegrationToken(siteId: string): Promise<boolean>;
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

/** A message before the store gives it its conversation's next order. */
export type NewMessage = Omit<Message, 'conversationId' | 'order'>;

export interface AppendResult {
  message: Message;
  /** False when the client id was seen before and the earlier message is returned instead. */
  created: boolean;
  /** The conversation as it stands right after the append (null when the store cannot tell). */
  conversation: Conversation | null;
  /** The conversation's last message before this one (null for its first, or a message seen before). */
  previous: MessagePreview | null;
}

export interface ConversationRepository {
  create(conversation: Conversation): Promise<void>;
  /** Deletes a conversation that lost a creation race and was never linked anywhere. */
  discard(id: string): Promise<void>;
  get(id: string): Promise<Conversation | null>;
  /**
   * Atomically stores a message at most once per (author, clientId); null if the conversation is gone,
   * or, with `visitorId`, when it is not that visitor's (any more).
   */
  append(conversationId: string, message: NewMessage, firstResponse: boolean, visitorId?: string): Promise<AppendResult | null>;
  messagesAfter(conversationId: string, afterOrder: number, limit: number): Promise<Message[]>;
  setStatus(conversationId: string, status: ConversationStatus, at: number): Promise<void>;
  /** Keeps the per-site inbox index in step with the conversation's status and activity. */
  index(conversation: Conversation): Promise<void>;
  list(siteId: string, status: ConversationStatus, limit: number): Promise<Conversation[]>;
  /** One page of a status's conversations, newest activity first, starting after `before` (keyset paging for the REST API). */
  page(siteId: string, status: ConversationStatus, before: InboxPosition | null, limit: number): Promise<{ conversations: Conversation[]; next: InboxPosition | null }>;
  /** Replaces a stored message in place (same order), e.g. to record email delivery. */
  updateMessage(conversationId: string, order: number, update: (message: Message) => Message): Promise<Message | null>;
  setFields(conversationId: string, fields: Partial<Pick<Conversation, 'contactId' | 'visitorName' | 'subject' | 'visitorId'>> & { followupEmail?: string }): Promise<void>;
  /** Where email replies go and the Message-IDs of the thread so far (oldest first). */
  emailState(conversationId: string): Promise<{ to: string | null; references: string[] }>;
  addEmailReference(conversationId: string, messageId: string): Promise<void>;
  /** A recent message by id (searches the newest messages only). */
  findMessage(conversationId: string, messageId: string): Promise<Message | null>;
}

/** Where a conversation sits in its status's inbox index: last activity, then id (ties). */
export interface InboxPosition {
  at: number;
  id: string;
}

export interface ContactRecord extends Contact {
  /** Set once the contact was merged into another; reads follow it. */
  mergedInto: string | null;
}

export interface ContactRepository {
  create(contact: Contact): Promise<void>;
  get(id: string): Promise<ContactRecord | null>;
  save(contact: Contact): Promise<void>;
  markMerged(id: string, survivorId: string): Promise<void>;
  /** Contact ids that carry this identity value (any verification state). */
  findByIdentity(siteId: string, kind: 'email' | 'phone' | 'visitor', value: string): Promise<string[]>;
  addToIndex(siteId: string, kind: 'email' | 'phone' | 'visitor', value: string, contactId: string): Promise<void>;
  removeFromIndex(siteId: string, kind: 'email' | 'phone' | 'visitor', value: string, contactId: string): Promise<void>;
}

/** What the timeline of a contact refers to, by time. */
export type TimelineRef = { kind: 'conv' | 'call' | 'note' | 'merge'; id: string };

export interface TimelineRepository {
  add(contactId: string, ref: TimelineRef, at: number): Promise<void>;
  /** Newest first. */
  list(contactId: string, limit: number): Promise<Array<TimelineRef & { at: number }>>;
  moveAll(fromContactId: string, toContactId: string): Promise<Array<TimelineRef & { at: number }>>;
  saveCall(call: Call): Promise<void>;
  getCall(id: string): Promise<Call | null>;
  saveNote(note: Note): Promise<void>;
  getNote(id: string): Promise<Note | null>;
  saveMerge(record: MergeRecord): Promise<void>;
  getMerge(id: string): Promise<MergeRecord | null>;
}

export interface MergeRecord {
  id: string;
  contactId: string;
  merged: { id: string; name: string | null };
  by: string;
  at: number;
}

export interface VisitorState {
  conversationId: string | null;
  contactId: string | null;
  url: string | null;
  title: string | null;
  visits: number;
  lastSeenAt: number | null;
}

export interface EmailThreadRepository {
  /** Remembers which conversation an email Message-ID belongs to (inbound and outbound). */
  link(siteId: string, messageId: string, conversationId: string): Promise<void>;
  find(siteId: string, messageIds: string[]): Promise<string | null>;
  /** Per-conversation reply addresses (`reply+TOKEN@…`) are unguessable tokens mapped here. */
  linkReplyToken(token: string, siteId: string, conversationId: string): Promise<void>;
  findReplyToken(token: string): Promise<{ siteId: string; conversationId: string } | null>;
}

export interface AttachmentRepository {
  save(attachment: { id: string; siteId: string; name: string; type: string; content: Buffer }): Promise<void>;
  get(id: string): Promise<{ siteId: string; name: string; type: string; content: Buffer } | null>;
}

export type { Attributes, Identity };

export interface VisitorRepository {
  conversationOf(siteId: string, visitorId: string): Promise<string | null>;
  /** Links the conversation unless one is linked already; returns the linked id either way. */
  linkConversation(siteId: string, visitorId: string, conversationId: string): Promise<string>;
  /** Points the visitor at another conversation (or none), after identifying as another customer. */
  relinkConversation(siteId: string, visitorId: string, conversationId: string | null): Promise<void>;
  state(siteId: string, visitorId: string): Promise<VisitorState>;
  /** Links the contact unless one is linked already; returns the linked id either way. */
  linkContact(siteId: string, visitorId: string, contactId: string): Promise<string>;
  setContact(siteId: string, visitorId: string, contactId: string): Promise<void>;
  /** Records the page; counts a new visit after 30 minutes of silence. */
  touch(siteId: string, visitorId: string, page: { url?: string; title?: string }, at: number): Promise<VisitorState>;
}

/** Fan-out of domain events to connected clients (on every server process). */
export interface ConversationNotifier {
  /**
   * Also announces the conversation's new state: no `conversationUpdated` follows a new message.
   * `origin` is the visitor connection that sent it, which already has it from its ack.
   */
  messageCreated(conversation: Conversation, message: Message, origin?: string): void;
  messageUpdated(conversation: Conversation, message: Message): void;
  conversationUpdated(conversation: Conversation): void;
  contactUpdated(contact: Contact): void;
  timelineChanged(siteId: string, contactId: string): void;
  /** No agent can answer now: offer the shopper to continue by email. */
  followupOffered(conversation: Conversation, email: string | null): void;
  /** Another customer signed in on this browser: its tabs drop the chat they show (a catch-up finds none). */
  visitorStartedOver(siteId: string, visitorId: string): void;
}

/** Whether people are connected right now (answered from the socket layer). */
export interface PresencePort {
  agentsOnline(siteId: string): Promise<number>;
  visitorOnline(siteId: string, visitorId: string): Promise<boolean>;
}

export type { AgentRole };
