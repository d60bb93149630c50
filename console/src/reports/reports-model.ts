import type { Channel, Report, ReportTable } from '@hilo/shared';
import { ApiError, createJsonRequest, type Fetch } from '../api-client';
import { observable, type Observable } from '../observable';
import { browserTimeZone, lastDays, rangeLength, todayIn } from './report-dates';

/** Longest range the server accepts (REPORT_MAX_DAYS in shared/src/reports.ts). */
const MAX_DAYS = 366;

export type RangePreset = 7 | 30 | 90;
export const RANGE_PRESETS: readonly RangePreset[] = [7, 30, 90];

export interface ReportFilters {
  /** Empty: every channel / agent / team. */
  channel: Channel | '';
  agentId: string;
  teamId: string;
}

export interface ReportsState {
  /** Which preset the range came from; null for a custom range. */
  preset: RangePreset | null;
  from: string;
  to: string;
  tz: string;
  filters: ReportFilters;
  status: 'loading' | 'ready' | 'error';
  /** The last report received; kept while the next one loads so the screen does not flash. */
  report: Report | null;
  error: string | null;
}

export interface ReportsModel {
  state: Observable<ReportsState>;
  load(): Promise<void>;
  choosePreset(days: RangePreset): Promise<void>;
  chooseRange(from: string, to: string): Promise<void>;
  filter(change: Partial<ReportFilters>): Promise<void>;
  /** Where the browser downloads one table of the current query as CSV. */
  csvUrl(table: ReportTable): string;
}

export interface ReportsModelOptions {
  fetch?: Fetch;
  base?: string;
  timeZone?: string;
  now?: () => number;
}

/** The Reports screen's state over `GET /api/reports` (session cookie). */
export function createReportsModel({ fetch, base = '/api', timeZone = browserTimeZone(), now = Date.now }: ReportsModelOptions = {}): ReportsModel {
  const request = createJsonRequest(fetch, base);
  const state = observable<ReportsState>({
    preset: 30,
    ...lastDays(30, todayIn(timeZone, now())),
    tz: timeZone,
    filters: { channel: '', agentId: '', teamId: '' },
    status: 'loading',
    report: null,
    error: null,
  });
  // Only the answer to the latest request is shown, whatever order the answers arrive in.
  let latest = 0;

  const queryString = (): string => {
    const { from, to, tz, filters } = state.get();
    const params = new URLSearchParams({ from, to, tz });
    for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
    return params.toString();
  };

  async function load(): Promise<void> {
    const { from, to } = state.get();
    const days = rangeLength(from, to);
    if (days < 1 || days > MAX_DAYS) {
      state.update((s) => ({ ...s, status: 'error', error: days < 1 ? 'The end date is before the start date.' : `Choose at most ${MAX_DAYS} days.` }));
      return;
    }
    const ticket = ++latest;
    state.update((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const report = await request<Report>('GET', `/reports?${queryString()}`);
      if (ticket !== latest) return;
      if (!report) throw new ApiError(500, 'internal', 'The server sent no report');
      state.update((s) => ({ ...s, status: 'ready', report, error: null }));
    } catch (error) {
      if (ticket !== latest) return;
      const message = error instanceof ApiError ? error.message : 'The report could not be loaded';
      state.update((s) => ({ ...s, status: 'error', error: message }));
    }
  }

  return {
    state,
    load,
    choosePreset(days) {
      state.update((s) => ({ ...s, preset: days, ...lastDays(days, todayIn(s.tz, now())) }));
      return load();
    },
    chooseRange(from, to) {
      state.update((s) => ({ ...s, preset: null, from, to }));
      return load();
    },
    filter(change) {
      state.update((s) => ({ ...s, filters: { ...s.filters, ...change } }));
      return load();
    },
    csvUrl: (table) => `${base}/reports/export/${table}.csv?${queryString()}`,
  };
}
