// The widget as a site owner configures it and a shopper meets it on a strict-CSP storefront:
// settings from the console, the loader's quiet start, Spanish, the pre-chat form, business hours
// and the JS API replay.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { startHilo, type HiloProcess } from './support/hilo-process.js';
import { startStorefront, type Storefront } from './support/storefront.js';

let hilo: HiloProcess;
let shop: Storefront;
let browser: Browser;
const NONCE = 'r4nd0mN0nce';

/**
 * A shop page with a strict CSP delivered in a meta tag: only nonce'd scripts and styles, network only
 * to Hilo. Queued API calls run before the loader; a long-task observer watches the main thread.
 */
function shopPage(hiloUrl: string, lang = 'es'): string {
  const hiloHost = new URL(hiloUrl).host;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${NONCE}' ${hiloUrl}`,
    `style-src 'nonce-${NONCE}'`,
    `connect-src ${hiloUrl} ws://${hiloHost}`,
    `img-src ${hiloUrl} https: data:`,
  ].join('; ');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Zapatos Lola</title>
<style nonce="${NONCE}">*{margin:0;padding:0;font-size:40px!important;color:red!important} button{background:lime!important} body{font-family:serif}</style>
<script nonce="${NONCE}">
  window.__events = []; window.__long = []; window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  try { new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push({ start: e.startTime, ms: Math.round(e.duration) }))).observe({ type: 'longtask', buffered: true }); } catch (e) {}
  window.Hilo = window.Hilo || { q: [] };
  window.Hilo.q.push(['on', 'ready', () => window.__events.push('ready')], ['on', 'open', () => window.__events.push('open')],
    ['setAttributes', { plan: 'gold' }]);
