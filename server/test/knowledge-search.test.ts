import { articleInputSchema, type Article, type ArticleInput } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticleSearch, type ArticleSource, type SearchOptions } from '../src/domain/article-search.js';
import { excerptOf, markdownToText } from '../src/domain/markdown.js';
import { guessLanguage } from '../src/domain/search-tokenizer.js';
import { createArticleStore } from '../src/store/article-store.js';
import type { RedisClient } from '../src/store/redis-client.js';
import { startTestRedis, testClient, type TestRedis } from './harness.js';

/** A fixed help centre in both languages, with neighbours that share words, and a draft. */
const SET: Array<ArticleInput & { id: string }> = [
  { id: 'en-returns', language: 'en', title: 'Returns and refunds', tags: ['returns', 'refund'], body: 'Return any unused item within **30 days**. Your refund reaches the card you paid with within 5 business days of the parcel arriving at our warehouse.' },
  { id: 'en-shipping', language: 'en', title: 'Shipping times and costs', tags: ['delivery'], body: 'Orders placed before 14:00 leave the warehouse the same day. Spain: 1–2 days. EU: 3–5 days. Free over €60.' },
  { id: 'en-tracking', language: 'en', title: 'Tracking your order', tags: ['parcel'], body: 'Once your order has shipped we email a tracking link. If it has not moved for three days, write to us.' },
  { id: 'en-payment', language: 'en', title: 'Payment methods', tags: ['card', 'paypal'], body: 'We accept Visa, Mastercard, PayPal and Bizum. Your card is charged when the order ships.' },
  { id: 'en-care', language: 'en', title: 'Caring for your merino throw', tags: ['wool', 'washing'], body: '- Hand wash cold\n- Never tumble dry\n- Dry flat in the shade' },
  { id: 'en-gift', language: 'en', title: 'Gift cards', tags: ['gift'], body: 'Gift cards never expire and can be used on any product, including sale items.' },
  { id: 'es-returns', language: 'es', title: 'Devolución de pedidos', tags: ['reembolso'], body: 'Puedes devolver cualquier artículo sin usar en un plazo de 30 días. El reembolso llega a tu tarjeta en 5 días laborables.' },
  { id: 'es-shipping', language: 'es', title: 'Envíos y plazos de entrega', tags: ['entrega'], body: 'Los pedidos hechos antes de las 14:00 salen el mismo día. Península: 1–2 días laborables.' },
  { id: 'es-payment', language: 'es', title: 'Métodos de pago', tags: ['tarjeta'], body: 'Aceptamos Visa, Mastercard, PayPal y Bizum.' },
  { id: 'en-draft', language: 'en', title: 'Winter sale refund rules (draft)', tags: ['refund'], body: 'Not ready yet.', published: false },
];

function articlesOf(inputs: Array<ArticleInput & { id: string }>): Article[] {
  return inputs.map(({ id, ...input }, i) => ({ ...articleInputSchema.parse(input), id, siteId: 's1', createdAt: i, updatedAt: i, helpful: 0, notHelpful: 0, views: 0 }));
}

function memorySource(articles: Article[]) {
  const state = { version: 1, articles, lists: 0 };
  const source: ArticleSource = {
    version: async () => state.version,
    list: async () => {
      state.lists++;
      return state.articles;
    },
  };
  return { state, source };
}

const { state, source } = memorySource(articlesOf(SET));
const search = createArticleSearch({ source });
const find = (q: string, options: Partial<SearchOptions> = {}) => search.search('s1', q, { limit: 10, publishedOnly: true, ...options });
const ids = async (q: string, options: Partial<SearchOptions> = {}) => (await find(q, options)).map((h) => h.id);

