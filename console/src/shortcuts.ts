/** Keyboard shortcuts of the workspace, one place for the handler and the `?` overlay. */
export const SHORTCUTS: Array<{ key: string; label: string }> = [
  { key: 'j', label: 'Next conversation' },
  { key: 'k', label: 'Previous conversation' },
  { key: 'r', label: 'Reply' },
  { key: 'n', label: 'Internal note' },
  { key: 'a', label: 'Assign to me' },
  { key: 'e', label: 'Resolve' },
  { key: '/', label: 'Search' },
  { key: '?', label: 'Show shortcuts' },
];

export type ShortcutAction = 'next' | 'prev' | 'reply' | 'note' | 'assign' | 'resolve' | 'search' | 'help' | 'close';

const BY_KEY: Record<string, ShortcutAction> = { j: 'next', k: 'prev', r: 'reply', n: 'note', a: 'assign', e: 'resolve', '/': 'search', '?': 'help' };

/** What a key press means, or null; typing in a field is never a shortcut (Escape aside). */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: EventTarget | null): ShortcutAction | null {
  if (event.key === 'Escape') return 'close';
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const element = target as HTMLElement | null;
  if (element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))) return null;
  return BY_KEY[event.key] ?? null;
}

/** The id after/before `current` in the list, staying at the ends. */
export function step(ids: readonly string[], current: string | null, by: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at < 0) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + by))] ?? null;
}
