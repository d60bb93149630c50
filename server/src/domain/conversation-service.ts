import type { Agent, BotOffer, Channel, Conversation, ConversationHistory, ConversationStatus, Delivery, EmailMeta, Message, MessageAuthor, MessagePreview } from '@hilo/shared';
import { LIMITS } from '@hilo/shared';
import type { ContactService } from './contact-service.js';
import { type ActivityPort, conversationFacts, noActivity } from './activity.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import type { ConversationNotifier, ConversationRepository, InboxPosition, PresencePort, TimelineRepository, VisitorRepository } from './ports.js';

/** How an agent's reply also leaves by email (email conversations, or chat follow-ups). */
export interface EmailReplies {
  /** Null when this reply stays in the chat only. */
  plan(conversation: Conversation): Promise<{ email: Omit<EmailMeta, 'messageId'>; domain: string } | null>;
  dispatch(conversation: Conversation, message: Message): Promise<void>;
}

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  visitors: VisitorRepository;
  contacts: ContactService;
  timeline: TimelineRepository;
  notifier: ConversationNotifier;
  presence: PresencePort;
  emailReplies?: EmailReplies;
  /**
   * Runs after each newly stored message (routing, waiting flag, inbox views); see workflow-service.ts.
   * Every way through it re-indexes the conversation, its status inbox included, so the message's
   * inbox update rides on that call instead of one of its own.
   */
  afterMessage?: (conversation: Conversation, message: Message) => Promise<void>;
  /** Reports and webhooks hear of conversations, messages and first responses here. */
  activity?: ActivityPort;
  now?: () => number;
}

export interface SendInput {
  clientId: string;
  text: string;
}

export interface AppendInput extends SendInput {
  email?: (messageId: string) => EmailMeta;
  delivery?: Delivery;
  /** The answer bot's article offer (bot messages only). */
  bot?: BotOffer;
  /** The connection that sent it: its ack carries the message, so the live echo skips it. */
  origin?: string;
  /** Store only if the conversation is still this visitor's (a hint the caller kept may be stale). */
  ownedBy?: string;
}

export interface NewConversation {
  siteId: string;
  channel: Channel;
  contactId: string;
  visitorId?: string;
  visitorName: string | null;
  subject: string | null;
}

export type ConversationService = ReturnType<typeof createConversationService>;

