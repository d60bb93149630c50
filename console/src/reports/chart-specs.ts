import type { DurationStats, Report } from '@hilo/shared';

/** What a chart shows, independent of the library that draws it (so it can be tested without a canvas). */
export interface ChartSeries {
  label: string;
  /** One value per day; null draws a gap (no figure that day). */
  values: Array<number | null>;
  /** CSS custom property holding the line colour (themes switch it for dark mode). */
  colorVar: string;
  width: number;
}

export interface ChartSpec {
  title: string;
  /** `YYYY-MM-DD`, the x axis. */
  days: string[];
  series: ChartSeries[];
  /** What the y values are: counts, or durations in minutes or hours. */
  unit: 'count' | 'min' | 'h';
}

export function conversationsChart(report: Report): ChartSpec {
  const days = report.days;
  return {
    title: 'Conversations per day',
    days: days.map((d) => d.date),
    unit: 'count',
    series: [
      { label: 'All channels', values: days.map((d) => d.conversations), colorVar: '--chart-total', width: 2.5 },
      { label: 'Chat', values: days.map((d) => d.byChannel.chat), colorVar: '--chart-chat', width: 1.5 },
      { label: 'Email', values: days.map((d) => d.byChannel.email), colorVar: '--chart-email', width: 1.5 },
      { label: 'Phone', values: days.map((d) => d.byChannel.phone), colorVar: '--chart-phone', width: 1.5 },
    ],
  };
}

const HOUR_MS = 3_600_000;

/**
 * The median per day, in minutes, or in hours when the slowest day's median reaches 3 hours. (The p90
 * is in the tiles and tables: on one axis with the median it flattens the median into the floor.)
 */
export function durationChart(report: Report, figure: 'firstResponse' | 'resolution'): ChartSpec {
  const stats: DurationStats[] = report.days.map((d) => d[figure]);
  const longest = Math.max(0, ...stats.map((s) => s.medianMs ?? 0));
  const unit = longest >= 3 * HOUR_MS ? 'h' : 'min';
  const scale = unit === 'h' ? HOUR_MS : 60_000;
  const inUnit = (ms: number | null) => (ms === null ? null : Math.round((ms / scale) * 10) / 10);
  return {
    title: figure === 'firstResponse' ? 'Median first response time per day' : 'Median resolution time per day',
    days: report.days.map((d) => d.date),
    unit,
    series: [{ label: 'Median', values: stats.map((s) => inUnit(s.medianMs)), colorVar: figure === 'firstResponse' ? '--chart-frt' : '--chart-resolution', width: 2 }],
  };
}
