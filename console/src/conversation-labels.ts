import type { Channel, Conversation, ConversationStatus } from '@hilo/shared';

/** The visitor's name, or a stable short label from their id when no name is known. */
export function visitorLabel(conversation: Pick<Conversation, 'visitorName' | 'visitorId'>): string {
  const name = conversation.visitorName?.trim();
  return name ? name : `Visitor ${conversation.visitorId.slice(0, 6)}`;
}

const CHANNELS: Record<Channel, string> = { chat: 'Chat', email: 'Email', phone: 'Phone' };
const STATUSES: Record<ConversationStatus, string> = { open: 'Open', pending: 'Pending', resolved: 'Resolved' };

export const channelLabel = (channel: Channel): string => CHANNELS[channel];
export const statusLabel = (status: ConversationStatus): string => STATUSES[status];
