import type { BusinessHours } from './widget-settings.js';

/**
 * Whether `now` falls in one of the site's weekly ranges, read in the site's own time zone (the widget in
 * the shopper's browser, the answer bot on the server). Hours switched off count as always open.
 */
export function isWithinHours(hours: BusinessHours, now: Date): boolean {
  if (!hours.enabled) return true;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  } catch {
    // The zone was valid when saved; a runtime that does not know it must not call the shop closed.
    return true;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = 'SunMonTueWedThuFriSat'.indexOf(part('weekday')) / 3;
  const time = `${part('hour')}:${part('minute')}`;
  return hours.ranges.some((range) => range.day === day && range.start <= time && time < range.end);
}
