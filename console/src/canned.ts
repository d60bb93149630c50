import type { CannedResponse } from '@hilo/shared';

/** The `/word` being typed when the whole reply is a shortcut query, else null. */
export function cannedQuery(text: string): string | null {
  const match = /^\/([a-z0-9_-]*)$/i.exec(text);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

export function matchingCanned(responses: readonly CannedResponse[], query: string, limit = 6): CannedResponse[] {
  const starts = responses.filter((r) => r.shortcut.startsWith(query));
  const contains = responses.filter((r) => !r.shortcut.startsWith(query) && r.shortcut.includes(query));
  return [...starts, ...contains].slice(0, limit);
}

export interface Placeholders {
  name: string | null;
  agent: string;
}

/** Fills {{name}} and {{agent}}; an unknown customer becomes "there" ("Hi there"). Unknown tags stay. */
export function expandCanned(text: string, values: Placeholders): string {
  return text.replace(/\{\{\s*(name|agent)\s*\}\}/g, (_, key: string) => (key === 'name' ? (values.name?.split(' ')[0] ?? 'there') : values.agent));
}
