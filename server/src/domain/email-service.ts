import { createHash, createHmac } from 'node:crypto';
import type { AttachmentInfo, Conversation, Delivery, Message } from '@hilo/shared';
import type { InboundEmail, OutboundEmail } from '../channels/email/inbound-email.js';
import type { ContactService } from './contact-service.js';
import type { ConversationService, EmailReplies } from './conversation-service.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import type { AttachmentRepository, ConversationNotifier, ConversationRepository, EmailThreadRepository, PresencePort, Site, SiteRepository } from './ports.js';

export interface EmailOutboxPort {
  enqueue(job: { id: string; siteId: string; conversationId: string; hiloMessageId: string; email: OutboundEmail }): Promise<void>;
}

export interface EmailServiceDeps {
  sites: SiteRepository;
  conversations: ConversationRepository;
  conversationService: () => ConversationService;
  contacts: ContactService;
  threads: EmailThreadRepository;
  attachments: AttachmentRepository;
  presence: PresencePort;
  notifier: ConversationNotifier;
  outbox: () => EmailOutboxPort;
}

const MAX_EMAIL_TEXT = 100_000;
const REPLY_PREFIX = 'reply+';

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

function replyToken(site: Site, conversationId: string): string {
  // Lower-case hex: some mail servers change the case of local parts.
  return createHmac('sha256', site.secret).update(`reply:${conversationId}`).digest('hex').slice(0, 24);
}

