import type { RichNode } from '@hilo/shared';
import { RICH_ATTRIBUTES, RICH_TAGS } from '@hilo/shared/rich-text';
import type { ComponentChild } from 'preact';
// The JSX runtime app.js already has (preact's `h` would add itself to app.js for this lazy chunk).
import { jsx } from 'preact/jsx-runtime';

const tags = new Set<string>(RICH_TAGS);
const attributes = new Set<string>(RICH_ATTRIBUTES);

/**
 * The server's article tree as elements made one by one, never parsed from HTML (a page enforcing
 * Trusted Types refuses that). Only the shared tag and attribute lists are created, whatever arrives,
 * so no event handler, style or raw HTML prop can slip in; anything else keeps only its text.
 */
export function renderRich(node: RichNode): ComponentChild {
  if (typeof node === 'string') return node;
  if (!Array.isArray(node)) return null;
  const [tag, attrs, ...children] = node;
  const content = children.map(renderRich);
  if (!tags.has(tag)) return content;
  const props: Record<string, unknown> = { children: content };
  for (const [name, value] of Object.entries(attrs ?? {})) if (attributes.has(name) && typeof value === 'string') props[name] = value;
  return jsx(tag, props);
}
