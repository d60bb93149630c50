// The Reports screen on the demo's recorded 30-day history: figures match the API, charts load lazily.
import type { Report } from '@hilo/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { startHilo, type HiloProcess } from './support/hilo-process.js';

let hilo: HiloProcess;
let browser: Browser;

beforeAll(async () => {
  hilo = await startHilo();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
});

describe('reports', () => {
  it('shows the demo history: tiles that match the API, three charts, tables and CSV downloads', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1500 }, timezoneId: 'Europe/Madrid' });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await signInToConsole(page, hilo.url, hilo.admin);
    // uPlot is not part of the initial load: it arrives with the first chart.
    const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(before.some((url) => /uplot/i.test(url))).toBe(false);

    await page.getByRole('button', { name: 'Reports' }).click();
    const tiles = page.getByRole('list', { name: 'Summary' });
    await tiles.waitFor();
    await expect.poll(() => page.locator('.report-chart-box canvas').count(), { timeout: 10_000 }).toBe(3);

    const query = new URLSearchParams({ from: await page.getByLabel('From', { exact: true }).inputValue(), to: await page.getByLabel('To', { exact: true }).inputValue(), tz: 'Europe/Madrid' });
    const report = (await page.evaluate(async (qs) => (await fetch(`/api/reports?${qs}`)).json(), query.toString())) as Report;
    expect(report.totals.conversations).toBeGreaterThan(200);
    const conversations = tiles.getByRole('listitem').filter({ hasText: 'Conversations' }).locator('.report-tile-value');
    expect(await conversations.textContent()).toBe(report.totals.conversations.toLocaleString('en-US'));
    expect(await page.getByRole('table', { name: 'By agent' }).getByRole('rowheader').allTextContents()).toEqual(['Alex Admin', 'Marta Ruiz (demo)', 'Sam Lee (demo)'].filter((name) => report.agents.some((a) => a.name === name)));
    expect(await page.getByRole('table', { name: 'By team' }).getByRole('rowheader').allTextContents()).toEqual(['Sales', 'Support']);
    await screenshot(page, 'console-reports');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download by agent as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`hilo-agents-${query.get('from')}-to-${query.get('to')}.csv`);

    // Dark theme: charts take their colours from the theme when drawn (a new range redraws them).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect.poll(() => page.getByLabel('From', { exact: true }).inputValue()).not.toBe(query.get('from'));
    await expect.poll(() => page.locator('.report-chart-box canvas').count()).toBe(3);
    await screenshot(page, 'console-reports-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Filtering to email narrows the figures; a range with nothing says so.
    await page.getByLabel('Channel', { exact: true }).selectOption('email');
    await expect.poll(async () => tiles.getByRole('listitem').filter({ hasText: 'Conversations' }).locator('.report-tile-detail').textContent()).toMatch(/^Chat 0 · Email \d+ · Phone 0$/);
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2020-01-31');
    await page.getByText('No conversations in this range.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
