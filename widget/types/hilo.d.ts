/**
 * Types of the Hilo chat widget's page API, `window.Hilo`. Shipped as `dist/hilo.d.ts`; copy it into
 * your project (or reference it with `/// <reference path="hilo.d.ts" />`) to type your calls.
 * Kept in step with widget/src/contract.ts by a compile-time check (src/public-types-check.ts).
 */

/** `Hilo.identify` input: at least one of email, name or phone. */
export interface HiloIdentity {
  email?: string;
  name?: string;
  /** Any common format; stored as E.164. */
  phone?: string;
  /** hex HMAC-SHA256(site secret, lower-cased email), computed by YOUR server: makes the identity verified. */
  userHash?: string;
}

/** `Hilo.setAttributes` input: flat values, names of letters, digits, `_ . -`; `null` removes one. */
export type HiloAttributes = Record<string, string | number | boolean | null>;

export interface HiloMessageEvent {
  text: string;
  author: 'visitor' | 'agent' | 'bot' | 'system';
  authorName?: string;
  createdAt: number;
}

/** Events of `Hilo.on`. */
export interface HiloEvents {
  /** The chat app has loaded and queued calls have run. A listener added later runs at once. */
  ready: () => void;
  open: () => void;
  close: () => void;
  /** Each new message of the conversation (from the shopper or an agent). */
  message: (message: HiloMessageEvent) => void;
  /** Agent replies the shopper has not seen yet; 0 once they open the chat. */
  unread: (count: number) => void;
}
export type HiloEventName = keyof HiloEvents;

export type HiloQueuedCall = [method: string, ...args: unknown[]];

/**
 * `window.Hilo`. Safe before the loader has run: push calls on `Hilo.q` and they are replayed in order.
 *
 * @example
 * window.Hilo = window.Hilo || { q: [] };
 * window.Hilo.q.push(['on', 'unread', (n) => setBadge(n)], ['identify', { email: 'ana@example.com' }]);
 * // after load: window.Hilo.open();
 */
export interface HiloApi {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: HiloIdentity): void;
  setAttributes(attributes: HiloAttributes): void;
  /** Forgets this visitor (for your site's log-out). */
  shutdown(): void;
  on<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  off<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  q: { push(...calls: HiloQueuedCall[]): void };
}

declare global {
  interface Window {
    Hilo?: HiloApi | { q: HiloQueuedCall[] };
  }
}
