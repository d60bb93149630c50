import type { RichNode } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMarkdownTree } from './markdown.js';

const VOID = new Set(['br', 'hr', 'img']);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The tree as markdown-it would print it, to compare both renderings of one body. */
function toHtml(node: RichNode): string {
  if (typeof node === 'string') return escape(node);
  const [tag, attributes, ...children] = node;
  const attrs = Object.entries(attributes ?? {}).map(([name, value]) => ` ${name}="${escape(String(value))}"`).join('');
  return VOID.has(tag) ? `<${tag}${attrs}>` : `<${tag}${attrs}>${children.map(toHtml).join('')}</${tag}>`;
}

/** Differences that do not change what a reader sees: line breaks between tags, the code language class, alignment as style. */
const normalise = (html: string) =>
  html
    .replace(/>\n|\n</g, (m) => m.replace('\n', ''))
    .replace(/ class="language-[^"]*"/g, '')
    .replace(/ style="text-align:(\w+)"/g, ' align="$1"');

const BODIES = [
  'We offer **gift wrapping** on every order.\n\n## How\n\n1. Add the items.\n2. Tick *Gift wrap*.\n\nUse `WRAPME` and see [our guide](https://shop.example/gifts "Guide").',
  'Line one\nline two  \nhard break\n\n- tight\n- list\n\n- loose\n\n- list\n\n3. starts\n4. at three',
  '```js\nif (a < b && c > "d") {}\n```\n\n    indented code\n\n> quoted **text**\n>\n> - in a list\n\n---\n\n~~gone~~',
  '| Size | Price |\n|:-----|------:|\n| S & M | 10 € |\n| L | 12 € |',
  '![wrap](https://img.example/w.png "Wrapped") ![insecure](http://img.example/x.png) [js](javascript:alert(1)) <script>alert(1)</script> <b>bold?</b>',
  'Auto links: https://shop.example/a and mailto:help@shop.example, escapes \\*not em\\*, entities &amp; &copy; and "quotes".',
  '# One\n### Three\n###### Six\n\nText with <br> and &lt;tag&gt;.',
];

describe('renderMarkdownTree', () => {
  it.each(BODIES.map((body, i) => [i, body]))('renders body %i as the same elements and text as the HTML rendering', (_i, body) => {
    const fromTree = renderMarkdownTree(body).map(toHtml).join('');
    expect(normalise(fromTree)).toBe(normalise(renderMarkdown(body)));
  });

  it('keeps raw HTML and unsafe links as text, and opens safe links in a new tab', () => {
    const tree = renderMarkdownTree('<img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://a.example)');
    expect(tree).toEqual([
      ['p', null, '<img src=x onerror=alert(1)> [x](javascript:alert(1)) ', ['a', { href: 'https://a.example', rel: 'noopener noreferrer nofollow', target: '_blank' }, 'ok']],
    ]);
  });
});
