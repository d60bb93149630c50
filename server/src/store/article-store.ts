import { botSettingsSchema, type Article, type BotSettings } from '@hilo/shared';
import type { ArticleCounter, ArticleRecord, ArticleRepository } from '../domain/knowledge-ports.js';
import { keys } from './keys.js';
import { runScript, type RedisClient } from './redis-client.js';

/** KEYS: articles hash, version. ARGV: id, JSON, max. The size check and the write are one step. */
const CREATE = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('INCR', KEYS[2])
return 1
`;
/** KEYS: articles hash, version. ARGV: id, JSON. Never brings back an article deleted meanwhile. */
const UPDATE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('INCR', KEYS[2])
return 1
`;
/** KEYS: articles hash, stats hash, version. ARGV: id. */
const REMOVE = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1] .. ':helpful', ARGV[1] .. ':notHelpful', ARGV[1] .. ':views')
redis.call('INCR', KEYS[3])
return 1
`;

const DEFAULT_BOT: BotSettings = { enabled: false };

function toArticle(json: string, stats: Record<string, string>): Article | null {
  try {
    const record = JSON.parse(json) as ArticleRecord;
    const count = (counter: ArticleCounter) => Number(stats[`${record.id}:${counter}`] ?? 0);
    return { ...record, helpful: count('helpful'), notHelpful: count('notHelpful'), views: count('views') };
  } catch {
    return null;
  }
}

function recordJson(a: ArticleRecord): string {
  const { id, siteId, title, body, tags, language, published, createdAt, updatedAt } = a;
  return JSON.stringify({ id, siteId, title, body, tags, language, published, createdAt, updatedAt });
}

/** Articles, their counters and the bot settings of a site; all in the site's slot. */
export function createArticleStore(redis: RedisClient): ArticleRepository {
  return {
    async list(siteId) {
      const [articles, stats] = await Promise.all([redis.hGetAll(keys.kbArticles(siteId)), redis.hGetAll(keys.kbStats(siteId))]);
      return Object.values(articles).flatMap((json) => toArticle(String(json), stats) ?? []);
    },
    async get(siteId, id) {
      const [json, counts] = await Promise.all([
        redis.hGet(keys.kbArticles(siteId), id),
        redis.hmGet(keys.kbStats(siteId), [`${id}:helpful`, `${id}:notHelpful`, `${id}:views`]),
      ]);
      if (!json) return null;
      const [helpful, notHelpful, views] = counts;
      return toArticle(String(json), {
        [`${id}:helpful`]: String(helpful ?? 0),
        [`${id}:notHelpful`]: String(notHelpful ?? 0),
        [`${id}:views`]: String(views ?? 0),
      });
    },
    async create(article, max) {
      const done = await runScript(redis, CREATE, [keys.kbArticles(article.siteId), keys.kbVersion(article.siteId)], [article.id, recordJson(article), String(max)]);
      return done === 1;
    },
    async update(article) {
      const done = await runScript(redis, UPDATE, [keys.kbArticles(article.siteId), keys.kbVersion(article.siteId)], [article.id, recordJson(article)]);
      return done === 1;
    },
    async remove(siteId, id) {
      const done = await runScript(redis, REMOVE, [keys.kbArticles(siteId), keys.kbStats(siteId), keys.kbVersion(siteId)], [id]);
      return done === 1;
    },
    async version(siteId) {
      return Number((await redis.get(keys.kbVersion(siteId))) ?? 0);
    },
    async increment(siteId, id, counter) {
      await redis.hIncrBy(keys.kbStats(siteId), `${id}:${counter}`, 1);
    },
    async botSettings(siteId) {
      const raw = await redis.get(keys.botSettings(siteId));
      if (!raw) return DEFAULT_BOT;
      try {
        const parsed = botSettingsSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : DEFAULT_BOT;
      } catch {
        return DEFAULT_BOT;
      }
    },
    async setBotSettings(siteId, settings) {
      await redis.set(keys.botSettings(siteId), JSON.stringify(settings));
    },
  };
}
