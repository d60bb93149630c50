import type { WidgetConfig } from '@hilo/shared';
import type { AppModule, HiloApi, MountOptions, QueuedCall, WidgetController } from '../contract';

export type ImportApp = (url: string) => Promise<AppModule>;
export type FetchConfig = (url: string) => Promise<WidgetConfig | null>;

const DEFAULT_Z = 2147483000;
// The launcher's chat-bubble icon, drawn with DOM calls: a page enforcing Trusted Types refuses innerHTML.
const ICON_PATH = 'M2 6a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H7l-5 4z';

const importFromUrl: ImportApp = (url) => import(/* @vite-ignore */ url) as Promise<AppModule>;
// The one request before the shopper opens the chat: public, cached for a minute by the browser.
const fetchJson: FetchConfig = (url) => fetch(url).then((r) => (r.ok ? (r.json() as Promise<WidgetConfig>) : null));

export function warn(error: unknown): void {
  console.warn('[hilo]', error);
}

/**
 * Draws the launcher, installs `window.Hilo` and loads the app on idle or first click.
 * Never throws into the host page.
 */
export function boot(script: HTMLScriptElement | null, importApp: ImportApp = importFromUrl, fetchConfig: FetchConfig = fetchJson): void {
  const site = script && script.dataset.site;
  if (!site) return warn('data-site missing');
  const doc = document;
  // Pasted twice: keep the first widget.
  if (doc.querySelector('hilo-chat')) return;

  const src = new URL(script.src, location.href);
  const baseUrl = new URL('.', src).href;
  const zIndex = Number(script.dataset.zIndex) || DEFAULT_Z;
  const nonce = script.nonce || script.getAttribute('nonce') || undefined;

  const host = doc.createElement('hilo-chat');
  // CSSOM, not a style attribute, so a strict CSP allows it. Stops host-page CSS leaking in, even the
  // page's own !important rules (an inline !important outranks them).
  host.style.cssText = 'all:initial!important';
  const shadowRoot = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent =
    `.l{position:fixed;right:20px;bottom:20px;z-index:${zIndex};width:56px;height:56px;padding:0;border:0;border-radius:50%;` +
    'background:#4f46e5;color:#fff;display:grid;place-items:center;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.l svg{width:28px;height:28px;fill:currentColor}.l:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}.p{width:auto;gap:8px;padding:0 20px 0 16px;border-radius:28px;display:flex;align-items:center;font:600 15px system-ui,sans-serif}';
  const launcher = doc.createElement('button');
  // Not a default (submit) button: under load, keyboard focus did not come back to it on Escape.
  launcher.type = 'button';
  launcher.className = 'l';
  launcher.setAttribute('aria-label', 'Open chat');
  launcher.setAttribute('aria-expanded', 'false');
  const svgNs = 'http://www.w3.org/2000/svg';
  const icon = doc.createElementNS(svgNs, 'svg');
  const path = doc.createElementNS(svgNs, 'path');
  icon.setAttribute('viewBox', '0 0 24 24');
  path.setAttribute('d', ICON_PATH);
  icon.append(path);
  launcher.append(icon);
  shadowRoot.append(style, launcher);

  const config = fetchConfig(`${src.origin}/widget/config/${encodeURIComponent(site)}`).catch(() => null);
  // Site look, applied through CSSOM (allowed under a strict CSP); the values were validated by the server.
  void config.then((c) => {
    if (!c) return;
    const s = launcher.style;
    s.background = c.color;
    s.color = c.ink;
    s.bottom = c.offsetY + 'px';
    s.right = 'auto';
    s[c.position] = c.offsetX + 'px';
    if (c.zIndex !== null && !script.dataset.zIndex) s.zIndex = String(c.zIndex);
    if (c.launcherText) {
      const label = doc.createElement('span');
      label.textContent = c.launcherText;
      launcher.className = 'l p';
      launcher.append(label);
    }
  });

  let controller: WidgetController | undefined;
  let loading: Promise<void> | undefined;
  const pending: QueuedCall[] = [];

  const load = (): Promise<void> =>
    (loading ||= importApp(baseUrl + 'app.js')
      .then((app) => {
        const options: MountOptions = { shadowRoot, siteKey: site, serverOrigin: src.origin, baseUrl, launcher, zIndex, config };
        if (script.dataset.lang) options.lang = script.dataset.lang;
        if (nonce) options.nonce = nonce;
        controller = app.mount(options);
        pending.splice(0).forEach(run);
      })
      .catch((error: unknown) => {
        // Let a later click try again (flaky network).
        loading = undefined;
        warn(error);
      }));

  function run(call: QueuedCall): void {
    try {
      const [method, ...args] = call;
      if (!controller) {
        pending.push(call);
        if (method === 'open' || method === 'toggle') void load();
        return;
      }
      const fn: unknown = Object.prototype.hasOwnProperty.call(controller, method) && controller[method as keyof WidgetController];
      if (typeof fn === 'function') fn(...args);
    } catch (error) {
      warn(error);
    }
  }

  launcher.onclick = () => run(['toggle']);

  const win = window as { Hilo?: Partial<HiloApi> };
  const queued = win.Hilo && win.Hilo.q;
  const api = { q: { push: (...calls: QueuedCall[]) => calls.forEach(run) } } as HiloApi & Record<string, unknown>;
  // Each method only forwards (or queues until the app is in): the loader stays a few hundred bytes.
  for (const method of ['open', 'close', 'toggle', 'identify', 'setAttributes', 'shutdown', 'on', 'off']) {
    api[method] = (...args: unknown[]) => run([method, ...args]);
  }
  win.Hilo = api;

  const attach = () => {
    try {
      // Beside <body>, not in it: a transform or filter on <body> would make it the box of the widget's
      // position:fixed, so the launcher would sit at the bottom of the page instead of the screen.
      doc.documentElement.append(host);
      if (Array.isArray(queued)) queued.forEach(run);
      if (window.requestIdleCallback) window.requestIdleCallback(() => void load(), { timeout: 5000 });
      else setTimeout(() => void load(), 2000);
    } catch (error) {
      warn(error);
    }
  };
  // An async script in <head> can run before <body> exists.
  if (doc.body) attach();
  else doc.addEventListener('DOMContentLoaded', attach);
}
