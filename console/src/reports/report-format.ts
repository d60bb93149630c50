/** How report figures read on screen: durations in the largest sensible units, rates as percentages. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `45s`, `4m 05s`, `3h 20m`, `2d 4h`; an em dash when there is no figure. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** `83.5%` for 0.835; an em dash when there is nothing to divide by. */
export function formatPercent(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toLocaleString('en-US')}%`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