</script>
</head><body><h1>Zapatos Lola</h1><p>Botines de piel, hechos a mano.</p><button id="buy">Comprar</button>
<script async nonce="${NONCE}" src="${hiloUrl}/widget/loader.js" data-site="${SITE()}"></script>
</body></html>`;
}
let siteKey = '';
const SITE = () => siteKey;

beforeAll(async () => {
  shop = await startStorefront((url) => shopPage(url), () => hilo.url);
  hilo = await startHilo({ allowedOrigins: [shop.origin] });
  siteKey = hilo.siteKey;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
  await shop?.close();
});


describe('widget settings and first contact', () => {
  it('before first open, requests only its own files and config: no socket, no CSP violation, no long task', async () => {
    // Long tasks are wall-clock figures on a VM that loses up to a quarter of its CPU to neighbours: the
    // budget holds when one of five fresh page loads, a second apart, is clean. A widget that blocks the
    // page fails them all, as the app did when it built its hidden panel in the task that loaded it
    // (50-200 ms in every load); since it builds it on first open, most loads have no long task at all.
    const longTasks: number[][] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 1000));
      longTasks.push(await loadShopBeforeOpen());
      if ((longTasks.at(-1) ?? []).every((ms) => ms <= 50)) break;
    }
    expect(longTasks.some((run) => run.every((ms) => ms <= 50)), `long tasks over 50 ms after the loader in every page load: ${JSON.stringify(longTasks)}`).toBe(true);
  });

  /** One fresh page load of the shop, checked for requests, CSP and isolation; returns the long tasks after the loader. */
  async function loadShopBeforeOpen(): Promise<number[]> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(shop.url);
    // The app chunk loads on idle; then the page is quiet.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __events: string[] }).__events), { timeout: 15_000 }).toContain('ready');
    await page.waitForTimeout(1500);

    const toHilo = requests.filter((url) => url.startsWith(hilo.url)).map((url) => new URL(url).pathname);
    expect(toHilo.filter((path) => path.startsWith('/widget/config/'))).toEqual([`/widget/config/${siteKey}`]);
    for (const path of toHilo) expect(path).toMatch(/^\/widget\/(loader\.js|app\.js|[\w-]+\.js|config\/[\w-]+)$/);
    expect(toHilo.some((path) => path.includes('socket.io'))).toBe(false);
    // Long tasks from the moment the loader arrived: the page's own parsing and first layout are not ours.
    const probe = (await page.evaluate(() => {
      const loader = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.includes('/widget/loader.js'));
      const since = loader ? loader.responseEnd : 0;
      const w = window as unknown as { __long: Array<{ start: number; ms: number }>; __csp: string[] };
      return { long: w.__long.filter((t) => t.start + t.ms > since).map((t) => t.ms), csp: w.__csp };
    })) as { long: number[]; csp: string[] };
    expect(probe.csp).toEqual([]);
    expect(errors).toEqual([]);
    // Hostile page CSS (40px red text, lime buttons) stays outside the shadow root.
    const launcherBg = await page.locator('hilo-chat').evaluate((host) => getComputedStyle(host.shadowRoot?.querySelector('button') as Element).backgroundColor);
    expect(launcherBg).toBe('rgb(79, 70, 229)');
    await context.close();
    return probe.long;
  }

  it('an admin sets the look, greeting, pre-chat form and hours in the console; a Spanish shopper gets them', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, hilo.url, hilo.admin);
    await agent.getByRole('button', { name: 'Settings' }).click();
    const form = agent.getByRole('form', { name: 'Widget settings' });
    await form.waitFor();
    await form.getByLabel('Brand colour').fill('#0f766e');
    await form.getByLabel('Position').selectOption('left');
    await form.getByLabel('Bottom offset (px)').fill('96');
    await form.getByLabel(/^Greeting/).fill('¡Hola! Somos Lola y Pepe. ¿Te ayudamos con tu talla?');
    await form.getByLabel(/^Launcher text/).fill('¿Hablamos?');
    await form.getByLabel('Pre-chat form').selectOption('required');
    // Open only on a day that is not today, so the shopper meets "closed".
    await form.getByLabel('Only show the chat as open during these hours').check();
    await form.getByLabel(/^Time zone/).fill('Europe/Madrid');
    const today = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Madrid', weekday: 'long' }).format(new Date());
    const otherDay = ['Monday', 'Tuesday'].find((day) => day !== today) ?? 'Monday';
    await form.getByLabel(otherDay, { exact: true }).check();
    await form.getByRole('button', { name: 'Save widget settings' }).click();
    await form.getByText('Saved. Widgets update within a minute.').waitFor();
    await form.scrollIntoViewIfNeeded();
    await screenshot(agent, 'console-widget-settings');

    // A new shopper (no cached config) on the Spanish page.
    const shopperContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await shopperContext.newPage();
    const errors = trackPageErrors(shopper);
    await shopper.goto(shop.url);
    const launcher = shopper.locator('hilo-chat button.l');
    await expect.poll(() => launcher.textContent()).toContain('¿Hablamos?');
    // Spanish once the app is in (on idle).
    await expect.poll(() => launcher.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Abrir chat');
    const box = await launcher.boundingBox();
    // Left side, 20 px in; 96 px up from the bottom (room for the page's own bottom controls).
    expect(box?.x).toBe(20);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBe(800 - 96);
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 118, 110)');
    await screenshot(shopper, 'widget-settings-launcher');

    await launcher.click();
    await shopper.getByText('Antes de empezar, dinos quién eres.').waitFor();
    expect(await shopper.getByRole('log').textContent()).toContain('Somos Lola y Pepe');
    expect(await shopper.getByRole('dialog').textContent()).toContain('Ahora estamos cerrados');
    await shopper.getByLabel('Nombre').fill('Lucía');
    await shopper.getByRole('button', { name: 'Empezar chat' }).click();
    await shopper.getByText('Escribe tu nombre y un correo electrónico válido.').waitFor();
    await shopper.getByLabel('Correo electrónico').fill('lucia@example.com');
    await shopper.getByRole('button', { name: 'Empezar chat' }).click();
    const message = shopper.getByRole('textbox', { name: 'Mensaje' });
    await message.fill('¿Tenéis el botín en 38?');
    await message.press('Enter');
    // Closed: the email follow-up card comes at once.
    await shopper.getByText('Déjanos tu correo', { exact: false }).first().waitFor();
    await screenshot(shopper, 'widget-closed-hours-es');
    expect(await shopper.evaluate(() => (window as unknown as { __events: string[] }).__events)).toEqual(['ready', 'open']);
    expect(errors).toEqual([]);

    // The agent sees the name from the pre-chat form on the new conversation.
    await agent.getByRole('button', { name: /Inbox/ }).click().catch(() => undefined);
    await expect.poll(async () => (await agent.textContent('body')) ?? '', { timeout: 10_000 }).toContain('¿Tenéis el botín en 38?');
    await agentContext.close();
    await shopperContext.close();
  });
});
