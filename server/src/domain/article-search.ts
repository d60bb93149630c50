import { ARTICLE_LANGUAGES, type Article, type ArticleHit, type ArticleLanguage } from '@hilo/shared';
import { create, insert, search, type Orama } from '@orama/orama';
import { excerptOf, markdownToText } from './markdown.js';
import { createSearchTokenizer, queryWords, stemOf, VERBATIM } from './search-tokenizer.js';

/**
 * Ranked full-text search over a site's articles with Orama (BM25): one index per language, each with
 * its own stemmer. Title weighs more than tags, tags more than the body.
 *
 * Words are searched one by one and their scores added (what Orama does inside one search), so each
 * word gets its own typo tolerance: none under 4 letters, 1 up to 7, 2 from 8, and only when the word
 * as typed (stemmed, or verbatim, or as a prefix of either, for search-as-you-type) matches nothing —
 * a correctly spelled word is never drowned by look-alikes. Orama counts a swap of two letters ("refnud") as two edits, so swapped
 * neighbours are tried as one.
 *
 * The index lives in memory, per site and per process, and is rebuilt when the site's article version
 * (a Redis counter every write bumps) is not the one it was built from.
 */
const SCHEMA = { title: 'string', tags: 'string', body: 'string', published: 'boolean' } as const;
type ArticleDb = Orama<typeof SCHEMA>;

const BOOST = { title: 3, tags: 2, body: 1 };
/** Articles in another language than the one asked for rank after it, at half their score. */
const OTHER_LANGUAGE = 0.5;
const MAX_HITS_PER_WORD = 500;
/** What a typo-tolerant match counts for, against 1 for a word found as typed. */
const FUZZY = 0.5;

interface IndexedArticle {
  id: string;
  title: string;
  excerpt: string;
  language: ArticleLanguage;
}

interface SiteIndex {
  dbs: Record<ArticleLanguage, ArticleDb>;
  articles: Map<string, IndexedArticle>;
}

/** A hit with what the answer bot weighs besides the score. */
export interface SearchHit extends ArticleHit {
  /** Share of the query's words (stop words aside) that the article matched, 0..1. */
  coverage: number;
}

export interface SearchOptions {
  lang?: ArticleLanguage | undefined;
  limit: number;
  /** Shoppers see published articles only; the console searches drafts too. */
  publishedOnly: boolean;
}

export interface ArticleSource {
  version(siteId: string): Promise<number>;
  list(siteId: string): Promise<Article[]>;
}

export interface ArticleSearch {
  search(siteId: string, query: string, options: SearchOptions): Promise<SearchHit[]>;
}

export function toleranceFor(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 8 ? 1 : 2;
}

/** The word with each pair of neighbouring letters swapped. */
function swaps(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [...out];
}

async function buildIndex(articles: Article[]): Promise<SiteIndex> {
  const dbs = {} as Record<ArticleLanguage, ArticleDb>;
  for (const language of ARTICLE_LANGUAGES) dbs[language] = create({ schema: SCHEMA, components: { tokenizer: createSearchTokenizer(language) } });
  const indexed = new Map<string, IndexedArticle>();
  for (const article of articles) {
    const text = markdownToText(article.body);
    await insert(dbs[article.language], { id: article.id, title: article.title, tags: article.tags.join(' '), body: text, published: article.published });
    indexed.set(article.id, { id: article.id, title: article.title, excerpt: excerptOf(text), language: article.language });
  }
  return { dbs, articles: indexed };
}

type Scores = Map<string, number>;

async function scoresFor(db: ArticleDb, term: string, tolerance: number, publishedOnly: boolean): Promise<Scores> {
  const results = await search(db, {
    term,
    tolerance,
    boost: BOOST,
    limit: MAX_HITS_PER_WORD,
    ...(publishedOnly ? { where: { published: true } } : {}),
  });
  return new Map(results.hits.map((hit) => [hit.id, hit.score]));
}

function keepBest(into: Scores, scores: Scores): void {
  for (const [id, score] of scores) into.set(id, Math.max(score, into.get(id) ?? 0));
}

/**
 * Every matching article's best score for one query word, in every language, and how sure the match
 * is: 1 for the word as typed, FUZZY for a look-alike (a word missing from every article often has a
 * near neighbour that means something else).
 */
async function wordScores(index: SiteIndex, word: string, publishedOnly: boolean): Promise<{ scores: Scores; weight: number }> {
  const exact: Scores = new Map();
  for (const language of ARTICLE_LANGUAGES) {
    const db = index.dbs[language];
    keepBest(exact, await scoresFor(db, word, 0, publishedOnly));
    if (stemOf(word, language) !== word) keepBest(exact, await scoresFor(db, VERBATIM + word, 0, publishedOnly));
  }
  const tolerance = toleranceFor(word);
  if (exact.size > 0 || tolerance === 0) return { scores: exact, weight: 1 };
  const fuzzy: Scores = new Map();
  for (const language of ARTICLE_LANGUAGES) {
    const db = index.dbs[language];
    keepBest(fuzzy, await scoresFor(db, word, tolerance, publishedOnly));
    for (const swapped of swaps(word)) keepBest(fuzzy, await scoresFor(db, swapped, tolerance - 1, publishedOnly));
  }
  return { scores: fuzzy, weight: FUZZY };
}

export function createArticleSearch({ source, maxSites = 200 }: { source: ArticleSource; maxSites?: number }): ArticleSearch {
  const cache = new Map<string, { version: number; index: Promise<SiteIndex> }>();

  async function indexFor(siteId: string): Promise<SiteIndex> {
    // Read the version before the articles: a write in between only causes one extra rebuild later.
    const version = await source.version(siteId);
    const cached = cache.get(siteId);
    cache.delete(siteId);
    if (cached && cached.version === version) {
      cache.set(siteId, cached);
      return cached.index;
    }
    const index = source.list(siteId).then(buildIndex);
    cache.set(siteId, { version, index });
    index.catch(() => {
      if (cache.get(siteId)?.index === index) cache.delete(siteId);
    });
    // Least recently used sites leave first (Map keeps insertion order; hits re-insert above).
    while (cache.size > maxSites) cache.delete(cache.keys().next().value ?? '');
    return index;
  }

  return {
    async search(siteId, query, { lang, limit, publishedOnly }) {
      const words = queryWords(query);
      if (words.length === 0) return [];
      const index = await indexFor(siteId);
      const totals = new Map<string, { score: number; matched: number }>();
      for (const word of words) {
        const { scores, weight } = await wordScores(index, word, publishedOnly);
        for (const [id, score] of scores) {
          const total = totals.get(id) ?? { score: 0, matched: 0 };
          totals.set(id, { score: total.score + score * weight, matched: total.matched + weight });
        }
      }
      const hits: Array<SearchHit & { tier: number }> = [];
      for (const [id, { score, matched }] of totals) {
        const article = index.articles.get(id);
        if (!article) continue;
        const coverage = matched / words.length;
        const other = lang !== undefined && article.language !== lang;
        // Articles that match more of the question's words come first.
        const ranked = score * coverage * (other ? OTHER_LANGUAGE : 1);
        hits.push({ id, title: article.title, excerpt: article.excerpt, language: article.language, score: Math.round(ranked * 1000) / 1000, coverage, tier: other ? 1 : 0 });
      }
      hits.sort((a, b) => a.tier - b.tier || b.score - a.score || a.title.localeCompare(b.title));
      return hits.slice(0, limit).map(({ tier: _tier, ...hit }) => hit);
    },
  };
}
