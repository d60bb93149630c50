/** Calendar-day helpers for the report range; days are `YYYY-MM-DD` strings. */

const DAY_MS = 86_400_000;

/** The browser's own IANA time zone (reports count days where the agent is). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const part of format.formatToParts(now)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Inclusive length of a range in days (0 or less when `to` is before `from`). */
export function rangeLength(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The last `days` days, today included. */
export function lastDays(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, 1 - days), to: today };
}

/** "Mon 2 Nov" for a day (the day itself, whatever the viewer's zone). */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
}
