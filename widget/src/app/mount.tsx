import { render } from 'preact';
import type { MountOptions, WidgetController } from '../contract';
import { isWithinHours } from '@hilo/shared/constants';
import { App } from './components/App';
import type { UiState } from './components/App';
import { createConversationModel } from './conversation-model';
import { en } from './locales/en';
import { loadStrings, pickLang } from './locales/pick-locale';
import { createOutbox } from './outbox';
import { createSiteStorage } from './site-storage';
import { createStore } from './store';
import { widgetCss } from './styles';
import { loadExtras, setExtrasStyleHost } from './components/use-extras';
import { createUnread, showUnread } from './unread';
import type { CreateSocket } from './visitor-connection';
import { createVisitorConnection } from './visitor-connection';
import { applyLook, createConfigStore } from './widget-config';
import { createWidgetEvents } from './widget-events';

/** Composition root of the app chunk: wires storage, models, the socket owner and the UI. */
export function mount(options: MountOptions, createSocket?: CreateSocket): WidgetController {
  const { shadowRoot, siteKey, launcher } = options;
  const doc = shadowRoot.ownerDocument;
  const lang = pickLang([options.lang, doc.documentElement.lang, navigator.language]);
  // English until another language's chunk is in (the first render waits for it).
  let strings = en;
  const mountedAt = Date.now();

  const storage = createSiteStorage(siteKey);
  const outbox = createOutbox(storage);
  const model = createConversationModel(storage);
  model.setPending(outbox.get());
  const stopOutbox = outbox.subscribe((items) => model.setPending(items));
  const connection = createVisitorConnection({ serverOrigin: options.serverOrigin, siteKey, storage, model, outbox, createSocket });
  const ui = createStore<UiState>({ open: false, prechatDone: storage.get('prechat') === '1' });
  const config = createConfigStore(options.config);
  const events = createWidgetEvents();
  // Only sites with sound need a leader tab: the election code ships in the extras chunk.
  let leader: { isLeader(): boolean; stop(): void } | null = null;
  const stopLeaderWatch = config.subscribe((value) => {
    if (value.sound && !leader) void loadExtras().then((extras) => (leader ??= extras.createTabLeader(`hilo:${siteKey}:leader`)), () => undefined);
  });

  const style = doc.createElement('style');
  if (options.nonce) style.nonce = options.nonce;
  style.textContent = widgetCss();
  const container = doc.createElement('div');
  shadowRoot.append(style, container);
  setExtrasStyleHost(shadowRoot, options.nonce);
  applyLook(container, config.get(), options.zIndex);
  const stopLook = config.subscribe((value) => applyLook(container, value, options.zIndex));

  // The shopper sees the conversation only with the panel open in a visible tab.
  const viewing = () => ui.get().open && doc.visibilityState === 'visible';
  const unread = createUnread(model, storage, connection.markRead);
  const paintUnread = showUnread(launcher, doc, (n) => strings.unreadTitle.replace('{n}', String(n)));
  const showLauncherState = () => {
    const { open } = ui.get();
    const n = unread.count.get();
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? strings.closeChat : n ? `${strings.openChat} (${n})` : strings.openChat);
    paintUnread(open ? 0 : n);
  };
  showLauncherState();
  let lastCount = unread.count.get();
  const stopUnread = unread.count.subscribe((n) => {
    showLauncherState();
    events.emit('unread', n);
    if (n > lastCount && config.get().sound && !viewing() && leader?.isLeader()) void loadExtras().then((extras) => extras.chime(), () => undefined);
    lastCount = n;
  });

  // `Hilo.on('message')`: each message once, not the history the page already had before it loaded.
  const announced = new Set(model.get().messages.map((m) => m.id));
  const stopMessages = model.subscribe((state) => {
    for (const m of state.messages) {
      if (announced.has(m.id)) continue;
      announced.add(m.id);
      if (m.createdAt >= mountedAt - 60_000) events.emit('message', { text: m.text, author: m.author.kind, authorName: m.author.name, createdAt: m.createdAt });
    }
    if (viewing()) unread.markSeen();
  });

  const open = () => {
    if (ui.get().open) return;
    ui.set({ ...ui.get(), open: true });
    showLauncherState();
    connection.connect();
    unread.markSeen();
    events.emit('open');
  };
  const close = (returnFocus: boolean) => {
    if (!ui.get().open) return;
    // Focus inside a panel that is about to hide would be lost: hand it back to the launcher.
    const focusInside = shadowRoot.activeElement !== null && shadowRoot.activeElement !== launcher;
    ui.set({ ...ui.get(), open: false });
    showLauncherState();
    if (returnFocus || focusInside) launcher.focus();
    events.emit('close');
  };

  const onSend = (text: string) => {
    connection.send(text);
    // Outside business hours nobody will answer soon: offer email at once (the server offers it
    // itself when no agent is online).
    if (!isWithinHours(config.get().businessHours, new Date()) && !model.get().followup) model.offerFollowup(null);
  };
  const setNotice = (notice: string | null) => ui.set({ ...ui.get(), notice });
  const site = { serverOrigin: options.serverOrigin, siteKey, storage };
  const onAttach = (file: File) => {
    setNotice(null);
    const deps = { ...site, model, failed: (error: string | null) => setNotice(strings.fileFailed.replace('{error}', () => error ?? '')) };
    loadExtras().then((extras) => extras.sendFile(deps, file), () => deps.failed(null));
  };
  const onPrechat = (identity: { name: string; email: string } | null) => {
    if (identity) connection.identify(identity.email ? identity : { name: identity.name });
    storage.set('prechat', '1');
    ui.set({ ...ui.get(), prechatDone: true });
  };

  // Another tab sent or acknowledged a message, or read the replies: keep this tab in step.
  const onStorage = (event: StorageEvent) => {
    if (event.key === storage.key('outbox')) outbox.reload();
    if (event.key === storage.key('seen')) unread.reload();
  };
  const onVisible = () => {
    if (viewing()) unread.markSeen();
  };
  window.addEventListener('storage', onStorage);
  doc.addEventListener('visibilitychange', onVisible);

  let destroyed = false;
  const start = (loaded: typeof en) => {
    if (destroyed) return;
    strings = loaded;
    showLauncherState();
    render(
      <App
        model={model}
        ui={ui}
        config={config}
        strings={strings}
        lang={lang}
        onSend={onSend}
        onRetry={connection.retry}
        ask={connection.ask}
        site={site}
        onPrechat={onPrechat}
        onTyping={connection.typing}
        onAttach={onAttach}
        onClose={() => close(true)}
      />,
      container,
    );
  };
  const loading = loadStrings(lang);
  if (loading instanceof Promise) void loading.then(start);
  else start(loading);

  // A conversation is going (or messages wait to be sent): connect now so replies arrive live.
  // Otherwise no socket until the shopper opens the panel.
  if (storage.get('active') === '1' || outbox.get().length > 0) connection.connect();
  // After the loader has replayed the queued calls (it does so right after mount returns).
  queueMicrotask(events.markReady);

  return {
    open,
    close: () => close(false),
    toggle: () => (ui.get().open ? close(false) : open()),
    identify: connection.identify,
    setAttributes: connection.setAttributes,
    on: events.on,
    off: events.off,
    shutdown() {
      // Socket first, so no late ack writes into the storage being cleared.
      connection.shutdown();
      // Closed before clearing, so nothing marks the old conversation as seen into the fresh storage.
      close(false);
      storage.clear();
      outbox.reload();
      model.reset(null);
      announced.clear();
      ui.set({ ...ui.get(), prechatDone: false });
      unread.reload();
    },
    destroy() {
      destroyed = true;
      window.removeEventListener('storage', onStorage);
      doc.removeEventListener('visibilitychange', onVisible);
      [stopOutbox, stopLook, stopUnread, stopMessages, stopLeaderWatch, unread.stop, () => leader?.stop()].forEach((stop) => stop());
      paintUnread(0);
      connection.destroy();
      render(null, container);
      style.remove();
      container.remove();
    },
  };
}
