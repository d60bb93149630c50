import type { BusinessHours } from './widget-settings.js';
import { describe, expect, it } from 'vitest';
import { isWithinHours } from './business-hours.js';

const madrid: BusinessHours = {
  enabled: true,
  timeZone: 'Europe/Madrid',
  ranges: [
    { day: 1, start: '09:00', end: '17:30' },
    { day: 6, start: '10:00', end: '24:00' },
  ],
};

describe('isWithinHours', () => {
  it('reads the clock in the site time zone, not the browser one', () => {
    // Monday 2026-11-23: Madrid is UTC+1 in winter.
    expect(isWithinHours(madrid, new Date('2026-11-23T08:00:00Z'))).toBe(true); // 09:00 Madrid
    expect(isWithinHours(madrid, new Date('2026-11-23T07:59:00Z'))).toBe(false); // 08:59
    expect(isWithinHours(madrid, new Date('2026-11-23T16:29:00Z'))).toBe(true); // 17:29
    expect(isWithinHours(madrid, new Date('2026-11-23T16:30:00Z'))).toBe(false); // 17:30, end is exclusive
  });
  it('is closed on days without ranges, open until midnight with 24:00', () => {
    expect(isWithinHours(madrid, new Date('2026-11-24T10:00:00Z'))).toBe(false); // Tuesday
    expect(isWithinHours(madrid, new Date('2026-11-28T22:59:00Z'))).toBe(true); // Saturday 23:59
  });
  it('is always open when hours are off or the zone is unknown here', () => {
    expect(isWithinHours({ ...madrid, enabled: false }, new Date('2026-11-24T10:00:00Z'))).toBe(true);
    expect(isWithinHours({ ...madrid, timeZone: 'Nowhere/Land' }, new Date('2026-11-24T10:00:00Z'))).toBe(true);
  });
});
