import { dayNumber } from '@hilo/shared';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a day number (days since 1970-01-01 UTC). */
function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) days.push(dayString(n));
  return days;
}

/**
 * The UTC days whose events can fall on a local day of the range: zone offsets stay within ±14 h,
 * so one extra UTC day on each side covers every time zone.
 */
export function utcDaysToRead(from: string, to: string): string[] {
  return daysBetween(dayString(dayNumber(from) - 1), dayString(dayNumber(to) + 1));
}

/**
 * Maps an instant to its calendar day (`YYYY-MM-DD`) in `timeZone`. Answers are cached per minute:
 * zone offsets only ever change on whole minutes, so every instant of one minute has the same day.
 */
export function localDayOf(timeZone: string): (at: number) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map<number, string>();
  return (at) => {
    const minute = Math.floor(at / 60_000);
    let day = cache.get(minute);
    if (day === undefined) {
      const parts: Record<string, string> = {};
      for (const part of format.formatToParts(at)) parts[part.type] = part.value;
      day = `${(parts.year ?? '').padStart(4, '0')}-${parts.month}-${parts.day}`;
      cache.set(minute, day);
    }
    return day;
  };
}
