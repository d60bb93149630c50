import type { ReportQuery } from '@hilo/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from './chart-specs';
import { createReportsModel } from './reports-model';
import { ReportsView } from './ReportsView';
import { emptyReport, sampleReport } from './report-fixture';
import { AGENT } from '../testing/fixtures';

const NOW = () => Date.UTC(2026, 10, 22, 12);

function setup(make: (q: ReportQuery) => unknown = sampleReport) {
  const urls: URL[] = [];
  const fetch = async (input: string) => {
    const url = new URL(input, 'http://console.test');
    urls.push(url);
    return new Response(JSON.stringify(make(Object.fromEntries(url.searchParams) as unknown as ReportQuery)), { status: 200 });
  };
  const drawn: ChartSpec[] = [];
  const loadChart = async () => ({
    drawChart: (el: HTMLElement, spec: ChartSpec) => {
      drawn.push(spec);
      el.textContent = `chart: ${spec.title}`;
      return () => undefined;
    },
  });
  const model = createReportsModel({ fetch, timeZone: 'UTC', now: NOW });
  render(<ReportsView agent={AGENT} agents={[{ id: 'a2', name: 'Sam Lee', role: 'agent', status: 'online', load: 0, capacity: 5 }]} teams={[]} model={model} loadChart={loadChart} />);
  return { urls, drawn };
}

describe('ReportsView', () => {
  it('shows the tiles, draws the charts, lists agents and teams, and links every CSV', async () => {
    const { drawn } = setup();
    const tiles = within(await screen.findByRole('list', { name: 'Summary' }));
    expect(tiles.getByText('Conversations').nextElementSibling?.textContent).toBe('3');
    expect(tiles.getByText('First response (median)').nextElementSibling?.textContent).toBe('1m 30s');
    expect(tiles.getByText('CSAT').nextElementSibling?.textContent).toBe('75%');
    expect(tiles.getByText('Bot deflection').nextElementSibling?.textContent).toBe('25%');
    expect(tiles.getByText('Missed chats').nextElementSibling?.textContent).toBe('1');
    await waitFor(() => expect(drawn.map((s) => s.title)).toEqual(['Conversations per day', 'Median first response time per day', 'Median resolution time per day']));
    expect(screen.getByText('chart: Conversations per day')).toBeTruthy();

    const agents = within(screen.getByRole('table', { name: 'By agent' }));
    expect(agents.getByRole('rowheader', { name: 'Marta Ruiz' }).parentElement?.textContent).toContain('75% (4)');
    expect(agents.getByRole('rowheader', { name: 'Former agent (a_gone)' })).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'By team' })).getByRole('rowheader', { name: 'Support' })).toBeTruthy();
    for (const table of ['daily', 'by channel', 'by agent', 'by team']) {
      const link = screen.getByRole('link', { name: `Download ${table} as CSV` });
      expect(link.getAttribute('href')).toMatch(/^\/api\/reports\/export\/(daily|channels|agents|teams)\.csv\?from=2026-10-24&to=2026-11-22&tz=UTC$/);
    }
    // The filter offers known agents and anyone the report names.
    const agentFilter = screen.getByLabelText('Agent') as HTMLSelectElement;
    expect([...agentFilter.options].map((o) => o.textContent)).toEqual(['All agents', 'Marta Ruiz', 'Sam Lee']);
  });

  it('reloads for a preset, a custom date and a filter', async () => {
    const { urls } = setup();
    await screen.findByRole('list', { name: 'Summary' });
    fireEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() => expect(urls.at(-1)?.searchParams.get('from')).toBe('2026-11-16'));
    expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    await waitFor(() => expect(urls.at(-1)?.searchParams.get('from')).toBe('2026-11-01'));
    expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'email' } });
    await waitFor(() => expect(urls.at(-1)?.searchParams.get('channel')).toBe('email'));
    expect(urls).toHaveLength(4);
  });

  it('says so when the range has no conversations', async () => {
    const { drawn } = setup(emptyReport);
    expect(await screen.findByText('No conversations in this range.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Summary' })).toBeNull();
    expect(drawn).toEqual([]);
  });
});
