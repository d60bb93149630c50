import type { DurationStats } from '@hilo/shared';

/**
 * Nearest-rank percentile of ascending `sorted` samples: the sample at rank ⌈p/100 · n⌉ (1-based,
 * at least 1). Always one of the samples, never an interpolation; null for no samples.
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** Count, median and p90 (nearest-rank) of duration samples in milliseconds. */
export function durationStats(samples: readonly number[]): DurationStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: nearestRank(sorted, 50), p90Ms: nearestRank(sorted, 90) };
}
