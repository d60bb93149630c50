import type { Report, ReportQuery } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { createReportsModel } from './reports-model';
import { sampleReport } from './report-fixture';

const NOW = () => Date.UTC(2026, 10, 22, 12);

function server(answer: (url: URL) => Response | Promise<Response> = (url) => reportFor(url)) {
  const urls: URL[] = [];
  const fetch = async (input: string) => {
    const url = new URL(input, 'http://console.test');
    urls.push(url);
    return answer(url);
  };
  return { fetch, urls };
}

function reportFor(url: URL): Response {
  const q = Object.fromEntries(url.searchParams) as unknown as ReportQuery;
  return new Response(JSON.stringify(sampleReport(q)), { status: 200 });
}

describe('reports model', () => {
  it('starts with the last 30 days in the agent time zone and loads them', async () => {
    const { fetch, urls } = server();
    const model = createReportsModel({ fetch, timeZone: 'Europe/Madrid', now: NOW });
    await model.load();
    expect(urls[0]?.pathname).toBe('/api/reports');
    expect(Object.fromEntries(urls[0]?.searchParams ?? [])).toEqual({ from: '2026-10-24', to: '2026-11-22', tz: 'Europe/Madrid' });
    expect(model.state.get()).toMatchObject({ status: 'ready', preset: 30, error: null });
    expect(model.state.get().report?.totals.conversations).toBe(3);
  });

  it('applies presets, custom ranges and filters, and builds CSV links for the same query', async () => {
    const { fetch, urls } = server();
    const model = createReportsModel({ fetch, timeZone: 'UTC', now: NOW });
    await model.choosePreset(7);
    expect(urls.at(-1)?.searchParams.get('from')).toBe('2026-11-16');
    await model.chooseRange('2026-10-01', '2026-10-31');
    await model.filter({ channel: 'chat', teamId: 't1' });
    expect(Object.fromEntries(urls.at(-1)?.searchParams ?? [])).toEqual({ from: '2026-10-01', to: '2026-10-31', tz: 'UTC', channel: 'chat', teamId: 't1' });
    expect(model.state.get().preset).toBeNull();
    expect(model.csvUrl('agents')).toBe('/api/reports/export/agents.csv?from=2026-10-01&to=2026-10-31&tz=UTC&channel=chat&teamId=t1');
    await model.filter({ channel: '' });
    expect(urls.at(-1)?.searchParams.has('channel')).toBe(false);
  });

  it('refuses an impossible range without asking, and shows the server refusal', async () => {
    const { fetch, urls } = server(() => new Response(JSON.stringify({ error: { code: 'bad_request', message: 'Invalid payload: tz: must be an IANA time zone' } }), { status: 400 }));
    const model = createReportsModel({ fetch, timeZone: 'UTC', now: NOW });
    await model.chooseRange('2026-11-10', '2026-11-01');
    expect(model.state.get()).toMatchObject({ status: 'error', error: 'The end date is before the start date.' });
    await model.chooseRange('2024-01-01', '2026-01-01');
    expect(model.state.get().error).toBe('Choose at most 366 days.');
    expect(urls).toHaveLength(0);
    await model.chooseRange('2026-11-01', '2026-11-02');
    expect(model.state.get()).toMatchObject({ status: 'error', error: 'Invalid payload: tz: must be an IANA time zone' });
  });

  it('shows only the answer to the latest request', async () => {
    const pending: Array<(r: Response) => void> = [];
    const { fetch } = server((url) => new Promise<Response>((resolve) => pending.push(() => resolve(reportFor(url)))));
    const model = createReportsModel({ fetch, timeZone: 'UTC', now: NOW });
    const slow = model.choosePreset(90);
    const fast = model.choosePreset(7);
    pending[1]?.(new Response());
    await fast;
    pending[0]?.(new Response());
    await slow;
    const report = model.state.get().report as Report;
    expect(report.query.from).toBe('2026-11-16');
  });
});
