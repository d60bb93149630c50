import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot } from './support/browser.js';
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

const NAME = '<img src=x onerror="window.__pwned=1">Mallory';
const ATTRIBUTE = '<script>window.__pwned=2</script>';
const MESSAGE = '<svg onload="window.__pwned=3"></svg><a href="javascript:window.__pwned=4">click</a>';

/** Fails the test on any dialog the page opens (alert/confirm from injected markup). */
function watchDialogs(page: Page, seen: string[]): void {
  page.on('dialog', (dialog) => {
    seen.push(dialog.message());
    void dialog.dismiss();
  });
}

describe('hostile text from shoppers', () => {
  it('shows HTML in messages, names and attributes as text in the widget and the console', async () => {
    const dialogs: string[] = [];
    const shopContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await shopContext.newPage();
    watchDialogs(shopper, dialogs);
    await shopper.goto(`${hilo.url}/demo`);
    await shopper.evaluate(
      ([name, attribute]) => {
        const w = window as unknown as { Hilo: { q: { push(...calls: unknown[][]): void } } };
        w.Hilo.q.push(['identify', { name, email: 'mallory@example.com' }], ['setAttributes', { note: attribute }]);
      },
      [NAME, ATTRIBUTE],
    );
    await shopper.getByRole('button', { name: 'Open chat' }).click();
    const box = shopper.getByRole('textbox', { name: 'Message' });
    await box.fill(MESSAGE);
    await box.press('Enter');
    const log = shopper.getByRole('log');
    await expect.poll(() => log.textContent()).toContain('<svg onload=');
    expect(await log.locator('svg[onload], img[onerror], a[href^="javascript:"]').count()).toBe(0);

    const agentContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const agent = await agentContext.newPage();
    watchDialogs(agent, dialogs);
    await signInToConsole(agent, hilo.url, hilo.admin);
    const row = agent.getByRole('button').filter({ hasText: '<svg onload=' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const panel = agent.getByRole('complementary', { name: 'Customer' });
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('<script>window.__pwned=2</script>');
    expect(await panel.textContent()).toContain('<img src=x onerror=');
    await expect.poll(() => agent.getByRole('log').textContent()).toContain('<a href="javascript:');
    expect(await agent.locator('img[onerror], svg[onload], a[href^="javascript:"], script:not([src])').count()).toBe(0);
    await screenshot(agent, 'console-hostile-text');
    await screenshot(shopper, 'widget-hostile-text');

    const pwned = await Promise.all([shopper, agent].map((page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)));
    expect(pwned).toEqual([null, null]);
    expect(dialogs).toEqual([]);
    await agentContext.close();
    await shopContext.close();
  });
});