describe('article search relevance', () => {
  it('finds the refund article first, also with a typo', async () => {
    expect((await ids('refund'))[0]).toBe('en-returns');
    expect((await ids('refnud'))[0]).toBe('en-returns');
    expect((await ids('refunds'))[0]).toBe('en-returns');
    expect((await ids('How do I get a refund?'))[0]).toBe('en-returns');
  });

  it('stems Spanish: devoluciones, devolver and unaccented words find "Devolución de pedidos"', async () => {
    expect((await ids('devoluciones'))[0]).toBe('es-returns');
    expect((await ids('devolver'))[0]).toBe('es-returns');
    expect((await ids('devolucion'))[0]).toBe('es-returns');
    expect((await ids('¿Cómo hago una devolución?'))[0]).toBe('es-returns');
    expect((await ids('envio'))[0]).toBe('es-shipping');
  });

  it('stems English: shipping and shipped find the shipping article first', async () => {
    expect((await ids('shipping'))[0]).toBe('en-shipping');
    expect((await ids('shipped'))[0]).toBe('en-shipping');
    expect(await ids('shipped')).toContain('en-tracking');
  });

  it('matches word prefixes as the shopper types', async () => {
    expect((await ids('retu'))[0]).toBe('en-returns');
    expect((await ids('merin'))[0]).toBe('en-care');
  });

  it('ranks articles that match more of the question first', async () => {
    expect((await ids('track my parcel'))[0]).toBe('en-tracking');
    expect((await ids('pay with paypal'))[0]).toBe('en-payment');
  });

  it('weighs the title over tags over the body', async () => {
    const local = createArticleSearch({
      source: memorySource(
        articlesOf([
          { id: 'body', language: 'en', title: 'Alpha', tags: [], body: 'All about zebrawool and more.' },
          { id: 'tag', language: 'en', title: 'Beta', tags: ['zebrawool'], body: 'Something else entirely.' },
          { id: 'title', language: 'en', title: 'Zebrawool', tags: [], body: 'Something else entirely.' },
        ]),
      ).source,
    });
    expect((await local.search('s1', 'zebrawool', { limit: 5, publishedOnly: true })).map((h) => h.id)).toEqual(['title', 'tag', 'body']);
  });

  it("ranks the shopper's language first and the other one after, lower", async () => {
    const es = await find('pago payment', { lang: 'es' });
    expect(es.map((h) => h.id).slice(0, 2)).toEqual(['es-payment', 'en-payment']);
    expect(es[0]?.score).toBeGreaterThan(es[1]?.score ?? Infinity);
    const en = await find('pago payment', { lang: 'en' });
    expect(en.map((h) => h.id).slice(0, 2)).toEqual(['en-payment', 'es-payment']);
    // Without a language both are searched alike.
    expect(await ids('pago payment')).toEqual(expect.arrayContaining(['en-payment', 'es-payment']));
  });

  it('hides drafts from shoppers but not from the console', async () => {
    expect(await ids('winter sale')).not.toContain('en-draft');
    expect(await ids('winter sale', { publishedOnly: false })).toContain('en-draft');
  });

  it('answers plain-text excerpts and nothing for stop words or gibberish', async () => {
    const excerpt = (await find('refund'))[0]?.excerpt ?? '';
    expect(excerpt).toMatch(/^Return any unused item within 30 days\. Your refund/);
    expect(excerpt).not.toContain('*');
    expect(excerpt.length).toBeLessThanOrEqual(161);
    const long = excerptOf(markdownToText(`# Title\n\n${'Lorem **ipsum** dolor sit amet. '.repeat(20)}`));
    expect(long).toMatch(/^Title Lorem ipsum dolor sit amet\. Lorem ipsum/);
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(161);
    expect(await find('the and of')).toEqual([]);
    expect(await find('xqzvkw')).toEqual([]);
    expect(await find('refund', { limit: 1 })).toHaveLength(1);
  });

  it('rebuilds the index only when the version moves', async () => {
    const before = state.lists;
    await find('refund');
    await find('gift');
    expect(state.lists).toBe(before);
    state.articles = [...state.articles, ...articlesOf([{ id: 'en-new', language: 'en', title: 'Store opening hours', tags: [], body: 'Open daily.' }])];
    expect(await ids('opening hours')).toEqual([]);
    state.version++;
    expect(await ids('opening hours')).toEqual(['en-new']);
    expect(state.lists).toBe(before + 1);
  });

  it('guesses the language of a question from its function words', () => {
    expect(guessLanguage('How do I return my order?')).toBe('en');
    expect(guessLanguage('¿Cómo puedo devolver el pedido?')).toBe('es');
    expect(guessLanguage('merino')).toBeUndefined();
  });
});

describe('article search across processes', () => {
  let redis: TestRedis;
  let client: RedisClient;
  beforeAll(async () => {
    redis = await startTestRedis();
    client = await testClient(redis.url);
  });
  afterAll(async () => {
    await client.close();
    await redis.dispose();
  });

  it('sees another process’s writes through the version counter in Redis', async () => {
    const store = createArticleStore(client);
    // Two processes: each has its own in-memory index over the same Redis.
    const first = createArticleSearch({ source: store });
    const second = createArticleSearch({ source: store });
    const opts = { limit: 5, publishedOnly: true };
    const record = { id: 'kb_1', siteId: 's9', title: 'Returns and refunds', body: 'Thirty days.', tags: [], language: 'en' as const, published: true, createdAt: 1, updatedAt: 1 };
    expect(await store.create(record, 500)).toBe(true);
    expect((await second.search('s9', 'refund', opts)).map((h) => h.id)).toEqual(['kb_1']);
    expect(await store.update({ ...record, title: 'Exchanges', body: 'Swap a size.' })).toBe(true);
    expect((await first.search('s9', 'exchange', opts)).map((h) => h.id)).toEqual(['kb_1']);
    expect(await second.search('s9', 'refund', opts)).toEqual([]);
    expect(await store.remove('s9', 'kb_1')).toBe(true);
    expect(await second.search('s9', 'exchange', opts)).toEqual([]);
    expect(await store.update(record)).toBe(false);
    expect(await store.version('s9')).toBe(3);
  });
});
