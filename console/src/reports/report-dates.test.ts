import { describe, expect, it } from 'vitest';
import { addDays, lastDays, rangeLength, shortDay, todayIn } from './report-dates';
import { formatDuration, formatPercent } from './report-format';

describe('report dates', () => {
  it('computes presets, lengths and the local today', () => {
    expect(lastDays(7, '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(lastDays(30, '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(rangeLength('2026-11-01', '2026-11-30')).toBe(30);
    expect(rangeLength('2026-11-02', '2026-11-01')).toBe(0);
    // 23:30 UTC on 22 Nov is already 23 Nov in Madrid and still 22 Nov in New York.
    const at = Date.UTC(2026, 10, 22, 23, 30);
    expect(todayIn('Europe/Madrid', at)).toBe('2026-11-23');
    expect(todayIn('America/New_York', at)).toBe('2026-11-22');
    expect(shortDay('2026-11-02')).toBe('Mon 2 Nov');
  });

  it('formats durations and rates', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(45_400)).toBe('45s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(12_000_000)).toBe('3h 20m');
    expect(formatDuration(187_200_000)).toBe('2d 4h');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(1)).toBe('100%');
  });
});
