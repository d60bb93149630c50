// The one seam between the loader (host page, no framework) and the app chunk: types only, so the
// loader stays free of app code.
import type { IdentifyInput, WidgetConfig } from '@hilo/shared';

/** What the loader hands to the app chunk's exported `mount`. */
export interface MountOptions {
  /** Open shadow root that already holds the launcher; the app adds its own stylesheet and panel. */
  shadowRoot: ShadowRoot;
  siteKey: string;
  /** Origin the loader was served from; the visitor socket connects there. */
  serverOrigin: string;
  /** Directory URL the loader came from (ends with '/'). */
  baseUrl: string;
  /** From data-lang; the app falls back to <html lang>, then navigator.language. */
  lang?: string;
  /** The launcher button the loader drew; the app keeps its aria-expanded / aria-label in step. */
  launcher: HTMLButtonElement;
  /** CSP nonce of the loader's script tag, put on every <style> the widget adds. */
  nonce?: string;
  zIndex: number;
  /** The site's settings from `GET /widget/config/<siteKey>` (fetched by the loader); null when it failed. */
  config: Promise<WidgetConfig | null>;
}

/** Events of `Hilo.on`. */
export interface HiloEvents {
  /** The chat app is loaded and the queued calls have run. */
  ready: () => void;
  open: () => void;
  close: () => void;
  /** A new message in the conversation (from the shopper or an agent). */
  message: (message: { text: string; author: 'visitor' | 'agent' | 'bot' | 'system'; authorName?: string; createdAt: number }) => void;
  /** Agent messages the shopper has not seen yet (0 when the panel is opened). */
  unread: (count: number) => void;
}
export type HiloEventName = keyof HiloEvents;

/** `Hilo.setAttributes` input: flat values; `null` removes an attribute. */
export type AttributesInput = Record<string, string | number | boolean | null>;

/** What `mount` returns; `window.Hilo` forwards its calls here once the app is loaded. */
export interface WidgetController {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: IdentifyInput): void;
  setAttributes(attributes: AttributesInput): void;
  shutdown(): void;
  on<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  off<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  destroy(): void;
}

export interface AppModule {
  mount(options: MountOptions): WidgetController;
}

/** A queued call, as a page pushes it before the loader runs: `['open']`. */
export type QueuedCall = [method: string, ...args: unknown[]];

/**
 * The public page API, `window.Hilo`.
 *
 * @example
 * // Safe to call before loader.js has run: calls are queued and replayed.
 * window.Hilo = window.Hilo || { q: [] };
 * window.Hilo.q.push(['open'], ['identify', { email: 'ana@example.com' }]);
 * // After load:
 * window.Hilo.open();
 */
export interface HiloApi {
  /** Opens the chat panel (loads the app first if needed). */
  open(): void;
  /** Closes the chat panel. */
  close(): void;
  /** Opens or closes the chat panel. */
  toggle(): void;
  /**
   * Tells who the shopper is, so agents see the customer and their history. Replaces any earlier
   * identity. Kept in localStorage and sent when the chat connects (it never opens a connection by
   * itself), again only when it changes. With `userHash` = hex HMAC-SHA256(site secret, email),
   * computed by your backend, the visitor becomes that customer (verified) and sees their conversation.
   *
   * @example
   * // After sign-in, with the hash from your server (never compute it in the page):
   * window.Hilo.identify({ email: 'ana@example.com', name: 'Ana Ruiz', userHash: '9f86d0…' });
   * // Unverified: the console shows it as a possible match for an agent to confirm.
   * window.Hilo.identify({ name: 'Ana', phone: '+34 612 345 678' });
   */
  identify(identity: IdentifyInput): void;
  /**
   * Adds facts about the shopper for agents (plan, cart value…): flat string, number or boolean
   * values, names of letters, digits, `_ . -`; `null` removes one. Merged with earlier calls, kept in
   * localStorage and sent when the chat connects (never opens a connection by itself).
   *
   * @example
   * window.Hilo.setAttributes({ plan: 'pro', cartValue: 59.9, firstOrder: false });
   * window.Hilo.setAttributes({ coupon: null }); // forget one
   */
  setAttributes(attributes: AttributesInput): void;
  /**
   * Forgets the visitor in this browser, for your site's log-out: clears the widget's stored data
   * (`hilo:<site>:*` in localStorage), closes the connection and empties the panel. The next chat
   * starts as a new anonymous visitor.
   *
   * @example
   * signOutButton.addEventListener('click', () => window.Hilo.shutdown());
   */
  shutdown(): void;
  /**
   * Listens to the widget. Listeners added before the app has loaded are kept and attached when it
   * has; a `ready` listener added after load runs at once. Errors thrown by a listener are caught.
   *
   * @example
   * window.Hilo.on('unread', (count) => badge.textContent = count ? String(count) : '');
   * window.Hilo.on('message', (m) => analytics.track('chat_message', { from: m.author }));
   */
  on<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  /** Removes a listener added with `on`. */
  off<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  /** Kept after load so late `Hilo.q.push([...])` calls still run. */
  q: { push(...calls: QueuedCall[]): void };
}
