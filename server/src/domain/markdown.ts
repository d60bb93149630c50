import MarkdownIt, { type RendererRule } from 'markdown-it';

/**
 * Article bodies are Markdown written by admins and read by shoppers in the widget and on the public
 * help page. Raw HTML is off (it is shown as text), links are limited to http(s) and mailto and open in
 * a new tab without handing the page over (`noopener`) or vouching for it (`nofollow`). Images are kept
 * only from https URLs (a storefront on https would block or warn on http ones); others show their
 * alt text.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SAFE_LINK = /^(https?:|mailto:)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const LINK_REL = 'noopener noreferrer nofollow';
const renderDefault: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
const linkOpen = md.renderer.rules.link_open ?? renderDefault;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('rel', LINK_REL);
    token.attrSet('target', '_blank');
  }
  return linkOpen(tokens, idx, options, env, self);
};
const image = md.renderer.rules.image ?? renderDefault;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return '';
  if (!String(token.attrGet('src') ?? '').startsWith('https://')) return md.utils.escapeHtml(token.content);
  token.attrSet('loading', 'lazy');
  token.attrSet('referrerpolicy', 'no-referrer');
  return image(tokens, idx, options, env, self);
};

/** Safe HTML for a Markdown body (the one place Hilo produces HTML from user text). */
export function renderMarkdown(body: string): string {
  return md.render(body);
}

/** The words of a Markdown body without its markup (for search and excerpts); blocks are separated by spaces. */
export function markdownToText(body: string): string {
  const parts: string[] = [];
  for (const token of md.parse(body, {})) {
    if (token.type === 'code_block' || token.type === 'fence') parts.push(token.content);
    if (token.type !== 'inline' || !token.children) continue;
    for (const child of token.children) {
      if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
      else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' ');
    }
    parts.push(' ');
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The first words of a text, cut at a word boundary near `max` characters. */
export function excerptOf(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}
