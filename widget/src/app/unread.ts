import type { Message } from '@hilo/shared';
import type { ConversationModel } from './conversation-model';
import type { SiteStorage } from './site-storage';
import type { Store } from './store';
import { createStore } from './store';

export interface Unread {
  /** Agent messages newer than the last one the shopper has seen, in any tab. */
  count: Store<number>;
  /** The shopper is looking at the conversation: everything held counts as seen. */
  markSeen(): void;
  /** Another tab changed the seen mark (storage event). */
  reload(): void;
  stop(): void;
}

const SEEN = 'seen';
const fromOthers = (message: Message) => message.author.kind === 'agent' || message.author.kind === 'bot';

/**
 * Unread replies. The seen mark is an order kept in localStorage, so every tab of the site agrees:
 * reading in one tab clears the badge in all of them. `onSeen` is told each new mark (read receipt).
 */
export function createUnread(model: ConversationModel, storage: SiteStorage, onSeen: (order: number) => void): Unread {
  const seenOrder = () => Number(storage.get(SEEN)) || 0;
  const count = createStore(0);
  const recount = () => {
    const seen = seenOrder();
    count.set(model.get().messages.filter((m) => m.order > seen && fromOthers(m)).length);
  };
  const stop = model.subscribe(recount);
  recount();
  return {
    count,
    markSeen() {
      const last = model.lastOrder();
      if (last > seenOrder()) {
        storage.set(SEEN, String(last));
        onSeen(last);
      }
      recount();
    },
    reload: recount,
    stop,
  };
}

/**
 * Shows the count on the launcher and in the page title while the panel is closed, and gives the
 * page its own title back at zero (or the title the page set meanwhile, for single-page apps).
 */
export function showUnread(launcher: HTMLElement, doc: Document, format: (n: number) => string): (n: number) => void {
  let badge: HTMLElement | null = null;
  let ownTitle: string | null = null;
  let shownTitle = '';
  return (n) => {
    if (n > 0) {
      badge ??= launcher.appendChild(doc.createElement('span'));
      badge.className = 'n';
      badge.textContent = n > 9 ? '9+' : String(n);
      if (ownTitle === null || doc.title !== shownTitle) ownTitle = doc.title;
      shownTitle = `${format(n)} · ${ownTitle}`;
      doc.title = shownTitle;
    } else {
      badge?.remove();
      badge = null;
      if (ownTitle !== null && doc.title === shownTitle) doc.title = ownTitle;
      ownTitle = null;
    }
  };
}
