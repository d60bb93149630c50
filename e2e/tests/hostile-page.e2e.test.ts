// The widget on a shop page that fights it: global CSS with !important everywhere, a transformed body
// (which traps position:fixed), old libraries' changes to built-ins (Prototype.js' Array#toJSON, an
// enumerable Object.prototype property, another socket.io client, an AMD loader), and Trusted Types
// enforced (no innerHTML).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { startHilo, type HiloProcess } from './support/hilo-process.js';
import { startStorefront, type Storefront } from './support/storefront.js';

let hilo: HiloProcess;
let browser: Browser;
let shop: Storefront;

const HOSTILE_PAGE = (hiloUrl: string, siteKey: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile shop</title>
<meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'">
<style>
  * { font-size: 31px !important; line-height: 3 !important; letter-spacing: 4px !important; text-transform: uppercase !important;
      color: lime !important; font-family: "Comic Sans MS", cursive !important; box-sizing: content-box !important;
      display: block !important; position: static !important; opacity: .9 !important; }
  html, body { margin: 0; }
  body { transform: translateZ(0); height: 4000px; background: #222; }
  head, script, style { display: none !important; }
</style>
<script>
  Array.prototype.toJSON = function () { return 'prototype.js was here'; };
  Object.prototype.polluted = 'yes';
  window.io = function () { throw new Error('the shop\\'s own socket.io'); };
  window.define = function () { throw new Error('anonymous define'); };
  window.define.amd = {};
</script></head>
<body><h1>Hostile shop</h1><p>Everything here is loud.</p>
<script async src="${hiloUrl}/widget/loader.js" data-site="${siteKey}"></script></body></html>`;

beforeAll(async () => {
  shop = await startStorefront((url) => HOSTILE_PAGE(url, hilo.siteKey), () => hilo.url);
  hilo = await startHilo({ allowedOrigins: [shop.origin] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
  await shop?.close();
});

describe('a hostile host page', () => {
  it('keeps the widget in view, readable and chatting both ways', async () => {
    const shopContext = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const shopper = await shopContext.newPage();
    const pageErrors = trackPageErrors(shopper);
    await shopper.goto(shop.url);
    const launcher = shopper.locator('hilo-chat button.l');
    await launcher.waitFor();
    // Drawn without innerHTML, which Trusted Types refuse here.
    expect(await shopper.locator('hilo-chat button.l svg path').count()).toBe(1);
    // The launcher sits in the corner of the viewport, not at the bottom of the transformed 4 000 px body.
    const box = await launcher.boundingBox();
    expect(box).not.toBeNull();
    expect(box && box.y + box.height).toBeLessThanOrEqual(760);
    expect(box && box.y + box.height).toBeGreaterThan(760 - 120);

    await launcher.click();
    const composer = shopper.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello from a loud page');
    await composer.press('Enter');
    await expect.poll(() => shopper.getByRole('log').textContent(), { timeout: 10_000 }).toContain('Hello from a loud page');
    // The page's font rules stop at the widget's edge.
    const fontSize = await shopper.getByRole('log').evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).not.toBe('31px');

    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, hilo.url, hilo.admin);
    await agent.getByText('Hello from a loud page').first().click();
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('We hear you, loud and clear');
    await reply.press('Enter');
    await expect.poll(() => shopper.getByRole('log').textContent(), { timeout: 10_000 }).toContain('We hear you, loud and clear');
    await screenshot(shopper, 'widget-hostile-page');

    // A help article (the demo's) opens with its lists, emphasis and link, built without any HTML parser.
    await composer.pressSequentially('How do I return my order?', { delay: 30 });
    const suggestions = shopper.getByRole('region', { name: 'These articles might help' });
    await suggestions.getByRole('button', { name: /Returns and refunds/ }).click();
    const reader = shopper.locator('hilo-chat .kbv');
    await reader.getByRole('heading', { name: 'How to start a return' }).waitFor({ timeout: 10_000 });
    expect(await reader.locator('ol li').count()).toBe(3);
    expect(await reader.locator('strong').first().textContent()).toBe('30 days');
    expect(await reader.getByRole('link', { name: 'support@casahilo.example' }).getAttribute('href')).toBe('mailto:support@casahilo.example');
    await screenshot(shopper, 'widget-hostile-page-article');
    expect(pageErrors).toEqual([]);
    await agentContext.close();
    await shopContext.close();
  });
});
