/**
 * An article body as a tree of elements, for clients that must not parse HTML: a page enforcing
 * Trusted Types refuses innerHTML and every other HTML parser, but not elements made one by one.
 * A node is text, or `[tag, attributes, ...children]`. The server only emits the tags and
 * attributes below, and clients only create those.
 */
export type RichNode = string | RichElement;
export type RichElement = [tag: RichTag, attributes: RichAttributes | null, ...children: RichNode[]];

export const RICH_TAGS = [
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 's',
  'a', 'img', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
] as const;
export type RichTag = (typeof RICH_TAGS)[number];

export const RICH_ATTRIBUTES = ['href', 'target', 'rel', 'src', 'alt', 'title', 'loading', 'referrerpolicy', 'start', 'align'] as const;
export type RichAttributes = Partial<Record<(typeof RICH_ATTRIBUTES)[number], string>>;
