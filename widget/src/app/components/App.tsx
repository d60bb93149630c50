import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ConversationModel } from '../conversation-model';
import { timeline } from '../conversation-model';
import { MESSAGE_TEXT_MAX } from '../limits';
import type { Strings } from '../locales/en';
import type { Store } from '../store';
import { useStore } from '../use-store';
import { Composer } from './Composer';
import { ConnectionStatus } from './ConnectionStatus';
import { FollowupCard } from './FollowupCard';
import { MessageList } from './MessageList';
import { Panel } from './Panel';

export interface UiState {
  open: boolean;
}

interface AppProps {
  model: ConversationModel;
  ui: Store<UiState>;
  strings: Strings;
  lang: string;
  onSend: (text: string) => void;
  onRetry: (clientId: string) => void;
  onFollowupEmail: (email: string) => void;
  onClose: () => void;
}

export function App({ model, ui, strings, lang, onSend, onRetry, onFollowupEmail, onClose }: AppProps) {
  const state = useStore(model);
  const { open } = useStore(ui);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const entries = useMemo(() => timeline(state), [state.messages, state.pending]);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const { followup } = state;
  const subtitle =
    state.agentsOnline === null ? strings.subtitle : state.agentsOnline > 0 ? strings.agentsOnline : strings.agentsAway;

  return (
    <Panel open={open} strings={strings} subtitle={subtitle} onClose={onClose}>
      <ConnectionStatus state={state.connection} strings={strings} />
      <MessageList
        entries={entries}
        strings={strings}
        lang={lang}
        onRetry={onRetry}
        aside={followup && { after: followup.after, node: <FollowupCard followup={followup} strings={strings} onSubmit={onFollowupEmail} /> }}
      />
      <Composer strings={strings} maxLength={MESSAGE_TEXT_MAX} onSend={onSend} inputRef={inputRef} />
    </Panel>
  );
}