export function createConversationService(deps: ConversationServiceDeps) {
  const { conversations, visitors, contacts, timeline, notifier, presence, emailReplies, afterMessage, activity = noActivity, now = Date.now } = deps;
  async function visitorConversation(siteId: string, visitorId: string): Promise<Conversation | null> {
    const id = await visitors.conversationOf(siteId, visitorId);
    return id ? conversations.get(id) : null;
  }

  async function open(init: NewConversation): Promise<Conversation> {
    const at = now();
    const conversation: Conversation = {
      id: newId('c'),
      siteId: init.siteId,
      visitorId: init.visitorId ?? '',
      contactId: init.contactId,
      channel: init.channel,
      subject: init.subject,
      status: 'open',
      assigneeId: null,
      createdAt: at,
      updatedAt: at,
      firstResponseAt: null,
      resolvedAt: null,
      lastOrder: 0,
      lastMessage: null,
      visitorName: init.visitorName,
    };
    await conversations.create(conversation);
    return conversation;
  }

  /** Makes a conversation visible: inbox index, the customer's timeline, live consoles. */
  async function publish(conversation: Conversation): Promise<void> {
    await conversations.index(conversation);
    await activity.record({ type: 'conversation.created', ...conversationFacts(conversation), at: conversation.createdAt });
    if (conversation.contactId) {
      await timeline.add(conversation.contactId, { kind: 'conv', id: conversation.id }, conversation.createdAt);
      notifier.timelineChanged(conversation.siteId, conversation.contactId);
    }
  }

  /** Finds the visitor's conversation or makes one; concurrent first messages end in the same one. */
  async function ensureVisitorConversation(siteId: string, visitorId: string): Promise<Conversation> {
    const existing = await visitorConversation(siteId, visitorId);
    if (existing) return existing;
    // In the visitor's queue: a sign-in sent with the first message (the widget sends them back to back)
    // merges the contact before or after, never while the conversation is filed under it.
    return contacts.withVisitorContact(siteId, visitorId, async (contact) => {
      const opened = await visitorConversation(siteId, visitorId);
      if (opened) return opened;
      // The conversation exists before it is linked, so whoever reads the link always finds it.
      const fresh = await open({ siteId, visitorId, channel: 'chat', contactId: contact.id, visitorName: contact.name, subject: null });
      const linked = await visitors.linkConversation(siteId, visitorId, fresh.id);
      if (linked !== fresh.id) {
        await conversations.discard(fresh.id);
        const winner = await conversations.get(linked);
        if (!winner) throw new DomainError('internal', 'Conversation link points nowhere');
        return winner;
      }
      await publish(fresh);
      return fresh;
    });
  }

  /**
   * Stores a message in a conversation known by id (`known` is the caller's copy, when it has one).
   * Null when the conversation does not exist. Also returns the conversation after the append and the
   * last message before it, both from the store's one atomic step.
   */
  async function appendTo(
    conversationId: string,
    known: Conversation | null,
    author: MessageAuthor,
    input: AppendInput,
  ): Promise<{ message: Message; created: boolean; conversation: Conversation; previous: MessagePreview | null } | null> {
    const at = now();
    const id = newId('m');
    const result = await conversations.append(
      conversationId,
      { id, clientId: input.clientId, author, text: input.text, createdAt: at, email: input.email?.(id), delivery: input.delivery, bot: input.bot },
      author.kind === 'agent',
      input.ownedBy,
    );
    if (!result) return null;
    let current = result.conversation ?? (await conversations.get(conversationId)) ?? known;
    if (!current) return null;
    const { message, previous } = result;
    if (!result.created) return { message, created: false, conversation: current, previous };
    if (author.kind === 'visitor' && current.status === 'resolved') {
      // A customer writing again reopens the thread instead of starting over.
      await conversations.setStatus(current.id, 'open', at);
      current = { ...current, status: 'open', resolvedAt: null };
      void activity.record({ type: 'conversation.reopened', ...conversationFacts(current), at });
    }
    // Agents hear of the message while the inbox index is written, not one round trip later; routing,
    // views and search go out in the same round trip (one connection keeps their order, so a workflow
    // change re-indexes after this).
    const indexed = afterMessage ? null : conversations.index(current);
    notifier.messageCreated(current, message, input.origin);
    const followed = afterMessage?.(current, message);
    const facts = conversationFacts(current);
    void activity.record({ type: 'message.created', ...facts, messageId: message.id, authorKind: message.author.kind, text: message.text, at: message.createdAt });
    // The store stamps firstResponseAt with the message's own time, so equality means "this was the first".
    if (author.kind === 'agent' && current.firstResponseAt === message.createdAt) {
      void activity.record({ type: 'conversation.first_response', ...facts, agentId: author.id, createdAt: current.createdAt, at: message.createdAt });
    }
    await Promise.all([indexed, followed]);
    return { message, created: true, conversation: current, previous };
  }

  async function append(conversation: Conversation, author: MessageAuthor, input: AppendInput) {
    const result = await appendTo(conversation.id, conversation, author, input);
    if (!result) throw new DomainError('not_found', 'Conversation not found');
    return result;
  }

  /**
   * The visitor's message: straight into the linked conversation (one read fewer), or a new one. With
   * `hint`, the conversation this connection last wrote to, not even the link is read: the store takes
   * it only while the conversation is still the visitor's (a browser that changed customer detaches it).
   */
  async function appendVisitor(siteId: string, visitorId: string, input: AppendInput, hint?: string) {
    const author: MessageAuthor = { kind: 'visitor', id: visitorId };
    const hinted = hint ? await appendTo(hint, null, author, { ...input, ownedBy: visitorId }) : null;
    if (hinted) return hinted;
    const linked = await visitors.conversationOf(siteId, visitorId);
    const stored = linked ? await appendTo(linked, null, author, input) : null;
    return stored ?? append(await ensureVisitorConversation(siteId, visitorId), author, input);
  }

  async function history(conversation: Conversation, afterOrder: number): Promise<ConversationHistory> {
    const page = await conversations.messagesAfter(conversation.id, afterOrder, LIMITS.syncPage + 1);
    return { conversation, messages: page.slice(0, LIMITS.syncPage), hasMore: page.length > LIMITS.syncPage };
  }

  async function agentConversation(agent: Pick<Agent, 'siteId'>, conversationId: string): Promise<Conversation> {
    const conversation = await conversations.get(conversationId);
    // Another site's conversation looks exactly like a missing one.
    if (!conversation || conversation.siteId !== agent.siteId) throw new DomainError('not_found', 'Conversation not found');
    return conversation;
  }

  return {
    open,
    publish,
    append,

    /** `hint`: the conversation this connection last wrote to, if any (see appendVisitor). */
    async visitorSend(siteId: string, visitorId: string, input: SendInput, origin?: string, hint?: string): Promise<Message> {
      const { message, created, conversation, previous } = await appendVisitor(siteId, visitorId, { ...input, origin }, hint);
      // One offer per unanswered turn, not one per message.
      // Only a person's reply ends the shopper's turn: a bot answer in between does not start a new one.
      const last = previous?.authorKind;
      const newTurn = last === undefined || last === 'agent';
      if (created && newTurn && (await presence.agentsOnline(siteId)) === 0) {
        void activity.record({ type: 'conversation.missed', ...conversationFacts(conversation) });
        const contact = conversation.contactId ? await contacts.resolve(conversation.contactId) : null;
        const { to } = await conversations.emailState(conversation.id);
        notifier.followupOffered(conversation, to ?? contact?.emails[0]?.value ?? null);
      }
      return message;
    },

    async visitorHistory(siteId: string, visitorId: string, afterOrder: number): Promise<ConversationHistory | null> {
      const conversation = await visitorConversation(siteId, visitorId);
      return conversation ? history(conversation, afterOrder) : null;
    },

    async agentSend(agent: Agent, conversationId: string, input: SendInput): Promise<Message> {
      const conversation = await agentConversation(agent, conversationId);
      const outbound = emailReplies ? await emailReplies.plan(conversation) : null;
      const { message } = await append(conversation, { kind: 'agent', id: agent.id, name: agent.name }, {
        ...input,
        ...(outbound && {
          email: (id: string) => ({ ...outbound.email, messageId: `<${id}@${outbound.domain}>` }),
          delivery: { status: 'pending', attempts: 0, error: null, nextAttemptAt: null },
        }),
      });
      // Also for a re-sent reply: the outbox ignores a job it already holds.
      if (message.email && emailReplies) await emailReplies.dispatch(conversation, message);
      return message;
    },

    async agentOpen(agent: Agent, conversationId: string, afterOrder: number): Promise<ConversationHistory> {
      return history(await agentConversation(agent, conversationId), afterOrder);
    },

    inbox(agent: Agent, status: ConversationStatus, limit: number): Promise<Conversation[]> {
      return conversations.list(agent.siteId, status, limit);
    },

    /** For the REST API, which acts for a site rather than as an agent. */
    getFor: (siteId: string, conversationId: string): Promise<Conversation> => agentConversation({ siteId }, conversationId),

    openFor: (siteId: string, conversationId: string, afterOrder: number): Promise<ConversationHistory> =>
      agentConversation({ siteId }, conversationId).then((c) => history(c, afterOrder)),

    pageFor(siteId: string, status: ConversationStatus, before: InboxPosition | null, limit: number): Promise<{ conversations: Conversation[]; next: InboxPosition | null }> {
      return conversations.page(siteId, status, before, limit);
    },
  };
}
