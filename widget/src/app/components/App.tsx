import type { WidgetConfig } from '@hilo/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isWithinHours } from '@hilo/shared/constants';
import type { ConversationModel } from '../conversation-model';
import { timeline } from '../conversation-model';
import { MESSAGE_TEXT_MAX } from '../limits';
import type { Strings } from '../locales/en';
import type { KnowledgeSite } from '../knowledge-api';
import type { Store } from '../store';
import { createStore } from '../store';
import { useStore } from '../use-store';
import { Composer } from './Composer';
import { ConnectionStatus } from './ConnectionStatus';
import { MessageList } from './MessageList';
import { Panel } from './Panel';
import type { Ask } from '../visitor-connection';
import { useExtras, useKnowledge } from './use-extras';

export interface UiState {
  open: boolean;
  /** The shopper filled in or skipped the pre-chat form (kept in storage). */
  prechatDone: boolean;
  /** A short message for the shopper (a file that could not be sent). */
  notice?: string | null;
  /** The knowledge-base article open in the panel (a suggestion or the answer bot's). */
  article?: string | null;
}

interface AppProps {
  model: ConversationModel;
  ui: Store<UiState>;
  config: Store<WidgetConfig>;
  strings: Strings;
  lang: string;
  onSend: (text: string) => void;
  onRetry: (clientId: string) => void;
  /** Requests on the socket for the cards' answers (see card-answers.ts). */
  ask: Ask;
  site: KnowledgeSite;
  onPrechat: (identity: { name: string; email: string } | null) => void;
  onTyping?: (draft: string) => void;
  onAttach?: (file: File) => void;
  onClose: () => void;
  /** For tests: the clock business hours are read against. */
  now?: () => Date;
}

export function App({ model, ui, config, strings, lang, onSend, onRetry, ask, site, onPrechat, onTyping, onAttach, onClose, now = () => new Date() }: AppProps) {
  const state = useStore(model);
  const { open, prechatDone, notice } = useStore(ui);
  const settings = useStore(config);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLInputElement>(null);
  const entries = useMemo(() => timeline(state), [state.messages, state.pending]);
  const prechat = settings.prechat !== 'off' && !prechatDone && entries.length === 0 ? settings.prechat : null;

  const { followup, agentTyping, rating } = state;
  const extras = useExtras(prechat || followup || rating);
  // The knowledge chunk comes in once the shopper has typed a question or the answer bot offered an article.
  const [draft] = useState(() => createStore(''));
  const [typed, setTyped] = useState(false);
  const kb = useKnowledge(typed || state.messages.some((m) => m.bot));

  useEffect(() => {
    // The store, not this render's `open`: effects run a frame after their render, and on a busy page
    // Escape can close the panel in between. Focus put into a hiding panel is lost to the page.
    if (ui.get().open) (prechat ? formRef : inputRef).current?.focus();
  }, [open, prechat, extras]);
  // Read when rendered (each open and each new message): no timer runs on the host page.
  const closed = open && !isWithinHours(settings.businessHours, now());
  const subtitle = closed
    ? strings.closedNow
    : state.agentsOnline === null
      ? strings.subtitle
      : state.agentsOnline > 0
        ? strings.agentsOnline
        : strings.agentsAway;

  return (
    <Panel open={open} strings={strings} subtitle={subtitle} onClose={onClose}>
      <ConnectionStatus state={state.connection} strings={strings} notice={notice} />
      <MessageList
        entries={entries}
        strings={strings}
        lang={lang}
        greeting={settings.greeting || strings.greeting}
        agents={settings.agents}
        seenOrder={state.agentReadOrder}
        typing={agentTyping && { name: settings.agents.find((a) => a.agentId === agentTyping.agentId)?.displayName ?? agentTyping.name }}
        onRetry={onRetry}
        asides={[
          followup && extras && { key: 'followup', after: followup.after, node: <extras.FollowupCard followup={followup} strings={extras.formStrings(lang)} onSubmit={(email) => extras.sendFollowupEmail(ask, model, email)} /> },
          rating && extras && { key: 'rating', after: rating.after, node: <extras.RatingCard rating={rating} lang={lang} onRate={(value, comment) => extras.rate(ask, model, value, comment)} onTranscript={(email) => extras.sendTranscript(ask, model, email)} /> },
          ...(kb ? kb.botOfferAsides(state, { site, ask, lang, ui }) : []),
        ]}
      />
      {prechat ? (
        extras && <extras.PrechatForm mode={prechat} strings={extras.formStrings(lang)} onDone={onPrechat} firstRef={formRef} />
      ) : (
        <>
          {kb && <kb.KnowledgePane site={site} lang={lang} draft={draft} ui={ui} inputRef={inputRef} />}
          <Composer
            strings={strings}
            maxLength={MESSAGE_TEXT_MAX}
            onSend={onSend}
            onDraft={(text) => {
              onTyping?.(text);
              draft.set(text);
              if (text.length > 2) setTyped(true);
            }}
            onAttach={onAttach}
            inputRef={inputRef}
          />
        </>
      )}
    </Panel>
  );
}
