import type { RichNode } from './rich-text.js';
import { z } from 'zod';

/**
 * Knowledge base (issue 7): short articles admins write in the console, suggested in the widget as the
 * shopper types, listed on a public help page, and used by the answer bot.
 */
export const ARTICLE_LANGUAGES = ['en', 'es'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

export const KB_LIMITS = {
  title: 160,
  body: 20_000,
  tags: 10,
  tag: 40,
  query: 200,
  /** Suggestions the widget shows at most. */
  suggestions: 3,
  /** Articles one site may hold (the search index of a site lives in every server process's memory). */
  articles: 500,
} as const;

const tagSchema = z.string().trim().min(1).max(KB_LIMITS.tag);

/** What an admin writes; the body is Markdown (rendered on the server, raw HTML is not allowed). */
export const articleInputSchema = z.object({
  title: z.string().trim().min(1).max(KB_LIMITS.title),
  body: z.string().max(KB_LIMITS.body),
  tags: z.array(tagSchema).max(KB_LIMITS.tags).default([]),
  language: z.enum(ARTICLE_LANGUAGES),
  /** Drafts are visible in the console only. */
  published: z.boolean().default(true),
});
export type ArticleInput = z.input<typeof articleInputSchema>;

export interface Article {
  id: string;
  siteId: string;
  title: string;
  body: string;
  tags: string[];
  language: ArticleLanguage;
  published: boolean;
  createdAt: number;
  updatedAt: number;
  /** Shopper feedback ("did this help?") and how often the article was opened. */
  helpful: number;
  notHelpful: number;
  views: number;
}

/** A search hit as the widget and help page show it. */
export interface ArticleHit {
  id: string;
  title: string;
  /** Plain text, the first words of the body (never HTML). */
  excerpt: string;
  language: ArticleLanguage;
  score: number;
}

/**
 * An article as shoppers read it: `html` is the server's safe rendering of the Markdown body, `body`
 * the same rendering as elements (see rich-text.ts), for the widget on pages that refuse HTML strings.
 */
export interface PublicArticle {
  id: string;
  title: string;
  html: string;
  body: RichNode[];
  tags: string[];
  language: ArticleLanguage;
  updatedAt: number;
}

export const articleSearchQuerySchema = z.object({
  site: z.string().min(1).max(100),
  q: z.string().trim().min(1).max(KB_LIMITS.query),
  /** The shopper's language first; articles in other languages still match, ranked lower. */
  lang: z.enum(ARTICLE_LANGUAGES).optional(),
  limit: z.coerce.number().int().min(1).max(10).default(KB_LIMITS.suggestions),
});

export const articleFeedbackSchema = z.object({
  helpful: z.boolean(),
});

/** The answer bot: replies with the best article before a human joins. */
export const botSettingsSchema = z.object({
  enabled: z.boolean(),
});
export type BotSettings = z.infer<typeof botSettingsSchema>;

/** What a bot message offers, carried on the message so the widget can draw the buttons. */
export interface BotOffer {
  articleId: string;
  title: string;
  excerpt: string;
}

/** The shopper's answer to the bot's article: it solved it (resolves, counted as deflected) or a person, please. */
export const botReplySchema = z.object({
  helped: z.boolean(),
});
export type BotReply = z.infer<typeof botReplySchema>;

/** `GET /api/kb/search?q=&lang=&limit=`: the console's search (drafts included, 20 hits unless asked). */
export const consoleArticleSearchQuerySchema = articleSearchQuerySchema.omit({ site: true, limit: true }).extend({
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `POST /api/kb/preview`: renders a body the way shoppers will see it. */
export const articlePreviewSchema = z.object({
  body: z.string().max(KB_LIMITS.body),
});

/** Response bodies of the knowledge routes (console `/api/kb/*`, widget `/widget/kb/*`). */
export interface ArticleListResponse {
  articles: Article[];
}
export interface ArticleResponse {
  article: Article;
}
export interface PublicArticleResponse {
  article: PublicArticle;
}
export interface ArticleSearchResponse {
  results: ArticleHit[];
}
export interface ArticlePreviewResponse {
  html: string;
}
export interface BotSettingsResponse {
  settings: BotSettings;
}