function replySubject(subject: string | null, siteName: string): string {
  if (!subject) return `Your conversation with ${siteName}`;
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

export type EmailService = ReturnType<typeof createEmailService>;

export function createEmailService(deps: EmailServiceDeps) {
  const { sites, conversations, contacts, threads, attachments, presence, notifier } = deps;

  async function replyAddress(site: Site, conversationId: string): Promise<string> {
    const token = replyToken(site, conversationId);
    await threads.linkReplyToken(token, site.id, conversationId);
    return `${REPLY_PREFIX}${token}@${domainOf(site.supportEmail ?? '')}`;
  }

  /** Which site and (for reply addresses) which conversation a recipient address points at. */
  async function route(address: string): Promise<{ site: Site; conversationId: string | null } | null> {
    const local = address.slice(0, address.lastIndexOf('@')).toLowerCase();
    if (local.startsWith(REPLY_PREFIX)) {
      const found = await threads.findReplyToken(local.slice(REPLY_PREFIX.length));
      const site = found ? await sites.findById(found.siteId) : null;
      return site && found ? { site, conversationId: found.conversationId } : null;
    }
    const site = await sites.findBySupportEmail(address);
    return site ? { site, conversationId: null } : null;
  }

  async function keepAttachments(siteId: string, email: InboundEmail): Promise<AttachmentInfo[]> {
    return Promise.all(
      email.attachments.map(async (a) => {
        const id = newId('f');
        if (a.content) await attachments.save({ id, siteId, name: a.name, type: a.type, content: a.content });
        return { id, name: a.name, type: a.type, size: a.size, url: a.content ? `/api/attachments/${id}` : null };
      }),
    );
  }

  const replies: EmailReplies = {
    async plan(conversation) {
      const { to } = await conversations.emailState(conversation.id);
      if (!to) return null;
      // A chat reply goes by email only when the shopper has left the page.
      if (conversation.channel !== 'email' && conversation.visitorId && (await presence.visitorOnline(conversation.siteId, conversation.visitorId))) return null;
      const site = await sites.findById(conversation.siteId);
      if (!site?.supportEmail) return null;
      return {
        email: { direction: 'out', subject: replySubject(conversation.subject, site.name), from: site.supportEmail, to: [to], attachments: [] },
        domain: domainOf(site.supportEmail),
      };
    },

    async dispatch(conversation, message) {
      const site = await sites.findById(conversation.siteId);
      if (!site?.supportEmail || !message.email) return;
      const { references } = await conversations.emailState(conversation.id);
      await deps.outbox().enqueue({
        id: message.id,
        siteId: site.id,
        conversationId: conversation.id,
        hiloMessageId: message.id,
        email: {
          from: `${site.name} <${site.supportEmail}>`,
          replyTo: await replyAddress(site, conversation.id),
          to: message.email.to[0] ?? '',
          subject: message.email.subject,
          text: message.text,
          messageId: message.email.messageId,
          ...(references.length ? { inReplyTo: references[references.length - 1], references } : {}),
        },
      });
      await threads.link(site.id, message.email.messageId, conversation.id);
      await conversations.addEmailReference(conversation.id, message.email.messageId);
    },
  };

  return {
    replies,

    /** Whether the inbound listener should take mail for this address (RCPT TO). */
    async accepts(address: string, siteId?: string): Promise<boolean> {
      const found = await route(address.toLowerCase());
      return found !== null && (!siteId || found.site.id === siteId);
    },

    /** Files an inbound email into its thread (or a new email conversation) on the sender's contact. */
    async receive(email: InboundEmail, envelopeRecipients: string[] = []): Promise<Message> {
      const recipients = [...envelopeRecipients, ...email.to.map((a) => a.address), ...email.cc.map((a) => a.address)].map((a) => a.toLowerCase());
      let target: { site: Site; conversationId: string | null } | null = null;
      for (const address of recipients) {
        const found = await route(address);
        if (found && (!target || found.conversationId)) target = found;
        if (target?.conversationId) break;
      }
      if (!target) throw new DomainError('not_found', 'No Hilo address among the recipients');
      const { site } = target;

      let conversation: Conversation | null = null;
      // Its own Message-ID first: a re-delivered email goes where its first copy went (and is not stored twice).
      const threadIds = [email.messageId, email.inReplyTo, ...[...email.references].reverse()].filter((id): id is string => Boolean(id));
      const conversationId = target.conversationId ?? (threadIds.length ? await threads.find(site.id, threadIds) : null);
      if (conversationId) {
        const found = await conversations.get(conversationId);
        if (found && found.siteId === site.id) conversation = found;
      }

      const senderName = email.from.name ?? email.from.address;
      const contact = await contacts.findOrCreateBy(site.id, 'email', email.from.address, true, email.from.name);
      const service = deps.conversationService();
      if (!conversation) {
        conversation = await service.open({ siteId: site.id, channel: 'email', contactId: contact.id, visitorName: senderName, subject: email.subject || '(no subject)' });
        await conversations.setFields(conversation.id, { followupEmail: email.from.address });
        await service.publish(conversation);
      } else if (!(await conversations.emailState(conversation.id)).to) {
        await conversations.setFields(conversation.id, { followupEmail: email.from.address });
      }

      const fingerprint = email.messageId ?? `${email.from.address}|${email.date ?? ''}|${email.subject}|${email.text}`;
      const clientId = `mail-${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 40)}`;
      const messageId = email.messageId ?? `<${clientId}@hilo.invalid>`;
      const kept = await keepAttachments(site.id, email);
      const { message, created } = await service.append(conversation, { kind: 'visitor', id: contact.id, name: senderName }, {
        clientId,
        text: email.text.slice(0, MAX_EMAIL_TEXT) || '(empty message)',
        email: () => ({ direction: 'in', subject: email.subject, from: email.from.address, to: email.to.map((a) => a.address), messageId, attachments: kept }),
      });
      if (created) {
        await threads.link(site.id, messageId, conversation.id);
        await conversations.addEmailReference(conversation.id, messageId);
        if (conversation.contactId) notifier.timelineChanged(site.id, conversation.contactId);
      }
      return message;
    },

    /** Records what the outbox did with a reply so agents see "sent" or the error. */
    async delivered(job: { conversationId: string; hiloMessageId: string }, delivery: Delivery): Promise<void> {
      const conversation = await conversations.get(job.conversationId);
      const message = conversation ? await conversations.findMessage(conversation.id, job.hiloMessageId) : null;
      if (!conversation || !message) return;
      const updated = await conversations.updateMessage(conversation.id, message.order, (m) => ({ ...m, delivery }));
      if (updated) notifier.messageUpdated(conversation, updated);
    },
  };
}
