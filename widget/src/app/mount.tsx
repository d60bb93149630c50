import { render } from 'preact';
import type { MountOptions, WidgetController } from '../contract';
import { App } from './components/App';
import type { UiState } from './components/App';
import { createConversationModel } from './conversation-model';
import { LOCALES, pickLang } from './locales/pick-locale';
import { createOutbox } from './outbox';
import { createSiteStorage } from './site-storage';
import { createStore } from './store';
import { widgetCss } from './styles';
import type { CreateSocket } from './visitor-connection';
import { createVisitorConnection } from './visitor-connection';

/** Composition root of the app chunk: wires storage, models, the socket owner and the UI. */
export function mount(options: MountOptions, createSocket?: CreateSocket): WidgetController {
  const { shadowRoot, siteKey, launcher } = options;
  const doc = shadowRoot.ownerDocument;
  const lang = pickLang([options.lang, doc.documentElement.lang, navigator.language]);
  const strings = LOCALES[lang];

  const storage = createSiteStorage(siteKey);
  const outbox = createOutbox(storage);
  const model = createConversationModel(storage);
  model.setPending(outbox.get());
  const stopOutbox = outbox.subscribe((items) => model.setPending(items));
  const connection = createVisitorConnection({ serverOrigin: options.serverOrigin, siteKey, storage, model, outbox, createSocket });
  const ui = createStore<UiState>({ open: false });

  const style = doc.createElement('style');
  if (options.nonce) style.nonce = options.nonce;
  style.textContent = widgetCss(options.zIndex);
  const container = doc.createElement('div');
  shadowRoot.append(style, container);

  const showLauncherState = (open: boolean) => {
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? strings.closeChat : strings.openChat);
  };
  showLauncherState(false);

  const open = () => {
    ui.set({ open: true });
    showLauncherState(true);
    connection.connect();
  };
  const close = (returnFocus: boolean) => {
    if (!ui.get().open) return;
    // Focus inside a panel that is about to hide would be lost: hand it back to the launcher.
    const focusInside = shadowRoot.activeElement !== null && shadowRoot.activeElement !== launcher;
    ui.set({ open: false });
    showLauncherState(false);
    if (returnFocus || focusInside) launcher.focus();
  };

  // Another tab sent or acknowledged a message: keep this tab's outbox in step.
  const onStorage = (event: StorageEvent) => {
    if (event.key === storage.key('outbox')) outbox.reload();
  };
  window.addEventListener('storage', onStorage);

  render(
    <App
      model={model}
      ui={ui}
      strings={strings}
      lang={lang}
      onSend={connection.send}
      onRetry={connection.retry}
      onFollowupEmail={(email) => void connection.sendFollowupEmail(email)}
      onClose={() => close(true)}
    />,
    container,
  );

  // A conversation is going (or messages wait to be sent): connect now so replies arrive live.
  // Otherwise no socket until the shopper opens the panel.
  if (storage.get('active') === '1' || outbox.get().length > 0) connection.connect();

  return {
    open,
    close: () => close(false),
    toggle: () => (ui.get().open ? close(false) : open()),
    identify: connection.identify,
    setAttributes: connection.setAttributes,
    shutdown() {
      // Socket first, so no late ack writes into the storage being cleared.
      connection.shutdown();
      storage.clear();
      outbox.reload();
      model.reset(null);
      close(false);
    },
    destroy() {
      window.removeEventListener('storage', onStorage);
      stopOutbox();
      connection.destroy();
      render(null, container);
      style.remove();
      container.remove();
    },
  };
}
