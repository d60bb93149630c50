import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { freePort, startHilo, type HiloProcess } from './support/hilo-process.js';
import { startStorefront, type Storefront } from './support/storefront.js';

let hilo: HiloProcess;
let shop: Storefront;
let browser: Browser;
let siteKey = '';

beforeAll(async () => {
  // The shop lives on its own origin, so it stays up while Hilo is stopped.
  const hiloPort = await freePort();
  shop = await startStorefront(
    (hiloUrl) => `<!doctype html><html lang="en"><head><title>Tiny shop</title></head><body><h1>Tiny shop</h1>
<script async src="${hiloUrl}/widget/loader.js" data-site="${siteKey}"></script></body></html>`,
    () => `http://127.0.0.1:${hiloPort}`,
  );
  hilo = await startHilo({ port: hiloPort, allowedOrigins: [shop.origin] });
  siteKey = hilo.siteKey;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
  await shop?.close();
});

describe('widget outbox', () => {
  it('keeps a message typed while the server is down and delivers it once the server is back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await context.newPage();
    const hostErrors = trackPageErrors(shopper);
    await shopper.goto(shop.url);
    await shopper.getByRole('button', { name: 'Open chat' }).click();
    const box = shopper.getByRole('textbox', { name: 'Message' });
    await box.fill('first, while online');
    await box.press('Enter');
    const log = shopper.getByRole('log');
    await expect.poll(() => log.textContent()).toContain('first, while online');

    // The server (and its Redis, with AOF) goes down; the shopper keeps typing.
    await hilo.stop({ keepData: true });
    await box.fill('second, typed while the server was down');
    await box.press('Enter');
    await expect.poll(() => log.textContent()).toContain('second, typed while the server was down');
    await screenshot(shopper, 'widget-offline-outbox');

    // Navigate while Hilo is down (the widget files come from the HTTP cache): the unsent message
    // must survive in localStorage.
    await shopper.goto(shop.url);
    const launcher = shopper.getByRole('button', { name: 'Open chat' });
    if (await launcher.isVisible()) await launcher.click();
    await expect.poll(() => shopper.getByRole('log').textContent()).toContain('second, typed while the server was down');

    hilo = await startHilo({ port: hilo.port, dataDir: hilo.dataDir, allowedOrigins: [shop.origin] });

    // An agent signs in and finds both messages, exactly once each.
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, hilo.url, hilo.admin);
    const row = agent.getByText('second, typed while the server was down').first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const agentLog = agent.getByRole('log');
    await expect.poll(() => agentLog.textContent(), { timeout: 10_000 }).toContain('second, typed while the server was down');
    const text = (await agentLog.textContent()) ?? '';
    expect(text.split('first, while online').length - 1).toBe(1);
    expect(text.split('second, typed while the server was down').length - 1).toBe(1);
    expect(text.indexOf('first, while online')).toBeLessThan(text.indexOf('second, typed'));
    expect(hostErrors).toEqual([]);
    await agentContext.close();
    await context.close();
  });
});
