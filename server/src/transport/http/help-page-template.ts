import { createHash } from 'node:crypto';
import type { Article, ArticleHit, ArticleLanguage, PublicArticle } from '@hilo/shared';

/**
 * HTML of the public help pages. Every piece of text goes through `escapeHtml`; the one exception is
 * an article's `html`, which markdown-it produced with raw HTML off (domain/markdown.ts). The pages
 * need no script, and their only style sheet is inline, allowed by its hash in the CSP below.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f7f9}
main{max-width:44rem;margin:0 auto;padding:2rem 1.25rem 4rem}
header{margin-bottom:1.5rem}
header a{color:inherit;text-decoration:none}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .25rem}
h2{font-size:1.15rem;margin:2rem 0 .5rem}
.sub{color:#57606a;margin:0}
form.search{display:flex;gap:.5rem;margin:1.25rem 0}
input[type=search]{flex:1;min-width:0;padding:.6rem .75rem;font:inherit;border:1px solid #c9ced6;border-radius:8px;background:#fff}
button{padding:.6rem 1rem;font:inherit;border:1px solid #4f46e5;border-radius:8px;background:#4f46e5;color:#fff;cursor:pointer}
button.plain{background:#fff;color:#4f46e5}
ul.list{list-style:none;padding:0;margin:0}
ul.list li{background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:.85rem 1rem;margin:.5rem 0}
ul.list a{font-weight:600;color:#1f2328}
ul.list p{margin:.25rem 0 0;color:#57606a;font-size:.95rem}
article{background:#fff;border:1px solid #e3e6ea;border-radius:12px;padding:1.5rem 1.75rem;overflow-wrap:anywhere}
article img{max-width:100%;height:auto}
article table{border-collapse:collapse}
article td,article th{border:1px solid #e3e6ea;padding:.3rem .6rem}
article pre{background:#f6f7f9;padding:.75rem;border-radius:8px;overflow:auto}
.tags{color:#57606a;font-size:.9rem}
.feedback{margin-top:1.5rem;display:flex;align-items:center;gap:.75rem;flex-wrap:wrap}
.feedback form{display:inline}
.back{display:inline-block;margin-bottom:1rem;color:#4f46e5}
.empty{color:#57606a}
`;

const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');

/** No scripts, no plugins, no framing; styles only from the inline sheet; images only over https. */
export const HELP_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  'img-src https:',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const LANGUAGE_NAMES: Record<ArticleLanguage, string> = { en: 'English', es: 'Español' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, lang: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="index, follow">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function header(siteName: string, base: string): string {
  return `<header><h1><a href="${escapeHtml(base)}">${escapeHtml(siteName)}</a></h1><p class="sub">Help centre</p></header>`;
}

function searchForm(base: string, query: string): string {
  return `<form class="search" method="get" action="${escapeHtml(base)}" role="search">
<input type="search" name="q" value="${escapeHtml(query)}" maxlength="200" placeholder="Search the help centre" aria-label="Search the help centre">
<button type="submit">Search</button>
</form>`;
}

function item(base: string, a: { id: string; title: string; excerpt: string }): string {
  return `<li><a href="${escapeHtml(`${base}/${encodeURIComponent(a.id)}`)}">${escapeHtml(a.title)}</a>${a.excerpt ? `<p>${escapeHtml(a.excerpt)}</p>` : ''}</li>`;
}

export interface HelpIndexView {
  siteName: string;
  base: string;
  query: string;
  /** Search results when a query was given, else null. */
  results: ArticleHit[] | null;
  articles: Array<Pick<Article, 'id' | 'title' | 'language'> & { excerpt: string }>;
}

export function helpIndexPage({ siteName, base, query, results, articles }: HelpIndexView): string {
  let content: string;
  if (results) {
    content = results.length
      ? `<h2>Results for “${escapeHtml(query)}”</h2><ul class="list">${results.map((r) => item(base, r)).join('')}</ul>`
      : `<h2>Results for “${escapeHtml(query)}”</h2><p class="empty">No article matches. Try other words, or ask us in the chat.</p>`;
  } else if (articles.length === 0) {
    content = '<p class="empty">No articles yet.</p>';
  } else {
    content = (Object.keys(LANGUAGE_NAMES) as ArticleLanguage[])
      .map((lang) => {
        const group = articles.filter((a) => a.language === lang);
        return group.length ? `<section lang="${lang}"><h2>${LANGUAGE_NAMES[lang]}</h2><ul class="list">${group.map((a) => item(base, a)).join('')}</ul></section>` : '';
      })
      .join('');
  }
  return page(`${siteName} · Help centre`, 'en', `${header(siteName, base)}${searchForm(base, query)}${content}`);
}

export interface HelpArticleView {
  siteName: string;
  base: string;
  article: PublicArticle;
  /** The reader already said whether it helped (shown instead of the buttons). */
  voted: boolean;
}

export function helpArticlePage({ siteName, base, article, voted }: HelpArticleView): string {
  const action = `${base}/${encodeURIComponent(article.id)}/feedback`;
  const feedback = voted
    ? '<p class="feedback">Thanks for your feedback!</p>'
    : `<div class="feedback"><span>Was this helpful?</span>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="helpful" value="yes"><button type="submit">Yes</button></form>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="helpful" value="no"><button type="submit" class="plain">No</button></form></div>`;
  const tags = article.tags.length ? `<p class="tags">${article.tags.map(escapeHtml).join(' · ')}</p>` : '';
  const updated = new Date(article.updatedAt).toISOString().slice(0, 10);
  const body = `${header(siteName, base)}<a class="back" href="${escapeHtml(base)}">← All articles</a>
<article lang="${article.language}"><h1>${escapeHtml(article.title)}</h1>${tags}${article.html}<p class="tags">Updated ${updated}</p></article>${feedback}`;
  return page(`${article.title} · ${siteName}`, article.language, body);
}

export function helpErrorPage(status: number, message: string): string {
  return page(status === 404 ? 'Not found' : 'Error', 'en', `<header><h1>${status === 404 ? 'Page not found' : 'Something went wrong'}</h1><p class="sub">${escapeHtml(message)}</p></header>`);
}
