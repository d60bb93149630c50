import type { Conversation, Message } from '@hilo/shared';
import type { ContactService } from '../domain/contact-service.js';
import { newId } from '../domain/ids.js';
import type { ConversationRepository, EmailThreadRepository, Site, TimelineRepository } from '../domain/ports.js';
import { DEMO_CUSTOMER } from './demo-customer.js';

export interface DemoSeedDeps {
  contacts: ContactService;
  conversations: ConversationRepository;
  timeline: TimelineRepository;
  threads: EmailThreadRepository;
}

const DAY = 24 * 3600 * 1000;

/**
 * Gives the demo a customer with a past: Ana emailed about a late order three days ago, got an answer,
 * and phoned yesterday. Written with past timestamps, straight into the stores, on the first start only.
 */
export async function seedDemoCustomer({ contacts, conversations, timeline, threads }: DemoSeedDeps, site: Site, now = Date.now()): Promise<void> {
  let ana = await contacts.findOrCreateBy(site.id, 'email', DEMO_CUSTOMER.email, true, DEMO_CUSTOMER.name);
  ana = await contacts.addIdentity(ana, 'phone', DEMO_CUSTOMER.phone, true);
  ana = await contacts.addAttributes(ana, { ...DEMO_CUSTOMER.attributes });

  const support = site.supportEmail ?? 'support@hilo.test';
  const domain = support.slice(support.indexOf('@') + 1);
  const t0 = now - 3 * DAY;
  const conversation: Conversation = {
    id: newId('c'), siteId: site.id, visitorId: '', contactId: ana.id, channel: 'email', subject: 'Where is my order #1042?',
    status: 'resolved', assigneeId: null, createdAt: t0, updatedAt: t0 + 5 * 3600_000, firstResponseAt: null, resolvedAt: t0 + 5 * 3600_000,
    lastOrder: 0, lastMessage: null, visitorName: DEMO_CUSTOMER.name,
  };
  await conversations.create(conversation);
  const thread: Array<{ at: number; fromAna: boolean; text: string }> = [
    { at: t0, fromAna: true, text: 'Hi! I ordered the merino throw and two mugs last week (order #1042) and the tracking has not moved for four days. Could you check?\n\nThanks,\nAna' },
    { at: t0 + 2 * 3600_000, fromAna: false, text: 'Hi Ana, sorry about that! The parcel was held at the Madrid hub; it is moving again and should reach you on Friday. I have added free express shipping to your next order.\n\nAlex, Casa Hilo' },
    { at: t0 + 5 * 3600_000, fromAna: true, text: 'Great, thank you Alex!' },
  ];
  const references: string[] = [];
  for (const [i, step] of thread.entries()) {
    const id = newId('m');
    const messageId = `<seed-${conversation.id}-${i}@${step.fromAna ? 'example.com' : domain}>`;
    const message: Omit<Message, 'order' | 'conversationId'> = {
      id,
      clientId: `seed-${conversation.id}-${i}`,
      author: step.fromAna ? { kind: 'visitor', id: ana.id, name: DEMO_CUSTOMER.name } : { kind: 'agent', id: 'seed', name: 'Alex Admin' },
      text: step.text,
      createdAt: step.at,
      email: {
        direction: step.fromAna ? 'in' : 'out',
        subject: i === 0 ? conversation.subject ?? '' : `Re: ${conversation.subject}`,
        from: step.fromAna ? DEMO_CUSTOMER.email : support,
        to: [step.fromAna ? support : DEMO_CUSTOMER.email],
        messageId,
        attachments: [],
      },
      ...(step.fromAna ? {} : { delivery: { status: 'sent' as const, attempts: 1, error: null, nextAttemptAt: null } }),
    };
    await conversations.append(conversation.id, message, !step.fromAna);
    await threads.link(site.id, messageId, conversation.id);
    references.push(messageId);
  }
  for (const ref of references) await conversations.addEmailReference(conversation.id, ref);
  await conversations.setFields(conversation.id, { followupEmail: DEMO_CUSTOMER.email });
  await conversations.setStatus(conversation.id, 'resolved', t0 + 5 * 3600_000);
  const stored = await conversations.get(conversation.id);
  if (stored) await conversations.index(stored);
  await timeline.add(ana.id, { kind: 'conv', id: conversation.id }, t0);

  const callAt = now - DAY;
  const call = {
    id: newId('k'), siteId: site.id, contactId: ana.id, direction: 'inbound' as const, number: DEMO_CUSTOMER.phone,
    startedAt: callAt, durationSeconds: 252, outcome: 'answered' as const,
    notes: 'Ana called: order #1042 arrived, one mug chipped. Promised a replacement mug; she prefers email updates.',
    recordingUrl: null, loggedBy: { kind: 'agent' as const, id: 'seed', name: 'Alex Admin' }, createdAt: callAt,
  };
  await timeline.saveCall(call);
  await timeline.add(ana.id, { kind: 'call', id: call.id }, callAt);
}
