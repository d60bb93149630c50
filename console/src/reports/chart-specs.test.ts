import { describe, expect, it } from 'vitest';
import { conversationsChart, durationChart } from './chart-specs';
import { sampleReport } from './report-fixture';

const report = sampleReport({ from: '2026-11-21', to: '2026-11-22', tz: 'UTC' });

describe('chart specs', () => {
  it('draws conversations per day in total and per channel', () => {
    const spec = conversationsChart(report);
    expect(spec.days).toEqual(['2026-11-21', '2026-11-22']);
    expect(spec.series.map((s) => [s.label, s.values])).toEqual([
      ['All channels', [3, 0]],
      ['Chat', [2, 0]],
      ['Email', [1, 0]],
      ['Phone', [0, 0]],
    ]);
  });

  it('draws the median per day in minutes or hours, with gaps for days without figures', () => {
    const frt = durationChart(report, 'firstResponse');
    expect(frt.unit).toBe('min');
    expect(frt.series.map((s) => s.values)).toEqual([[1.5, null]]);
    const slow = sampleReport({ from: '2026-11-21', to: '2026-11-22', tz: 'UTC' });
    const first = slow.days[0];
    if (first) first.resolution = { count: 1, medianMs: 5 * 3_600_000, p90Ms: 5 * 3_600_000 };
    const resolution = durationChart(slow, 'resolution');
    expect(resolution.unit).toBe('h');
    expect(resolution.series.map((s) => s.values)).toEqual([[5, null]]);
    expect(durationChart(report, 'resolution')).toMatchObject({ unit: 'min', series: [{ values: [30, null] }] });
  });
});
