import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSpec } from './chart-specs';

/**
 * Draws a chart spec with uPlot. Loaded with `import()` only when the Reports screen shows a chart,
 * so uPlot and its stylesheet stay out of the console's initial bundle.
 */

const HEIGHT = 220;

function cssVar(el: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Draws into `el`, follows its width, and returns how to take the chart down. */
export function drawChart(el: HTMLElement, spec: ChartSpec): () => void {
  const muted = cssVar(el, '--text-muted', '#6b7280');
  const grid = cssVar(el, '--border', '#e3e6ea');
  const surface = cssVar(el, '--surface', '#fff');
  const suffix = spec.unit === 'count' ? '' : ` ${spec.unit}`;
  const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const xs = spec.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const first = xs[0] ?? 0;
  const last = xs.at(-1) ?? first;
  const options: uPlot.Options = {
    width: Math.max(el.clientWidth, 280),
    height: HEIGHT,
    // Days are calendar dates (midnight UTC stands for the day), so label them in UTC.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
    scales: {
      // The range's own days; one day alone gets half a day on each side (uPlot would guess years).
      x: { time: true, range: (): uPlot.Range.MinMax => (first === last ? [first - 43_200, last + 43_200] : [first, last]) },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        ...axis,
        space: 56,
        // "24 Oct": calendar days only; a short range may offer splits between midnights, left blank.
        values: (_u, splits) => splits.map((ts) => (ts % 86_400 === 0 ? new Date(ts * 1000).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }) : '')),
      },
      {
        ...axis,
        size: 48,
        // The unit is in the caption; fractional counts are not labelled.
        values: (_u, splits) => splits.map((v) => (spec.unit === 'count' && !Number.isInteger(v) ? '' : String(v))),
      },
    ],
    series: [
      { label: 'Day', value: (_u, ts) => (ts === null ? '—' : new Date(ts * 1000).toISOString().slice(0, 10)) },
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: cssVar(el, s.colorVar, '#4f46e5'),
        width: s.width,
        spanGaps: false,
        points: { fill: surface },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${v}${suffix}`),
      })),
    ],
  };
  const chart = new uPlot(options, [xs, ...spec.series.map((s) => s.values)], el);
  const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 280), height: HEIGHT }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}
