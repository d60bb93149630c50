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
  for (const context of contexts) await context.close();
  await browser?.close();
  await hilo?.stop();
});

async function page(width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  return context.newPage();
}


describe('two agents working the console', () => {
  it('invites an agent, routes to them, keeps notes from the shopper, transfers with a note and resolves', async () => {
    const admin = await page();
    await signInToConsole(admin, hilo.url, hilo.admin);

    // Invite Bea from Settings; she opens the one-time link in her own browser and sets a password.
    await admin.getByRole('button', { name: 'Settings' }).click();
    const invite = admin.getByRole('form', { name: 'Invite an agent' });
    await invite.getByLabel('Email').fill('bea@hilo.test');
    await invite.getByLabel('Name').fill('Bea Lopez');
    await invite.getByRole('button', { name: 'Create invite link' }).click();
    const link = await admin.getByLabel('Invite link').inputValue();
    expect(link).toContain('/console/?invite=');

    const bea = await page();
    await bea.goto(link);
    await bea.getByLabel('New password').fill('bea-strong-password');
    await bea.getByLabel('Repeat password').fill('bea-strong-password');
    await screenshot(bea, 'console-accept-invite');
    await bea.getByRole('button', { name: 'Set password and sign in' }).click();
    await bea.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(bea.url()).not.toContain('invite=');

    // Presence: the admin sees Bea online; then steps away so routing gives the next chat to Bea.
    const beaRow = admin.getByRole('region', { name: 'Agents' }).getByRole('row', { name: /Bea Lopez/ });
    await expect.poll(() => beaRow.textContent(), { timeout: 10_000 }).toContain('online');
    await admin.getByLabel('My status').selectOption('away');
    await screenshot(admin, 'console-settings');
    await admin.getByRole('button', { name: 'Inbox' }).click();

    const shopper = await connectShopper(hilo.url, hilo.siteKey);
    await shopper.send('Hi, my order #2041 has not arrived');

    // Assignment: it lands in Bea's "Mine" view, owned by her.
    await bea.getByRole('tab', { name: 'Mine' }).click();
    const row = bea.getByText('Hi, my order #2041 has not arrived').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await expect.poll(() => bea.getByLabel('Assignee').inputValue(), { timeout: 10_000 }).not.toBe('');
    expect(await bea.getByLabel('Assignee').locator('option:checked').textContent()).toContain('Bea Lopez');

    // Internal note: visible to agents, marked as a note, never in the shopper's widget.
    await bea.getByRole('button', { name: 'Internal note' }).click();
    const note = bea.getByRole('textbox', { name: 'Conversation note' });
    await note.fill('Check the warehouse before answering');
    await note.press('Enter');
    const beaLog = bea.getByRole('log');
    await expect.poll(() => beaLog.locator('.internal-note').textContent()).toContain('Check the warehouse');
    await bea.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = bea.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Sorry about that! Let me check.');
    await reply.press('Enter');
    await expect.poll(() => shopper.seen.join('\n'), { timeout: 10_000 }).toContain('Sorry about that! Let me check.');
    await screenshot(bea, 'console-internal-note');

    // Transfer to the admin with a note; the admin finds it in Mine with the note in the log.
    await bea.getByRole('button', { name: 'Transfer' }).click();
    const transfer = bea.getByRole('form', { name: 'Transfer conversation' });
    const target = transfer.getByLabel('Transfer to');
    const adminOption = await target.locator('option', { hasText: 'Alex Admin' }).getAttribute('value');
    await target.selectOption(adminOption ?? '');
    await transfer.getByLabel('Note for them').fill('VIP customer, please call back');
    await screenshot(bea, 'console-transfer');
    await transfer.getByRole('button', { name: 'Transfer' }).click();

    await admin.getByRole('tab', { name: 'Mine' }).click();
    const adminRow = admin.getByText('Sorry about that! Let me check.').first();
    await adminRow.waitFor({ timeout: 10_000 });
    await adminRow.click();
    const adminLog = admin.getByRole('log');
    await expect.poll(() => adminLog.textContent(), { timeout: 10_000 }).toContain('Transferred to Alex Admin: VIP customer, please call back');
    await expect.poll(() => adminLog.textContent()).toContain('Check the warehouse before answering');
    await screenshot(admin, 'console-transferred');

    // Resolve: it leaves Mine and shows under Resolved.
    await admin.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => admin.getByRole('navigation', { name: 'Inbox' }).textContent()).not.toContain('Sorry about that');
    await admin.getByRole('tab', { name: 'Resolved' }).click();
    await admin.getByText('Sorry about that! Let me check.').first().waitFor({ timeout: 10_000 });
    await screenshot(admin, 'console-resolved');

    // Nothing internal ever reached the shopper.
    const shopperText = shopper.seen.join('\n');
    shopper.close();
    expect(shopperText).not.toContain('warehouse');
    expect(shopperText).not.toContain('VIP');
    expect(shopperText).not.toContain('Transferred');
  });
});
