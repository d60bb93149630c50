import type { ComponentChildren } from 'preact';
import type { ConversationState } from '../conversation-model';
import type { KnowledgeSite } from '../knowledge-api';
import { knowledgeStrings } from '../locales/knowledge';
import type { Store } from '../store';
import type { Ask } from '../visitor-connection';
import type { UiState } from './App';
import { BotOfferCard } from './BotOfferCard';

export interface BotOffersContext {
  site: KnowledgeSite;
  ask: Ask;
  lang: string;
  /** `article` opens an article in the panel. */
  ui: Store<UiState>;
}

/** Storage key of the offer the shopper last answered, so a reload does not ask again. */
const ANSWERED = 'bot';

/**
 * The answer bot's article cards, each right after its message (MessageList asides). Only the
 * latest offer asks "solved / a person", and only while nobody but the shopper has written since
 * (no agent reply, no later bot message) and the chat is not resolved.
 */
export function botOfferAsides(state: ConversationState, ctx: BotOffersContext): { key: string; after: string; node: ComponentChildren }[] {
  const { messages } = state;
  const latest = messages.findLastIndex((m) => m.bot);
  const answered = ctx.site.storage.get(ANSWERED);
  const strings = knowledgeStrings(ctx.lang);
  const asides = [];
  for (const [i, m] of messages.entries()) {
    if (!m.bot) continue;
    const live = i === latest && !state.rating && answered !== m.id && messages.slice(i + 1).every((later) => later.author.kind === 'visitor');
    const onAnswer = async (helped: boolean) => {
      const ack = await ctx.ask('bot:reply', { helped });
      if (ack.ok) ctx.site.storage.set(ANSWERED, m.id);
      return ack.ok;
    };
    asides.push({ key: `bot-${m.id}`, after: m.clientId, node: <BotOfferCard offer={m.bot} live={live} strings={strings} onOpen={(article) => ctx.ui.set({ ...ctx.ui.get(), article })} onAnswer={onAnswer} /> });
  }
  return asides;
}
