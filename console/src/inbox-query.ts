import type { Conversation, InboxSort, InboxViewName } from '@hilo/shared';

/** Which slice of conversations the inbox shows, and in what order. */
export interface InboxQuery {
  view: InboxViewName;
  teamId?: string;
  label?: string;
  sort: InboxSort;
}

export const DEFAULT_QUERY: InboxQuery = { view: 'all', sort: 'activity' };

/**
 * Whether a conversation belongs in the view: mirrors the server's view sets (store/workflow-store.ts)
 * so a live `conversation:updated` moves a row in or out without asking the server again.
 */
export function matchesQuery(query: InboxQuery, agentId: string, c: Conversation): boolean {
  switch (query.view) {
    case 'all':
      return c.status === 'open';
    case 'mine':
      return c.status === 'open' && c.assigneeId === agentId;
    case 'unassigned':
      return c.status === 'open' && !c.assigneeId;
    case 'resolved':
      return c.status === 'resolved';
    case 'snoozed':
      return c.status === 'pending';
    case 'team':
      return c.status === 'open' && !!query.teamId && c.teamId === query.teamId;
    case 'label':
      return !!query.label && (c.labels ?? []).includes(query.label);
  }
}

const NOT_WAITING = Number.MAX_SAFE_INTEGER;

/** Newest activity first, or longest waiting first (answered ones after, by activity). */
export function compareFor(query: InboxQuery): (a: Conversation, b: Conversation) => number {
  const byActivity = (a: Conversation, b: Conversation): number => b.updatedAt - a.updatedAt;
  if (query.sort === 'activity') return byActivity;
  return (a, b) => (a.waitingSince ?? NOT_WAITING) - (b.waitingSince ?? NOT_WAITING) || byActivity(a, b);
}

export const VIEW_TITLES: Record<InboxViewName, string> = {
  mine: 'Mine',
  unassigned: 'Unassigned',
  all: 'All open',
  resolved: 'Resolved',
  snoozed: 'Snoozed',
  team: 'Team',
  label: 'Label',
};
