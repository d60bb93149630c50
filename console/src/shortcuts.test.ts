import { describe, expect, it } from 'vitest';
import { shortcutFor, step } from './shortcuts';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps keys to actions, but never while typing in a field or with modifiers', () => {
    expect(shortcutFor(key('j'), document.body)).toBe('next');
    expect(shortcutFor(key('?'), document.body)).toBe('help');
    expect(shortcutFor(key('e', { ctrlKey: true }), document.body)).toBeNull();
    expect(shortcutFor(key('e'), document.createElement('textarea'))).toBeNull();
    expect(shortcutFor(key('Escape'), document.createElement('input'))).toBe('close');
    expect(shortcutFor(key('x'), document.body)).toBeNull();
  });

  it('steps through the inbox and stops at the ends', () => {
    expect(step(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(step(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(step(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(step(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(step([], 'a', 1)).toBeNull();
  });
});
