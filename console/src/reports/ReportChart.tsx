import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartSpec } from './chart-specs';

/** Loads the drawing code; the default fetches uPlot lazily, tests pass a fake. */
export type ChartLoader = () => Promise<{ drawChart: (el: HTMLElement, spec: ChartSpec) => () => void }>;

const UNIT_NAMES = { min: 'minutes', h: 'hours' } as const;

export const loadUplotChart: ChartLoader = () => import('./uplot-chart');

interface Props {
  spec: ChartSpec;
  load?: ChartLoader;
}

/** One chart: a caption, and a box the loaded library draws into (redrawn when the spec changes). */
export function ReportChart({ spec, load = loadUplotChart }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let destroy: (() => void) | null = null;
    let gone = false;
    load()
      .then(({ drawChart }) => {
        if (!gone && box.current) destroy = drawChart(box.current, spec);
      })
      .catch(() => {
        if (!gone) setFailed(true);
      });
    return () => {
      gone = true;
      destroy?.();
    };
  }, [spec, load]);
  const first = spec.days[0] ?? '';
  const last = spec.days.at(-1) ?? '';
  return (
    <figure class="report-chart">
      <figcaption>
        {spec.title}
        {spec.unit !== 'count' && <span class="report-chart-unit"> ({UNIT_NAMES[spec.unit]})</span>}
      </figcaption>
      <div ref={box} class="report-chart-box" role="img" aria-label={`${spec.title}, ${first} to ${last}: ${spec.series.map((s) => s.label).join(', ')}`} />
      {failed && <p class="report-note">The chart could not be drawn; the tables below have the figures.</p>}
    </figure>
  );
}
