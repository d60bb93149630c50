// A live chat seen from both sides: typing and read receipts, unread badge and title, two tabs of one
// shopper, keyboard-only use and a phone-sized viewport. Uses the demo storefront (same origin).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { startHilo, type HiloProcess } from './support/hilo-process.js';
import { startStorefront, type Storefront } from './support/storefront.js';

let hilo: HiloProcess;
let browser: Browser;
/** A small responsive shop page (the demo page is built for desktops) with its own bottom bar. */
let phoneShop: Storefront;

beforeAll(async () => {
  phoneShop = await startStorefront(
    (url) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phone shop</title><style>body{margin:0;font:16px system-ui}nav{position:fixed;left:0;right:0;bottom:0;height:56px;background:#222;color:#fff;display:flex;align-items:center;padding:0 16px}</style></head>
<body><h1>Phone shop</h1><nav>Checkout bar</nav><script async src="${url}/widget/loader.js" data-site="${hilo.siteKey}"></script></body></html>`,
    () => hilo.url,
  );
  hilo = await startHilo({ allowedOrigins: [phoneShop.origin] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
  await phoneShop?.close();
});


const launcherOf = (page: Page) => page.locator('hilo-chat button.l');
const logText = async (page: Page) => (await page.getByRole('log').first().textContent()) ?? '';

async function openChat(page: Page): Promise<void> {
  await launcherOf(page).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

/** Runs a step; on failure keeps a screenshot of every page given, to look at. */
async function step<T>(name: string, pages: Page[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await Promise.all(pages.map((page, i) => screenshot(page, `failed-${name}-${i}`).catch(() => undefined)));
    throw error;
  }
}

describe('live chat signals', () => {
  it('typing both ways, "Seen" both ways, unread badge and title; two tabs share one conversation', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopperContext: BrowserContext = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const agent = await agentContext.newPage();
    const tab1 = await shopperContext.newPage();
    const errors = trackPageErrors(tab1);
    await signInToConsole(agent, hilo.url, hilo.admin);

    await tab1.goto(`${hilo.url}/demo`);
    await openChat(tab1);
    const composer = tab1.getByRole('textbox', { name: 'Message' });
    await step('first-message', [tab1], async () => {
      await composer.fill('Hello, I ordered the merino throw', { timeout: 10_000 });
      await composer.press('Enter');
    });

    const row = agent.getByText('Hello, I ordered the merino throw').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await expect.poll(() => agent.getByRole('log').textContent()).toContain('merino throw');

    // The agent opened it: the shopper sees "Seen" under their message.
    await expect.poll(() => logText(tab1), { timeout: 10_000 }).toContain('Seen');

    // The shopper's draft reaches the console live, as text.
    await composer.pressSequentially('Where is <b>my</b> parcel', { delay: 15 });
    await expect.poll(async () => (await agent.locator('.chat-draft').textContent()) ?? '', { timeout: 10_000 }).toContain('Where is <b>my</b> parcel');
    expect(await agent.locator('.chat-draft b').count()).toBe(0);
    await screenshot(agent, 'console-shopper-typing');

    // The agent types: the widget shows it.
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.pressSequentially('It left our', { delay: 15 });
    await expect.poll(() => logText(tab1), { timeout: 10_000 }).toContain('is typing…');
    await screenshot(tab1, 'widget-agent-typing');

    // A second tab of the same shopper: same conversation, no duplicates.
    const tab2 = await shopperContext.newPage();
    await tab2.goto(`${hilo.url}/demo`);
    await openChat(tab2);
    await expect.poll(() => logText(tab2), { timeout: 10_000 }).toContain('merino throw');

    // Both tabs closed; the reply arrives: badge and title in both, one copy of the message each.
    await composer.fill('');
    await tab1.keyboard.press('Escape');
    await tab2.keyboard.press('Escape');
    await reply.fill('It left our warehouse today — tracking: https://track.example/HL123');
    await reply.press('Enter');
    for (const tab of [tab1, tab2]) {
      await expect.poll(() => tab.title(), { timeout: 10_000 }).toMatch(/^\(1\) New message · /);
      await expect.poll(() => launcherOf(tab).locator('.n').textContent()).toBe('1');
    }
    await screenshot(tab1, 'widget-unread-badge');

    // Reading in one tab clears both, and the console shows the reply as seen.
    await openChat(tab2);
    await expect.poll(() => logText(tab2)).toContain('warehouse today');
    expect((await logText(tab2)).split('warehouse today').length - 1).toBe(1);
    const link = tab2.getByRole('link', { name: 'https://track.example/HL123' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    await expect.poll(() => tab1.title(), { timeout: 10_000 }).not.toMatch(/New message/);
    await expect.poll(() => launcherOf(tab1).locator('.n').count()).toBe(0);
    await agent.getByText('Seen by the customer').waitFor({ timeout: 10_000 });
    await screenshot(agent, 'console-seen-by-customer');
    await screenshot(tab2, 'widget-reply-with-link');

    // Attachments: an image goes through (typed by its bytes), an HTML file named .png does not.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b4a4cf0000000049454e44ae426082', 'hex');
    const fileInput = tab2.locator('hilo-chat input[type=file]');
    await fileInput.setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => logText(tab2), { timeout: 10_000 }).toContain('📎 receipt.png');
    await expect.poll(async () => (await agent.getByRole('log').textContent()) ?? '', { timeout: 10_000 }).toContain('📎 receipt.png');
    const fileUrl = (await tab2.getByRole('link', { name: /\/widget\/files\// }).getAttribute('href')) ?? '';
    const served = await agent.request.get(fileUrl);
    expect(served.headers()['content-type']).toBe('image/png');
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    expect(served.headers()['content-security-policy']).toContain('sandbox');
    await fileInput.setInputFiles({ name: 'cute-cat.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await tab2.getByText(/Couldn't send the file\. Only images/).waitFor({ timeout: 10_000 });
    expect(await logText(tab2)).not.toContain('cute-cat.png');
    await screenshot(tab2, 'widget-attachment');

    // After the chat: the agent resolves; the shopper rates it; the agent sees the rating.
    await agent.getByRole('button', { name: 'Resolve' }).click();
    await tab2.getByText('How was this conversation?').waitFor({ timeout: 10_000 });
    await tab2.getByRole('button', { name: '👍 Good' }).click();
    await tab2.getByLabel('Anything to add? (optional)').fill('Fast and friendly');
    await tab2.getByRole('button', { name: 'Send rating' }).click();
    await tab2.getByText('Thanks for your feedback!').waitFor();
    await screenshot(tab2, 'widget-rated');
    await expect.poll(async () => (await agent.locator('.chat-csat').textContent()) ?? '', { timeout: 10_000 }).toContain('Fast and friendly');
    expect(errors).toEqual([]);

    await agentContext.close();
    await shopperContext.close();
  });

  it('works with the keyboard only, then full screen on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.bringToFront();
    await page.goto(`${hilo.url}/demo`);
    await launcherOf(page).waitFor();
    // Tab from the page into the launcher (it is the last focusable element).
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.tagName === 'HILO-CHAT');
      if (focused) break;
    }
    await page.keyboard.press('Enter');
    const focusedInWidget = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') ?? null);
    await expect.poll(focusedInWidget).toBe('Message');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await expect.poll(() => logText(page)).toContain('Typed without a mouse');
    await screenshot(page, 'widget-keyboard');
    await page.keyboard.press('Escape');
    await expect.poll(() => launcherOf(page).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(focusedInWidget).toBe('Open chat');
    await context.close();

    const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const mobile = await phone.newPage();
    await mobile.goto(phoneShop.url);
    // The site's bottom offset setting would lift the launcher above the page's own bar; default 20 px.
    await launcherOf(mobile).tap();
    const panel = mobile.getByRole('dialog');
    await expect.poll(async () => (await panel.boundingBox())?.width ?? 0).toBe(375);
    expect((await panel.boundingBox())?.height).toBe(667);
    await screenshot(mobile, 'widget-mobile');
    await phone.close();
  });
});
