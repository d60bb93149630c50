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


describe('storefront widget ↔ server ↔ agent console', () => {
  it('lets a shopper chat with an agent live, and keeps the history across a reload', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopperContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    const shopper = await shopperContext.newPage();
    const hostErrors = trackPageErrors(shopper);

    await signInToConsole(agent, hilo.url, hilo.admin);

    await shopper.goto(`${hilo.url}/demo`);
    await shopper.getByRole('button', { name: 'Open chat' }).click();
    const message = shopper.getByRole('textbox', { name: 'Message' });
    await message.fill('Hi! Is the linen shirt available in size M? <b>not bold</b>');
    await message.press('Enter');
    const shopperLog = shopper.getByRole('log');
    await expect.poll(() => shopperLog.textContent()).toContain('Is the linen shirt available in size M?');

    // The agent sees the new conversation appear live, opens it and answers.
    const row = agent.getByText('Is the linen shirt available in size M?').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const agentLog = agent.getByRole('log');
    await expect.poll(() => agentLog.textContent()).toContain('<b>not bold</b>');
    expect(await agentLog.locator('b').count()).toBe(0);
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Yes, we have two left in M. Want me to hold one?');
    await reply.press('Enter');

    await expect.poll(() => shopperLog.textContent(), { timeout: 10_000 }).toContain('we have two left in M');
    expect(await shopperLog.locator('b').count()).toBe(0);
    await screenshot(shopper, 'widget-conversation');
    await screenshot(agent, 'console-conversation');

    // Reload: the conversation is still there, in order, with no duplicates.
    await shopper.reload();
    const reopened = shopper.getByRole('button', { name: 'Open chat' });
    if (await reopened.isVisible()) await reopened.click();
    const logAfter = shopper.getByRole('log');
    await expect.poll(() => logAfter.textContent(), { timeout: 10_000 }).toContain('we have two left in M');
    const text = (await logAfter.textContent()) ?? '';
    expect(text.indexOf('linen shirt')).toBeLessThan(text.indexOf('two left in M'));
    expect(text.split('Is the linen shirt available').length - 1).toBe(1);
    await screenshot(shopper, 'widget-after-reload');
    expect(hostErrors).toEqual([]);

    await agentContext.close();
    await shopperContext.close();
  });
});
