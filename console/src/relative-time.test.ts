import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  it.each([
    [now - 10_000, 'now'],
    [now - 5 * 60_000, '5m'],
    [now - 3 * 3_600_000, '3h'],
    [now - 2 * 86_400_000, '2d'],
    [now + 5_000, 'now'],
  ])('formats %i as %s', (at, expected) => {
    expect(relativeTime(at, now)).toBe(expected);
  });
});
