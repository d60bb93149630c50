// Putting the widget on a new shop from the console alone: the snippet, the origin allow-list and the
// identity secret (Settings → Install), with the shop on its own origin as a real one would be.
import type { Browser, Page } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { startHilo, type HiloProcess } from './support/hilo-process.js';
import { startStorefront, type Storefront } from './support/storefront.js';

let hilo: HiloProcess;
let browser: Browser;
let shop: Storefront;
/** What the admin copied from the console, pasted into the shop's pages. */
let snippet = '';

beforeAll(async () => {
  shop = await startStorefront(
    () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New shop</title></head><body><h1>New shop</h1>${snippet}</body></html>`,
    () => hilo.url,
  );
  hilo = await startHilo();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
  await shop?.close();
});

async function openChat(page: Page): Promise<void> {
  await page.goto(shop.url);
  await page.locator('hilo-chat button.l').click();
}

describe('install from the console', () => {
  it('gives the snippet, lets the admin allow the shop\u2019s origin, and the secret verifies a customer', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    await signInToConsole(admin, hilo.url, hilo.admin);
    await admin.getByRole('button', { name: 'Settings' }).click();
    const section = admin.getByRole('region', { name: 'Install' });
    snippet = await section.getByLabel('Embed snippet', { exact: true }).inputValue();
    expect(snippet).toContain(`data-site="${hilo.siteKey}"`);

    // Not allowed yet: the widget says so instead of chatting.
    const shopContext = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const shopper = await shopContext.newPage();
    const hostErrors = trackPageErrors(shopper);
    await openChat(shopper);
    await expect.poll(async () => (await shopper.locator('hilo-chat [role=status]').first().textContent()) ?? '', { timeout: 10_000 }).toContain('Chat is not available right now');

    const origins = section.getByRole('textbox', { name: 'Allowed origins' });
    await origins.fill(`${await origins.inputValue()}\n${shop.origin}/`);
    await section.getByRole('button', { name: 'Save origins' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await origins.inputValue()).toContain(shop.origin);
    await section.getByRole('button', { name: 'Show' }).click();
    const secret = await section.getByLabel('Identity secret', { exact: true }).inputValue();
    await screenshot(admin, 'console-settings-install');

    // Allowed: the shop's backend signs Ana in with the secret; she chats, and the agent sees her verified.
    await openChat(shopper);
    const userHash = createHmac('sha256', secret).update('ana@example.com').digest('hex');
    await shopper.evaluate((hash) => (window as unknown as { Hilo: { identify(input: object): void } }).Hilo.identify({ email: 'ana@example.com', name: 'Ana García', userHash: hash }), userHash);
    const composer = shopper.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hi from the new shop');
    await composer.press('Enter');
    await expect.poll(() => shopper.getByRole('log').textContent(), { timeout: 10_000 }).toContain('Hi from the new shop');

    await admin.getByRole('button', { name: 'Inbox' }).click();
    await admin.getByRole('button', { name: /Ana García/ }).filter({ hasText: 'Hi from the new shop' }).first().click();
    const panel = admin.getByRole('complementary', { name: 'Customer' });
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toMatch(/Verified/);
    await screenshot(shopper, 'widget-new-shop');
    expect(hostErrors).toEqual([]);
    await adminContext.close();
    await shopContext.close();
  });
});
