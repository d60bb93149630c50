import type { Agent, Conversation, Csat, Message } from '@hilo/shared';
import { type ActivityPort, conversationFacts, noActivity } from './activity.js';
import { DomainError } from './errors.js';
import type { ConversationRepository, Site, VisitorRepository } from './ports.js';

/** What the email outbox takes (channels/email/email-outbox.ts), narrowed to what a transcript needs. */
export interface TranscriptMailer {
  enqueue(job: {
    id: string;
    siteId: string;
    conversationId: string;
    hiloMessageId: string;
    email: { from: string; replyTo: string; to: string; subject: string; text: string; messageId: string };
  }): Promise<void>;
}

export interface AfterChatNotifier {
  rated(siteId: string, csat: Csat): void;
}

export interface AfterChatService {
  rate(siteId: string, visitorId: string, input: { rating: 'good' | 'bad'; comment: string }): Promise<Csat>;
  sendTranscript(site: Site, visitorId: string, email: string): Promise<null>;
  csat(agent: Agent, conversationId: string): Promise<Csat | null>;
}

interface Deps {
  conversations: Pick<ConversationRepository, 'get' | 'messagesAfter'>;
  visitors: Pick<VisitorRepository, 'conversationOf'>;
  store: {
    saveCsat(csat: Csat): Promise<void>;
    csat(conversationId: string): Promise<Csat | null>;
    countTranscript(conversationId: string, windowSeconds: number): Promise<number>;
  };
  /** Null when outbound email is not configured. */
  mailer: () => TranscriptMailer | null;
  notifier: AfterChatNotifier;
  activity?: ActivityPort;
  now?: () => number;
}

const TRANSCRIPTS_PER_HOUR = 3;
const PAGE = 200;
const WHO: Record<Message['author']['kind'], string> = { visitor: 'You', agent: 'Agent', bot: 'Bot', system: 'Note' };

/** Plain text, oldest first: "[2026-11-22 17:05 UTC] Marta: Hello". */
export function transcriptText(siteName: string, messages: Message[]): string {
  const lines = messages.map((m) => {
    const at = new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' ');
    const who = m.author.kind === 'agent' && m.author.name ? m.author.name : WHO[m.author.kind];
    return `[${at} UTC] ${who}: ${m.text}`;
  });
  return `Your conversation with ${siteName}\n\n${lines.join('\n')}\n`;
}

export function createAfterChatService({ conversations, visitors, store, mailer, notifier, activity = noActivity, now = Date.now }: Deps): AfterChatService {
  const ownConversation = async (siteId: string, visitorId: string): Promise<Conversation> => {
    const id = await visitors.conversationOf(siteId, visitorId);
    const conversation = id ? await conversations.get(id) : null;
    if (!conversation || conversation.siteId !== siteId) throw new DomainError('not_found', 'No conversation yet');
    return conversation;
  };

  return {
    async rate(siteId, visitorId, input) {
      const conversation = await ownConversation(siteId, visitorId);
      // Rated after it was resolved at least once; a reopened chat can be rated again later.
      if (conversation.status !== 'resolved' && conversation.resolvedAt === null) throw new DomainError('conflict', 'The conversation is still open');
      const csat: Csat = { conversationId: conversation.id, rating: input.rating, comment: input.comment, ratedAt: now() };
      await store.saveCsat(csat);
      notifier.rated(siteId, csat);
      await activity.record({ type: 'csat.received', ...conversationFacts(conversation), rating: csat.rating, comment: csat.comment || null, at: csat.ratedAt });
      return csat;
    },
    async sendTranscript(site, visitorId, email) {
      const conversation = await ownConversation(site.id, visitorId);
      const outbox = mailer();
      if (!outbox || !site.supportEmail) throw new DomainError('unavailable', 'Email is not set up for this site');
      if ((await store.countTranscript(conversation.id, 3600)) > TRANSCRIPTS_PER_HOUR) throw new DomainError('rate_limited', 'Too many transcript requests; try again later');
      const messages: Message[] = [];
      for (let after = 0; ; ) {
        const page = await conversations.messagesAfter(conversation.id, after, PAGE);
        messages.push(...page);
        const last = page.at(-1);
        if (page.length < PAGE || !last) break;
        after = last.order;
      }
      const id = `transcript-${conversation.id}-${now()}`;
      const domain = site.supportEmail.split('@')[1] ?? 'hilo.invalid';
      await outbox.enqueue({
        id,
        siteId: site.id,
        conversationId: conversation.id,
        // No stored message carries this job: its delivery updates nothing.
        hiloMessageId: id,
        email: {
          from: `${site.name} <${site.supportEmail}>`,
          replyTo: site.supportEmail,
          to: email,
          subject: `Your conversation with ${site.name}`,
          text: transcriptText(site.name, messages),
          messageId: `<${id}@${domain}>`,
        },
      });
      return null;
    },
    async csat(agent, conversationId) {
      const conversation = await conversations.get(conversationId);
      if (!conversation || conversation.siteId !== agent.siteId) throw new DomainError('not_found', 'No such conversation');
      return store.csat(conversationId);
    },
  };
}
