import type { Conversation, Message } from '@hilo/shared';

export interface AttentionPrefs {
  desktop: boolean;
  sound: boolean;
}

export const DEFAULT_PREFS: AttentionPrefs = { desktop: true, sound: true };

/** A conversation that just became mine (it was someone else's or nobody's). */
export function newlyMine(before: string | null | undefined, after: Conversation, agentId: string): boolean {
  return after.assigneeId === agentId && before !== agentId && after.status === 'open';
}

/** A customer message in a conversation I hold. */
export function customerWroteToMe(message: Message, holder: string | null | undefined, agentId: string): boolean {
  return message.author.kind === 'visitor' && holder === agentId;
}

/** "(3) Hilo" while something of mine is unread; the plain title otherwise. */
export function badgeTitle(base: string, unread: number): string {
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}
