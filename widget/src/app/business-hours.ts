import type { BusinessHours } from '@hilo/shared';

/** Whether `now` falls in one of the site's weekly ranges, read in the site's own time zone. */
export function isWithinHours(hours: BusinessHours, now: Date): boolean {
  if (!hours.enabled) return true;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  } catch {
    // An unknown zone in this browser: do not lock shoppers out.
    return true;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = 'SunMonTueWedThuFriSat'.indexOf(part('weekday')) / 3;
  const time = `${part('hour')}:${part('minute')}`;
  return hours.ranges.some((range) => range.day === day && range.start <= time && time < range.end);
}
