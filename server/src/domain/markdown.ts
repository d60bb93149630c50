import type { RichAttributes, RichElement, RichNode, RichTag } from '@hilo/shared';
import { RICH_ATTRIBUTES, RICH_TAGS } from '@hilo/shared';
import MarkdownIt, { type RendererRule, type Token } from 'markdown-it';

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

/** What every link and every kept image carry, in the HTML and in the tree alike. */
const LINK_ATTRIBUTES = { rel: 'noopener noreferrer nofollow', target: '_blank' };
const IMAGE_ATTRIBUTES = { loading: 'lazy', referrerpolicy: 'no-referrer' };
/** Images from anywhere else show their alt text. */
const isSafeImage = (src: string) => src.startsWith('https://');
const setAll = (token: Token, attributes: Record<string, string>) => {
  for (const [name, value] of Object.entries(attributes)) token.attrSet(name, value);
};
const renderDefault: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
const linkOpen = md.renderer.rules.link_open ?? renderDefault;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) setAll(token, LINK_ATTRIBUTES);
  return linkOpen(tokens, idx, options, env, self);
};
const image = md.renderer.rules.image ?? renderDefault;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return '';
  if (!isSafeImage(String(token.attrGet('src') ?? ''))) return md.utils.escapeHtml(token.content);
  setAll(token, IMAGE_ATTRIBUTES);
  return image(tokens, idx, options, env, self);
};

/** Safe HTML for a Markdown body (the one place Hilo produces HTML from user text). */
export function renderMarkdown(body: string): string {
  return md.render(body);
}

/** An article body both ways from one parse: HTML for the help page, the tree for the widget. */
export function renderArticleBody(body: string): { html: string; tree: RichNode[] } {
  const tokens = md.parse(body, {});
  // The tree first: rendering HTML writes the link and image attributes into the tokens.
  const tree = treeOf(tokens);
  return { html: md.renderer.render(tokens, md.options, {}), tree };
}

const richTags = new Set<string>(RICH_TAGS);
const richAttributes = new Set<string>(RICH_ATTRIBUTES);

function attributesOf(token: Token): RichAttributes | null {
  const out: Record<string, string> = {};
  for (const [name, raw] of token.attrs ?? []) {
    const value = String(raw);
    // Table cells carry their alignment as a style; the widget sets no inline styles.
    if (name === 'style' && /^text-align:(left|right|center)$/.test(value)) out.align = value.slice('text-align:'.length);
    else if (richAttributes.has(name)) out[name] = value;
  }
  if (token.type === 'link_open') Object.assign(out, LINK_ATTRIBUTES);
  return Object.keys(out).length ? (out as RichAttributes) : null;
}

/**
 * The same rendering as `renderMarkdown`, as elements instead of an HTML string (see rich-text.ts):
 * the same parser, link and image rules; an unknown tag keeps its content without its element.
 */
export function renderMarkdownTree(body: string): RichNode[] {
  return treeOf(md.parse(body, {}));
}

function treeOf(tokens: Token[]): RichNode[] {
  // A holder for the top-level nodes; its tag is never read.
  const root: RichElement = ['p', null];
  const stack: RichElement[] = [root];
  const parent = () => stack[stack.length - 1] ?? root;
  const add = (node: RichNode) => {
    const into = parent();
    const last = into[into.length - 1];
    // Adjacent text is one node (the attributes slot is never a string).
    if (typeof node === 'string' && typeof last === 'string') into[into.length - 1] = last + node;
    else into.push(node);
  };
  const element = (tag: string, attributes: RichAttributes | null): RichElement | null => (richTags.has(tag) ? [tag as RichTag, attributes] : null);

  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.hidden) continue; // the paragraphs of a tight list: their text goes to the item
      if (token.nesting === 1) {
        const opened = element(token.tag, attributesOf(token));
        if (opened) add(opened);
        // Content of an unknown element goes to its parent: pushing the parent again keeps pops balanced.
        stack.push(opened ?? parent());
      } else if (token.nesting === -1) {
        stack.pop();
      } else if (token.type === 'inline') {
        walk(token.children ?? []);
      } else if (token.type === 'softbreak') {
        add('\n');
      } else if (token.type === 'image') {
        const src = String(token.attrGet('src') ?? '');
        const alt = token.children?.map((child) => child.content).join('') ?? token.content;
        add(isSafeImage(src) ? ['img', { ...attributesOf(token), alt, ...IMAGE_ATTRIBUTES }] : alt);
      } else if (token.type === 'code_block' || token.type === 'fence') {
        add(['pre', null, ['code', null, token.content]]);
      } else if (token.type === 'code_inline') {
        add(['code', null, token.content]);
      } else if (token.tag && !token.content) {
        const empty = element(token.tag, attributesOf(token)); // hr, br
        if (empty) add(empty);
      } else if (token.content) {
        add(token.content);
      }
    }
  };
  walk(tokens);
  return root.slice(2) as RichNode[];
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
