import type { ContactProfile, Message, TimelineEntry } from '@hilo/shared';
import { observable } from './observable';

export interface ContactState {
  /** The customer on screen (the open conversation's contact), or null. */
  contactId: string | null;
  profile: ContactProfile | null;
  /** Newest first, as the server sends it. */
  timeline: TimelineEntry[];
  loading: boolean;
  error: string | null;
}

export type ContactLoadResult = { ok: true; profile: ContactProfile; timeline: TimelineEntry[] } | { ok: false; message: string };

/** Fetches profile and timeline together; the agent connection provides it (it owns the socket). */
export type ContactLoader = (contactId: string) => Promise<ContactLoadResult>;

const EMPTY: ContactState = { contactId: null, profile: null, timeline: [], loading: false, error: null };

/** Conversations that belong to the timeline shown, so their messages can trigger a refetch. */
function conversationIds(timeline: TimelineEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of timeline) {
    if (entry.kind === 'conversation') ids.add(entry.conversation.id);
    else if (entry.kind === 'email') ids.add(entry.conversationId);
  }
  return ids;
}

function patchEntry(entry: TimelineEntry, message: Message): TimelineEntry {
  if (entry.kind === 'email' && entry.message.id === message.id) return { ...entry, message };
  if (entry.kind === 'conversation' && entry.recent.some((m) => m.id === message.id)) {
    return { ...entry, recent: entry.recent.map((m) => (m.id === message.id ? message : m)) };
  }
  return entry;
}

/**
 * Profile and timeline of one customer. Pushes only *invalidate*: a burst of events (a message, its
 * conversation update, a timeline change) within `coalesceMs` makes one fetch, and an invalidation
 * during a fetch makes exactly one more afterwards, so the screen never ends on stale data.
 */
export function createContactModel(load: ContactLoader, options: { coalesceMs?: number } = {}) {
  const coalesceMs = options.coalesceMs ?? 60;
  const state = observable<ContactState>(EMPTY);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let dirty = false;

  async function fetchNow(): Promise<void> {
    const id = state.get().contactId;
    if (!id) return;
    if (inFlight) {
      dirty = true;
      return;
    }
    inFlight = true;
    dirty = false;
    let result: ContactLoadResult;
    try {
      result = await load(id);
    } catch {
      result = { ok: false, message: 'The customer could not be loaded' };
    }
    inFlight = false;
    // The agent moved to another customer meanwhile: this answer is for nobody.
    if (state.get().contactId === id) {
      if (result.ok) state.update((s) => ({ ...s, profile: result.profile, timeline: result.timeline, loading: false, error: null }));
      else state.update((s) => ({ ...s, loading: false, error: result.message }));
    }
    if (dirty || state.get().contactId !== id) {
      dirty = false;
      schedule();
    }
  }

  function schedule(): void {
    if (!state.get().contactId || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void fetchNow();
    }, coalesceMs);
  }

  return {
    state,
    /** Shows a customer (fetching at once) or clears the panel with null; the same id again is a no-op. */
    show(contactId: string | null): void {
      if (state.get().contactId === contactId) return;
      clearTimeout(timer);
      timer = undefined;
      state.set(contactId ? { ...EMPTY, contactId, loading: true } : EMPTY);
      if (contactId) void fetchNow();
    },
    /** Something about this customer changed on the server; refetch soon if they are on screen. */
    invalidate(contactId: string): void {
      if (state.get().contactId === contactId) schedule();
    },
    /** Refetch whatever is shown (after a reconnect). */
    refresh(): void {
      schedule();
    },
    /** A `message:new` for one of the shown customer's conversations adds to their timeline. */
    noteMessage(message: Message): void {
      if (conversationIds(state.get().timeline).has(message.conversationId)) schedule();
    },
    /** A `message:updated` (email delivery) changes an entry in place; no fetch needed. */
    replaceMessage(message: Message): void {
      const timeline = state.get().timeline;
      const next = timeline.map((entry) => patchEntry(entry, message));
      if (next.some((entry, i) => entry !== timeline[i])) state.update((s) => ({ ...s, timeline: next }));
    },
    dispose(): void {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export type ContactModel = ReturnType<typeof createContactModel>;
