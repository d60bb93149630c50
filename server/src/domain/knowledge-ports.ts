import type { Article, BotSettings } from '@hilo/shared';

/** Storage the knowledge base and the answer bot need (store/article-store.ts and store/bot-state-store.ts). */

/** An article as written; the counters live apart so a view or a vote never rewrites the article. */
export type ArticleRecord = Omit<Article, 'helpful' | 'notHelpful' | 'views'>;
export type ArticleCounter = 'helpful' | 'notHelpful' | 'views';

export interface ArticleRepository {
  /** Every article of the site with its counters, drafts included, in no particular order. */
  list(siteId: string): Promise<Article[]>;
  get(siteId: string, id: string): Promise<Article | null>;
  /** Stores a new article unless the site already holds `max`; false when full. */
  create(article: ArticleRecord, max: number): Promise<boolean>;
  /** Replaces an existing article; false when there is none with that id. */
  update(article: ArticleRecord): Promise<boolean>;
  /** False when there was none. */
  remove(siteId: string, id: string): Promise<boolean>;
  /** Moves on every create, update and remove: search indexes in every process compare it. */
  version(siteId: string): Promise<number>;
  increment(siteId: string, id: string, counter: ArticleCounter): Promise<void>;
  botSettings(siteId: string): Promise<BotSettings>;
  setBotSettings(siteId: string, settings: BotSettings): Promise<void>;
}

/** The answer bot's memory of one conversation. */
export interface BotStateRepository {
  /**
   * Takes one of the bot's answers in the conversation for the shopper's message `messageId`: false
   * when `max` were taken already or the shopper asked for a person; true again for the same message.
   */
  claimAnswer(conversationId: string, messageId: string, max: number): Promise<boolean>;
  /** The offer the shopper may now answer (replaces an older one). */
  openOffer(conversationId: string, articleId: string): Promise<void>;
  /** Takes the open offer, once: its article id, or null when none is open. */
  takeOffer(conversationId: string): Promise<string | null>;
  /** Marks the hand-off to a person; the bot stays quiet in this conversation from then on. */
  handOff(conversationId: string): Promise<void>;
  /** True only the first time: the bot asks for an email at most once per conversation. */
  claimEmailAsk(conversationId: string): Promise<boolean>;
}
