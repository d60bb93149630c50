import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot } from './support/browser.js';
import { startHilo, type HiloProcess } from './support/hilo-process.js';
import { connectShopper } from './support/visitor-socket.js';

let hilo: HiloProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  hilo = await startHilo();
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await hilo?.stop();
});

async function newPage(width = 1280, height = 800, colorScheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  contexts.push(context);
  return { context, page: await context.newPage() };
}


/** The admin invites Cid through Settings; Cid accepts in his own browser context. */
async function inviteCid(admin: Page): Promise<{ context: BrowserContext; page: Page }> {
  await admin.getByRole('button', { name: 'Settings' }).click();
  const invite = admin.getByRole('form', { name: 'Invite an agent' });
  await invite.getByLabel('Email').fill('cid@hilo.test');
  await invite.getByLabel('Name').fill('Cid Moreno');
  await invite.getByRole('button', { name: 'Create invite link' }).click();
  const link = await admin.getByLabel('Invite link').inputValue();
  const cid = await newPage();
  await cid.page.goto(link);
  await cid.page.getByLabel('New password').fill('cid-strong-password');
  await cid.page.getByLabel('Repeat password').fill('cid-strong-password');
  await cid.page.getByRole('button', { name: 'Set password and sign in' }).click();
  await cid.page.getByRole('button', { name: 'Sign out' }).waitFor();
  return cid;
}

describe('console helpers with two agents', () => {
  it('canned responses, search, collision warnings and presence', async () => {
    const { page: admin } = await newPage();
    await signInToConsole(admin, hilo.url, hilo.admin);
    const cid = await inviteCid(admin);

    // Canned response managed in Settings, used with /shortcut, placeholders filled.
    const canned = admin.getByRole('form', { name: 'New canned response' });
    await canned.getByLabel('Shortcut').fill('/delivery');
    await canned.getByLabel('Text').fill('Hi {{name}}, parcels leave within 24 hours. {{agent}}');
    await canned.getByRole('button', { name: 'Add response' }).click();
    await admin.getByRole('button', { name: '/delivery', exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Inbox' }).click();

    const shopper = await connectShopper(hilo.url, hilo.siteKey);
    await shopper.send('When will my ceramic vase ship? Order 7731');

    // Both agents open the same conversation: each sees the other, then sees typing.
    for (const page of [admin, cid.page]) {
      const row = page.getByText('When will my ceramic vase ship?').first();
      await row.waitFor({ timeout: 10_000 });
      await row.click();
    }
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'conversation' }).textContent(), { timeout: 10_000 }).toBe('Cid Moreno is also viewing this conversation');
    const cidReply = cid.page.getByRole('textbox', { name: 'Reply' });
    await cidReply.pressSequentially('Let me look', { delay: 20 });
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'conversation' }).textContent(), { timeout: 10_000 }).toBe('Cid Moreno is typing in this conversation');
    await screenshot(admin, 'console-collision');
    await cidReply.fill('');

    const reply = admin.getByRole('textbox', { name: 'Reply' });
    await reply.fill('/deli');
    await admin.getByRole('option', { name: /\/delivery/ }).waitFor();
    await screenshot(admin, 'console-canned');
    await reply.press('Enter');
    expect(await reply.inputValue()).toBe('Hi there, parcels leave within 24 hours. Alex Admin');
    await reply.press('Enter');
    await expect.poll(() => shopper.seen.join('\n'), { timeout: 10_000 }).toContain('parcels leave within 24 hours. Alex Admin');

    // Search by message text finds the conversation (and its contact) from the other agent's console.
    await cid.page.getByLabel('Search conversations and contacts').fill('ceramic vase');
    const results = cid.page.getByRole('region', { name: 'Search results' });
    await expect.poll(() => results.textContent(), { timeout: 10_000 }).toContain('Conversations (1)');
    expect(await results.textContent()).toContain('parcels leave within 24 hours');
    await cid.page.getByLabel('Search conversations and contacts').fill('no such words here');
    await expect.poll(() => results.textContent(), { timeout: 10_000 }).toContain('Nothing found');
    await cid.page.getByLabel('Search conversations and contacts').fill('ceramic');
    await expect.poll(() => results.textContent(), { timeout: 10_000 }).toContain('Conversations (1)');
    await screenshot(cid.page, 'console-search');

    // Presence: Cid goes away, then closes his only tab: the admin sees away, then offline.
    await cid.page.getByLabel('My status').selectOption('away');
    await admin.getByRole('button', { name: 'Settings' }).click();
    // Scoped: the Widget section lists agent profiles in a table of its own.
    const cidRow = admin.getByRole('region', { name: 'Agents' }).getByRole('row', { name: /Cid Moreno/ });
    await expect.poll(() => cidRow.textContent(), { timeout: 10_000 }).toContain('away');
    await cid.context.close();
    await expect.poll(() => cidRow.textContent(), { timeout: 10_000 }).toContain('offline');
    await screenshot(admin, 'console-presence');
    shopper.close();
  });

  it('keeps the columns usable at tablet width, follows dark mode, and shows the shortcut overlay', async () => {
    const { page } = await newPage(1024, 768, 'dark');
    await signInToConsole(page, hilo.url, hilo.admin);
    await page.getByText('parcels leave within 24 hours').first().click();
    await page.getByRole('log').getByText('parcels leave within 24 hours').waitFor();
    await screenshot(page, 'console-tablet-dark');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(17, 19, 22)');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(page, 'console-shortcuts-tablet');
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search conversations and contacts');
  });
});
