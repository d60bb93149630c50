import { describe, expect, it } from 'vitest';
import { snoozeOptions } from './snooze-options';

describe('snooze options', () => {
  it('offers later today, tomorrow morning and next Monday morning, all in the future', () => {
    const wednesdayNoon = new Date(2026, 10, 18, 12, 0).getTime();
    const options = snoozeOptions(wednesdayNoon);
    expect(options.map((o) => o.label)).toEqual(['1 hour', '4 hours', 'Tomorrow 9:00', 'Next Monday 9:00']);
    expect(new Date(options[2]?.until ?? 0).getDate()).toBe(19);
    expect(new Date(options[3]?.until ?? 0).getDay()).toBe(1);
    expect(new Date(options[3]?.until ?? 0).getDate()).toBe(23);
    for (const o of options) expect(o.until).toBeGreaterThan(wednesdayNoon);
  });
});
