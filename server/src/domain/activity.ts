import type { ActivityEvent, Conversation } from '@hilo/shared';
import { RECORDED_EVENTS } from '@hilo/shared';
import { newId } from './ids.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as a service reports it; the log stamps the id (and the time, unless given). */
export type ActivityInput = DistributiveOmit<ActivityEvent, 'id' | 'at'> & { at?: number };

/** Where services report what happened; it never throws, so a report never fails the action. */
export interface ActivityPort {
  /** `event` is completed in place (id, time) and handed on: pass a fresh object. */
  record(event: ActivityInput): Promise<void>;
}

export interface ActivityLog extends ActivityPort {
  /** Webhooks and the answer bot listen here; a listener's failure is its own. */
  subscribe(listener: (event: ActivityEvent) => void): () => void;
}

export interface ActivityLogDeps {
  store: { append(event: ActivityEvent): Promise<void> };
  onError(err: unknown, event: ActivityEvent): void;
  now?: () => number;
}

const recorded = new Set<string>(RECORDED_EVENTS);

/** The facts every conversation event carries, taken from the conversation as it is now. */
export function conversationFacts(c: Conversation) {
  return {
    siteId: c.siteId,
    conversationId: c.id,
    channel: c.channel,
    contactId: c.contactId,
    agentId: c.assigneeId,
    teamId: c.teamId ?? null,
  };
}

export function createActivityLog({ store, onError, now = Date.now }: ActivityLogDeps): ActivityLog {
  const listeners = new Set<(event: ActivityEvent) => void>();
  return {
    async record(input) {
      // Callers pass a fresh literal, so it becomes the event itself: one copy fewer per message.
      const event = Object.assign(input, { id: newId('ev'), at: input.at ?? now() }) as ActivityEvent;
      if (recorded.has(event.type)) {
        try {
          await store.append(event);
        } catch (err) {
          onError(err, event);
        }
      }
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          onError(err, event);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** For tests and tools that do not care about activity. */
export const noActivity: ActivityPort = { record: async () => {} };
