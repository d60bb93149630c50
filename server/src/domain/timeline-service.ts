import type { Agent, Call, CallLogInput, CallRecordInput, Note, TimelineEntry } from '@hilo/shared';
import type { ContactService } from './contact-service.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import { toE164 } from './phone-number.js';
import type { ConversationNotifier, ConversationRepository, Site, TimelineRepository } from './ports.js';

export interface TimelineServiceDeps {
  timeline: TimelineRepository;
  conversations: ConversationRepository;
  contacts: ContactService;
  notifier: ConversationNotifier;
  phoneCountry?: string;
  now?: () => number;
}

const TIMELINE_LIMIT = 100;
const RECENT_MESSAGES = 3;
const EMAILS_PER_CONVERSATION = 50;

export type TimelineService = ReturnType<typeof createTimelineService>;

export function createTimelineService({ timeline, conversations, contacts, notifier, phoneCountry, now = Date.now }: TimelineServiceDeps) {
  async function liveContact(siteId: string, contactId: string) {
    const contact = await contacts.resolve(contactId);
    if (!contact || contact.siteId !== siteId) throw new DomainError('not_found', 'Contact not found');
    return contact;
  }

  async function conversationEntries(id: string): Promise<TimelineEntry[]> {
    const conversation = await conversations.get(id);
    if (!conversation) return [];
    if (conversation.channel === 'email') {
      const messages = await conversations.messagesAfter(id, Math.max(0, conversation.lastOrder - EMAILS_PER_CONVERSATION), EMAILS_PER_CONVERSATION);
      const emails = messages.filter((m) => m.email);
      if (emails.length) return emails.map((message) => ({ kind: 'email', at: message.createdAt, channel: 'email', conversationId: id, message }));
    }
    const recent = await conversations.messagesAfter(id, Math.max(0, conversation.lastOrder - RECENT_MESSAGES), RECENT_MESSAGES);
    return [{ kind: 'conversation', at: conversation.updatedAt, channel: conversation.channel, conversation, messageCount: conversation.lastOrder, recent }];
  }

  async function addCall(site: Site | { id: string }, contactId: string, call: Omit<Call, 'id' | 'siteId' | 'contactId' | 'createdAt'>): Promise<Call> {
    const stored: Call = { ...call, id: newId('k'), siteId: site.id, contactId, createdAt: now() };
    await timeline.saveCall(stored);
    await timeline.add(contactId, { kind: 'call', id: stored.id }, stored.startedAt);
    notifier.timelineChanged(site.id, contactId);
    return stored;
  }

  return {
    /** Everything known about one customer, across channels, newest first. */
    async list(siteId: string, contactId: string): Promise<TimelineEntry[]> {
      const contact = await liveContact(siteId, contactId);
      const refs = await timeline.list(contact.id, TIMELINE_LIMIT);
      const entries = await Promise.all(
        refs.map(async (ref): Promise<TimelineEntry[]> => {
          if (ref.kind === 'conv') return conversationEntries(ref.id);
          if (ref.kind === 'call') {
            const call = await timeline.getCall(ref.id);
            return call ? [{ kind: 'call', at: call.startedAt, channel: 'phone', call }] : [];
          }
          if (ref.kind === 'note') {
            const note = await timeline.getNote(ref.id);
            return note ? [{ kind: 'note', at: note.createdAt, channel: 'note', note }] : [];
          }
          const merge = await timeline.getMerge(ref.id);
          return merge ? [{ kind: 'merge', at: merge.at, channel: 'system', merged: merge.merged, by: merge.by }] : [];
        }),
      );
      return entries.flat().sort((a, b) => b.at - a.at);
    },

    async addNote(agent: Agent, input: { contactId: string; conversationId?: string; text: string }): Promise<Note> {
      const contact = await liveContact(agent.siteId, input.contactId);
      if (input.conversationId) {
        const conversation = await conversations.get(input.conversationId);
        if (!conversation || conversation.siteId !== agent.siteId) throw new DomainError('not_found', 'Conversation not found');
      }
      const note: Note = {
        id: newId('n'),
        siteId: agent.siteId,
        contactId: contact.id,
        conversationId: input.conversationId ?? null,
        author: { id: agent.id, name: agent.name, role: agent.role },
        text: input.text,
        createdAt: now(),
      };
      await timeline.saveNote(note);
      await timeline.add(contact.id, { kind: 'note', id: note.id }, note.createdAt);
      notifier.timelineChanged(agent.siteId, contact.id);
      return note;
    },

    /** A call an agent logs on the contact they are looking at. */
    async logCall(agent: Agent, input: CallLogInput & { notes: string }): Promise<Call> {
      const contact = await liveContact(agent.siteId, input.contactId);
      const number = toE164(input.number, phoneCountry);
      // The number becomes one of the contact's (unverified: an agent typed it).
      if (!contact.phones.some((p) => p.value === number)) await contacts.addIdentity(contact, 'phone', number, false);
      return addCall({ id: agent.siteId }, contact.id, {
        direction: input.direction,
        number,
        startedAt: input.startedAt,
        durationSeconds: input.durationSeconds,
        outcome: input.outcome,
        notes: input.notes,
        recordingUrl: null,
        loggedBy: { kind: 'agent', id: agent.id, name: agent.name },
      });
    },

    /** A call record from a telephony system; lands on the contact with that number (made if needed). */
    async recordCall(site: Site, input: CallRecordInput & { notes: string; outcome: Call['outcome'] }): Promise<Call> {
      const customer = input.direction === 'inbound' ? input.from : input.to;
      const number = toE164(customer, phoneCountry);
      const contact = await contacts.findOrCreateBy(site.id, 'phone', number, true, null);
      return addCall(site, contact.id, {
        direction: input.direction,
        number,
        startedAt: input.startedAt,
        durationSeconds: input.durationSeconds,
        outcome: input.outcome,
        notes: input.notes,
        recordingUrl: input.recordingUrl ?? null,
        loggedBy: { kind: 'integration' },
      });
    },
  };
}
