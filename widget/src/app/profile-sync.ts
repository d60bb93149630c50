import type { Ack, Attributes, IdentifyInput, IdentifyResult, VisitorContextInput } from '@hilo/shared';
import type { Page } from './page-watcher';
import { watchPage } from './page-watcher';
import { cleanAttributes, cleanIdentity, mergeAttributes } from './profile-input';
import { isRetryable } from './retryable';
import type { SiteStorage } from './site-storage';
import { createSyncedValue } from './synced-value';

/** What the socket owner lends while connected: the two events, and a fresh history sync. */
export interface ProfileChannel {
  identify(payload: IdentifyInput): Promise<Ack<IdentifyResult>>;
  context(payload: VisitorContextInput): Promise<Ack<null>>;
  /** The server made this visitor a known customer: their conversation may be another one. */
  resync(): void;
}

export interface ProfileSync {
  /** The socket is ready for `visitorId`: send what it has not settled and start reporting the page. */
  start(channel: ProfileChannel, visitorId: string): void;
  /** Disconnected: stop sending and watching the page. */
  stop(): void;
  /** `Hilo.identify`: stores the identity, sends it now when connected. */
  identify(input: unknown): void;
  /** `Hilo.setAttributes`: merges into the stored attributes, sends them now when connected. */
  setAttributes(input: unknown): void;
}

interface Live {
  channel: ProfileChannel;
  visitorId: string;
  /** JSON of what is on its way, so a burst of calls sends it once. */
  inFlight: Set<string>;
  stopWatching: () => void;
}

/**
 * Identity, attributes and page context: kept in localStorage whatever the connection, and sent only
 * over a socket something else opened (most visitors never chat and never connect).
 */
export function createProfileSync(storage: SiteStorage, watch: typeof watchPage = watchPage): ProfileSync {
  const identity = createSyncedValue(storage, 'identity', cleanIdentity);
  const attributes = createSyncedValue(storage, 'attributes', cleanAttributes);
  let live: Live | null = null;

  /** Sends `value` once per session; settles it on an answer that retrying would not change. */
  async function deliver<T, R>(value: T, tag: string, send: (channel: ProfileChannel) => Promise<Ack<R>>, settle: (visitorId: string) => void): Promise<Ack<R> | null> {
    const session = live;
    if (!session) return null;
    const key = tag + JSON.stringify(value);
    if (session.inFlight.has(key)) return null;
    session.inFlight.add(key);
    const ack = await send(session.channel);
    session.inFlight.delete(key);
    // A retryable failure (dropped, timed out, rate limited) stays unsettled: the next connect resends.
    if (ack.ok || !isRetryable(ack.error.code)) {
      settle(session.visitorId);
      if (!ack.ok) console.warn('[hilo]', tag, ack.error.message);
    }
    return ack;
  }

  async function flushIdentity(): Promise<void> {
    const value = live && identity.unsettled(live.visitorId);
    if (!value) return;
    const session = live;
    const ack = await deliver(value, 'identify', (c) => c.identify(value), (id) => identity.settle(value, id));
    if (ack?.ok && ack.data.verified && session === live) session?.channel.resync();
  }

  /** Page (when given) and unsettled attributes in one `visitor:context`. */
  async function sendContext(page?: Page): Promise<void> {
    const session = live;
    if (!session) return;
    const attrs = attributes.unsettled(session.visitorId);
    const withAttrs = attrs !== null && !session.inFlight.has('context' + JSON.stringify(attrs));
    if (!page && !withAttrs) return;
    const payload: VisitorContextInput = { ...page };
    if (!withAttrs) {
      await session.channel.context(payload);
      return;
    }
    payload.attributes = attrs;
    await deliver(attrs, 'context', (c) => c.context(payload), (id) => attributes.settle(attrs, id));
  }

  const stop = () => {
    live?.stopWatching();
    live = null;
  };

  return {
    start(channel, visitorId) {
      stop();
      const session: Live = { channel, visitorId, inFlight: new Set(), stopWatching: () => {} };
      live = session;
      void flushIdentity();
      // The watcher reports the current page at once: that first context also carries the attributes.
      session.stopWatching = watch((page) => void sendContext(page));
    },
    stop,
    identify(input) {
      const value = cleanIdentity(input);
      if (!value) return console.warn('[hilo]', 'identify needs an email, a name or a phone');
      identity.set(value);
      void flushIdentity();
    },
    setAttributes(input) {
      attributes.set(mergeAttributes(attributes.get() ?? ({} satisfies Attributes), input));
      void sendContext();
    },
  };
}
