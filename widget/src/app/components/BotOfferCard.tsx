import type { BotOffer } from '@hilo/shared';
import { useState } from 'preact/hooks';
import type { KnowledgeStrings } from '../locales/knowledge';

interface BotOfferCardProps {
  offer: BotOffer;
  /** The latest offer, not answered yet, and no person has replied since: show the two answers. */
  live: boolean;
  strings: KnowledgeStrings;
  onOpen: (articleId: string) => void;
  /** Sends `bot:reply`; resolves whether the server took it. */
  onAnswer: (helped: boolean) => Promise<boolean>;
}

/** The answer bot's article under its message: open it in the panel, then "solved" or "a person, please". */
export function BotOfferCard({ offer, live, strings, onOpen, onAnswer }: BotOfferCardProps) {
  // 'answered': the server took it; its next message (the resolution, or the hand-over) follows.
  const [state, setState] = useState<'ask' | 'sending' | 'error' | 'answered'>('ask');
  const answer = (helped: boolean) => {
    setState('sending');
    void onAnswer(helped).then((ok) => setState(ok ? 'answered' : 'error'));
  };
  const asking = live && state !== 'answered';
  return (
    <div class="kbo">
      <button type="button" class="kbc" onClick={() => onOpen(offer.articleId)}>
        <b>{offer.title}</b>
        {offer.excerpt && <span>{offer.excerpt}</span>}
        <i>{strings.readArticle} →</i>
      </button>
      {asking && (
        <div class="kbr">
          <button type="button" disabled={state === 'sending'} onClick={() => answer(true)}>
            {strings.solved}
          </button>
          <button type="button" disabled={state === 'sending'} onClick={() => answer(false)}>
            {strings.person}
          </button>
        </div>
      )}
      {asking && state === 'error' && <p role="alert">{strings.botFailed}</p>}
    </div>
  );
}
