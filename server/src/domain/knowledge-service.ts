import {
  articleInputSchema,
  botSettingsSchema,
  KB_LIMITS,
  type Agent,
  type Article,
  type ArticleHit,
  type ArticleInput,
  type ArticleLanguage,
  type BotSettings,
  type PublicArticle,
} from '@hilo/shared';
import type { ArticleSearch, SearchHit } from './article-search.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import type { ArticleRecord, ArticleRepository } from './knowledge-ports.js';
import { excerptOf, markdownToText, renderArticleBody, renderMarkdown } from './markdown.js';

export interface KnowledgeServiceDeps {
  articles: ArticleRepository;
  search: ArticleSearch;
  now?: () => number;
}

export interface PublishedSummary {
  id: string;
  title: string;
  language: ArticleLanguage;
  updatedAt: number;
  excerpt: string;
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;

function requireAdmin(agent: Agent): void {
  if (agent.role !== 'admin') throw new DomainError('forbidden', 'Only admins change the knowledge base');
}

function toHit({ id, title, excerpt, language, score }: SearchHit): ArticleHit {
  return { id, title, excerpt, language, score };
}

function toPublic(article: Article): PublicArticle {
  const { html, tree } = renderArticleBody(article.body);
  return { id: article.id, title: article.title, html, body: tree, tags: article.tags, language: article.language, updatedAt: article.updatedAt };
}

const newestFirst = (a: Article, b: Article) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);

/**
 * The knowledge base: admins write, every agent of the site reads (drafts too), shoppers read and
 * search published articles and say whether one helped.
 */
const BOT_SETTINGS_TTL_MS = 5000;

export function createKnowledgeService({ articles, search, now = Date.now }: KnowledgeServiceDeps) {
  const botSettingsCache = new Map<string, { settings: BotSettings; at: number }>();
  async function saveBotSettings(siteId: string, settings: BotSettings): Promise<BotSettings> {
    const next = botSettingsSchema.parse(settings);
    await articles.setBotSettings(siteId, next);
    botSettingsCache.set(siteId, { settings: next, at: now() });
    return next;
  }
  async function create(siteId: string, input: ArticleInput): Promise<Article> {
    const fields = articleInputSchema.parse(input);
    const at = now();
    const record: ArticleRecord = { ...fields, id: newId('kb'), siteId, createdAt: at, updatedAt: at };
    if (!(await articles.create(record, KB_LIMITS.articles))) {
      throw new DomainError('conflict', `A site holds at most ${KB_LIMITS.articles} articles; delete one first`);
    }
    return { ...record, helpful: 0, notHelpful: 0, views: 0 };
  }

  async function published(siteId: string, id: string): Promise<Article> {
    const article = await articles.get(siteId, id);
    // A draft looks exactly like a missing article to shoppers.
    if (!article?.published) throw new DomainError('not_found', 'Article not found');
    return article;
  }

  return {
    /** For seeding a site (demo) without an agent. */
    createFor: create,

    async list(agent: Agent): Promise<Article[]> {
      return (await articles.list(agent.siteId)).sort(newestFirst);
    },

    async create(agent: Agent, input: ArticleInput): Promise<Article> {
      requireAdmin(agent);
      return create(agent.siteId, input);
    },

    async update(agent: Agent, id: string, input: ArticleInput): Promise<Article> {
      requireAdmin(agent);
      const fields = articleInputSchema.parse(input);
      const current = await articles.get(agent.siteId, id);
      if (!current) throw new DomainError('not_found', 'Article not found');
      const record: ArticleRecord = { ...fields, id, siteId: agent.siteId, createdAt: current.createdAt, updatedAt: Math.max(now(), current.updatedAt) };
      if (!(await articles.update(record))) throw new DomainError('not_found', 'Article not found');
      return { ...record, helpful: current.helpful, notHelpful: current.notHelpful, views: current.views };
    },

    async remove(agent: Agent, id: string): Promise<void> {
      requireAdmin(agent);
      if (!(await articles.remove(agent.siteId, id))) throw new DomainError('not_found', 'Article not found');
    },

    preview(body: string): string {
      return renderMarkdown(body);
    },

    /** The console's search: drafts included. */
    async searchAll(agent: Agent, q: string, lang: ArticleLanguage | undefined, limit: number): Promise<ArticleHit[]> {
      return (await search.search(agent.siteId, q, { lang, limit, publishedOnly: false })).map(toHit);
    },

    /** Shoppers' search (widget, help page): published articles only. */
    async searchPublished(siteId: string, q: string, lang: ArticleLanguage | undefined, limit: number): Promise<ArticleHit[]> {
      return (await search.search(siteId, q, { lang, limit, publishedOnly: true })).map(toHit);
    },

    /** The answer bot's candidates, with how much of the question each covers. */
    candidates(siteId: string, text: string, lang: ArticleLanguage | undefined, limit = 1): Promise<SearchHit[]> {
      return search.search(siteId, text, { lang, limit, publishedOnly: true });
    },

    /** Published articles, newest first, with a plain-text excerpt, for the public help page. */
    async listPublished(siteId: string): Promise<PublishedSummary[]> {
      return (await articles.list(siteId))
        .filter((a) => a.published)
        .sort(newestFirst)
        .map((a) => ({ id: a.id, title: a.title, language: a.language, updatedAt: a.updatedAt, excerpt: excerptOf(markdownToText(a.body)) }));
    },

    /** A published article as shoppers read it; opening it counts a view. */
    async read(siteId: string, id: string, { countView }: { countView: boolean }): Promise<PublicArticle> {
      const article = await published(siteId, id);
      if (countView) await articles.increment(siteId, id, 'views');
      return toPublic(article);
    },

    async feedback(siteId: string, id: string, helpful: boolean): Promise<void> {
      await published(siteId, id);
      await articles.increment(siteId, id, helpful ? 'helpful' : 'notHelpful');
    },

    /** A published article's title and language, or null (the bot names the article it offered). */
    async summary(siteId: string, id: string): Promise<Pick<Article, 'id' | 'title' | 'language'> | null> {
      const article = await articles.get(siteId, id);
      return article?.published ? { id: article.id, title: article.title, language: article.language } : null;
    },

    /** Asked on every shopper message: served from memory for a few seconds (other processes see a change within BOT_SETTINGS_TTL_MS). */
    async botSettings(siteId: string): Promise<BotSettings> {
      const cached = botSettingsCache.get(siteId);
      if (cached && now() - cached.at < BOT_SETTINGS_TTL_MS) return cached.settings;
      const settings = await articles.botSettings(siteId);
      botSettingsCache.set(siteId, { settings, at: now() });
      return settings;
    },

    async setBotSettings(agent: Agent, settings: BotSettings): Promise<BotSettings> {
      requireAdmin(agent);
      return saveBotSettings(agent.siteId, settings);
    },

    /** For seeding a site (demo) without an agent. */
    async setBotSettingsFor(siteId: string, settings: BotSettings): Promise<void> {
      await saveBotSettings(siteId, settings);
    },
  };
}
