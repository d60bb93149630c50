// The knowledge base from both sides, in Chromium: an admin writes an article in the console; a
// shopper on a storefront (another origin) sees it suggested while typing a question, reads it in the
// widget and says it helped, and the console counts it. Then the answer bot: switched on, it answers
// the shopper's question with the article, and "Yes, that solved it" resolves the conversation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { signInToConsole } from './support/console.js';
import { startHilo, type HiloProcess } from './support/hilo-process.js';
import { startStorefront, type Storefront } from './support/storefront.js';

let hilo: HiloProcess;
let shop: Storefront;
let browser: Browser;

const TITLE = 'Gift wrapping for presents';
const QUESTION = 'Do you offer gift wrapping?';
const BODY = [
  'We offer **gift wrapping** on every order, free of charge.',
  '',
  '## How to ask for it',
  '',
  '1. Add the items to your cart.',
  '2. Tick *Gift wrap* at checkout.',
  '3. Write a message for the card (optional).',
  '',
  'Use the code `WRAPME` for a ribbon, and see [our gift guide](https://shop.example/gifts).',
  '',
  '<script>alert("raw HTML stays text")</script>',
].join('\n');

beforeAll(async () => {
  shop = await startStorefront(
    (url) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lola's shop</title>
<style>body{margin:0;font:16px Georgia,serif;background:#faf7f2;color:#2b2b2b}header{padding:24px 32px;background:#2f3e46;color:#fff}main{padding:32px}</style></head>
<body><header><h1>Lola's shop</h1></header><main><p>Handmade boots and bags.</p></main>
<script async src="${url}/widget/loader.js" data-site="${hilo.siteKey}"></script></body></html>`,
    () => hilo.url,
  );
  hilo = await startHilo({ allowedOrigins: [shop.origin], answerBot: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
  await shop?.close();
});

/** What a page's console said and which requests failed, printed when a step fails. */
const traces = new WeakMap<Page, string[]>();
function trace(page: Page): void {
  const lines: string[] = [];
  traces.set(page, lines);
  page.on('requestfailed', (request) => lines.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('console', (message) => lines.push(`console ${message.type()}: ${message.text()}`));
}

/** Runs a step; on failure keeps a screenshot of every page given, to look at, and prints its trace. */
async function step<T>(name: string, pages: Page[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await Promise.all(pages.map((page, i) => screenshot(page, `failed-kb-${name}-${i}`).catch(() => undefined)));
    for (const page of pages) console.error(`[${name}] ${page.url()}\n${(traces.get(page) ?? []).join('\n')}`);
    throw error;
  }
}

async function openChat(page: Page): Promise<void> {
  await page.goto(shop.url);
  await page.locator('hilo-chat button.l').click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 15_000 });
}

const articleRow = (admin: Page) => admin.getByRole('region', { name: 'Articles' }).getByRole('button', { name: new RegExp(TITLE) });

describe('knowledge base', () => {
  it('an admin writes an article; a shopper finds it while typing, reads it in the widget and says it helped', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const admin = await adminContext.newPage();
    const adminErrors = trackPageErrors(admin);
    await signInToConsole(admin, hilo.url, hilo.admin);
    await admin.getByRole('button', { name: 'Knowledge' }).click();
    // The demo site starts with the answer bot on: off here, so only the suggestions answer.
    const bot = admin.getByLabel('Answer bot');
    await expect.poll(() => bot.isEnabled(), { timeout: 10_000 }).toBe(true);
    await bot.uncheck();
    await admin.getByText('Off: new chats wait for a person').waitFor();

    await step('write', [admin], async () => {
      await admin.getByRole('button', { name: 'New article' }).click();
      const form = admin.getByRole('form', { name: 'New article' });
      await form.getByLabel('Title').fill(TITLE);
      await form.getByLabel('Tags (comma separated)').fill('gifts, orders');
      await form.getByLabel('Body (Markdown)').fill(BODY);
      // The live preview is the server's rendering: Markdown becomes HTML, raw HTML stays text.
      const preview = form.getByRole('region', { name: 'Preview' });
      await preview.locator('ol li').nth(2).waitFor({ timeout: 10_000 });
      expect(await preview.locator('script').count()).toBe(0);
      expect(await preview.textContent()).toContain('<script>alert("raw HTML stays text")</script>');
      await form.getByRole('button', { name: 'Create article' }).click();
      await admin.getByText('Saved.', { exact: true }).waitFor({ timeout: 10_000 });
      await articleRow(admin).waitFor();
    });
    await screenshot(admin, 'console-knowledge-editor');

    const shopperContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await shopperContext.newPage();
    const errors = trackPageErrors(shopper);
    trace(shopper);
    await openChat(shopper);
    const composer = shopper.getByRole('textbox', { name: 'Message' });
    const suggestions = shopper.getByRole('region', { name: 'These articles might help' });

    await step('suggest', [shopper], async () => {
      await composer.pressSequentially(QUESTION, { delay: 40 });
      await suggestions.getByRole('button', { name: new RegExp(TITLE) }).waitFor({ timeout: 10_000 });
    });
    expect(await suggestions.getByRole('listitem').count()).toBeLessThanOrEqual(3);
    await screenshot(shopper, 'widget-kb-suggestions');

    await step('read', [shopper], async () => {
      await suggestions.getByRole('button', { name: new RegExp(TITLE) }).click();
      await shopper.getByRole('heading', { name: TITLE }).waitFor({ timeout: 10_000 });
    });
    const reader = shopper.locator('hilo-chat .kbv');
    expect(await reader.locator('ol li').count()).toBe(3);
    expect(await reader.locator('code').textContent()).toBe('WRAPME');
    expect(await reader.locator('script').count()).toBe(0);
    const guide = reader.getByRole('link', { name: 'our gift guide' });
    expect(await guide.getAttribute('target')).toBe('_blank');
    expect(await guide.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    await screenshot(shopper, 'widget-kb-article');

    await step('feedback', [shopper], async () => {
      await reader.getByRole('button', { name: 'Yes', exact: true }).click();
      await reader.getByText('Thanks for your feedback!').waitFor({ timeout: 10_000 });
    });
    await screenshot(shopper, 'widget-kb-feedback');

    // Back in the chat the question is still in the composer; sending it works as always and the
    // suggestions go away.
    await reader.getByRole('button', { name: 'Back to chat' }).click();
    expect(await composer.inputValue()).toBe(QUESTION);
    await composer.press('Enter');
    await expect.poll(async () => (await shopper.getByRole('log').textContent()) ?? '', { timeout: 10_000 }).toContain(QUESTION);
    expect(await suggestions.count()).toBe(0);
    // With the bot off, nobody but a person answers.
    await shopper.waitForTimeout(1000);
    expect(await shopper.locator('hilo-chat .kbo').count()).toBe(0);
    expect(errors).toEqual([]);

    // The console shows what the shopper did: one view, one "helpful".
    await step('counts', [admin], async () => {
      await admin.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(async () => (await articleRow(admin).textContent()) ?? '', { timeout: 10_000 }).toContain('1 helpful');
    });
    const row = (await articleRow(admin).textContent()) ?? '';
    expect(row).toContain('0 not helpful');
    expect(row).toContain('1 view');
    await articleRow(admin).click();
    await screenshot(admin, 'console-knowledge-counts');
    expect(adminErrors).toEqual([]);
    await shopperContext.close();
    await adminContext.close();
  });

  it('with the answer bot on, the shopper gets the article as the first answer and "solved" resolves the chat', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const admin = await adminContext.newPage();
    await signInToConsole(admin, hilo.url, hilo.admin);
    await admin.getByRole('button', { name: 'Knowledge' }).click();
    await step('bot-on', [admin], async () => {
      const toggle = admin.getByLabel('Answer bot');
      await expect.poll(() => toggle.isEnabled(), { timeout: 10_000 }).toBe(true);
      await toggle.check();
      await admin.getByText('Replies to new chats with the best matching article').waitFor({ timeout: 10_000 });
    });

    const shopperContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await shopperContext.newPage();
    const errors = trackPageErrors(shopper);
    trace(shopper);
    await openChat(shopper);
    const composer = shopper.getByRole('textbox', { name: 'Message' });
    await composer.fill(QUESTION);
    await composer.press('Enter');

    const offer = shopper.locator('hilo-chat .kbo');
    await step('bot-answer', [shopper], async () => {
      await offer.getByRole('button', { name: 'Yes, that solved it' }).waitFor({ timeout: 15_000 });
    });
    expect(await shopper.getByRole('log').textContent()).toContain(`This article may help: ${TITLE}`);
    expect(await offer.textContent()).toContain('Read the article');
    await screenshot(shopper, 'widget-bot-answer');

    // The card opens the article in the panel; back, then "solved".
    await offer.getByRole('button', { name: new RegExp(TITLE) }).click();
    await shopper.getByRole('heading', { name: TITLE }).waitFor({ timeout: 10_000 });
    await shopper.getByRole('button', { name: 'Back to chat' }).click();
    await step('solved', [shopper], async () => {
      await offer.getByRole('button', { name: 'Yes, that solved it' }).click();
      // The rating card comes only with `conversation:resolved`.
      await shopper.getByText('How was this conversation?').waitFor({ timeout: 10_000 });
    });
    expect(await offer.getByRole('button', { name: 'Talk to a person' }).count()).toBe(0);
    await screenshot(shopper, 'widget-bot-solved');
    expect(errors).toEqual([]);

    // The console lists it under Resolved, the bot's answer as its last message.
    await step('resolved', [admin], async () => {
      await admin.getByRole('button', { name: /Inbox/ }).click();
      await admin.getByRole('tab', { name: 'Resolved' }).click();
      await admin.getByText(`This article may help: ${TITLE}`).first().waitFor({ timeout: 10_000 });
    });
    await shopperContext.close();
    await adminContext.close();
  });
});
