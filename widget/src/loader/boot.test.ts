import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppModule, HiloApi, MountOptions, WidgetController } from '../contract';
import { DEFAULT_WIDGET_SETTINGS } from '@hilo/shared/constants';
import { must } from '../app/test-support/fake-socket';
import { boot } from './boot';

type TestWindow = Window & { Hilo?: Partial<Omit<HiloApi, 'q'>> & { q?: unknown[] | HiloApi['q'] } };
const win = window as TestWindow;

function script(attrs: Record<string, string> = { 'data-site': 'site_1' }): HTMLScriptElement {
  const el = document.createElement('script');
  el.src = 'https://chat.example.com/widget/loader.js?v=3';
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

function fakeApp() {
  const controller: WidgetController = {
    open: vi.fn(),
    close: vi.fn(),
    toggle: vi.fn(),
    identify: vi.fn(),
    setAttributes: vi.fn(),
    shutdown: vi.fn(),
    on: vi.fn(),
    off: vi.fn(),
    destroy: vi.fn(),
  };
  const mount = vi.fn((_options: MountOptions) => controller);
  const importApp = vi.fn((_url: string) => Promise.resolve<AppModule>({ mount }));
  return { controller, mount, importApp };
}

const noConfig = () => Promise.resolve(null);
const host = () => document.querySelector('hilo-chat');
const launcher = () => host()?.shadowRoot?.querySelector('button') ?? null;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('loader', () => {
  beforeEach(() => {
    delete win.Hilo;
  });
  afterEach(() => {
    document.querySelectorAll('hilo-chat').forEach((el) => el.remove());
    delete win.Hilo;
    vi.useRealTimers();
  });

  it('draws the launcher in an open shadow root, isolated from host CSS', () => {
    boot(script(), fakeApp().importApp, noConfig);
    const el = host() as HTMLElement;
    // Beside <body>: a transformed body would trap position:fixed inside it.
    expect(el.parentElement).toBe(document.documentElement);
    // Inline and !important: it outranks the page's own !important rules.
    expect(el.style.getPropertyValue('all')).toBe('initial');
    expect(el.style.getPropertyPriority('all')).toBe('important');
    expect(el.shadowRoot?.mode).toBe('open');
    const button = launcher();
    expect(button?.getAttribute('aria-label')).toBe('Open chat');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(button?.querySelector('svg')).not.toBeNull();
    expect(el.shadowRoot?.querySelector('style')?.textContent).toContain('#4f46e5');
  });

  it('draws everything with DOM calls, so a page that enforces Trusted Types (no innerHTML) gets it all', () => {
    const own = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML') as PropertyDescriptor;
    Object.defineProperty(Element.prototype, 'innerHTML', {
      ...own,
      set() {
        throw new TypeError("This document requires 'TrustedHTML' assignment.");
      },
    });
    try {
      boot(script(), fakeApp().importApp, noConfig);
    } finally {
      Object.defineProperty(Element.prototype, 'innerHTML', own);
    }
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
    expect(launcher()?.querySelector('svg path')?.getAttribute('d')).toMatch(/^M2 6a2/);
    expect(typeof win.Hilo?.open).toBe('function');
  });

  it('uses data-z-index and puts the nonce on its style', () => {
    boot(script({ 'data-site': 's', 'data-z-index': '77', nonce: 'abc123' }), fakeApp().importApp, noConfig);
    const style = host()?.shadowRoot?.querySelector('style');
    expect(style?.textContent).toContain('z-index:77');
    expect(style?.nonce || style?.getAttribute('nonce')).toBe('abc123');
  });

  it('loads the app from beside the loader on first click and mounts it with the page settings', async () => {
    const app = fakeApp();
    boot(script({ 'data-site': 'site_1', 'data-lang': 'es', nonce: 'n1' }), app.importApp, noConfig);
    expect(app.importApp).not.toHaveBeenCalled();
    launcher()?.click();
    await settle();
    expect(app.importApp).toHaveBeenCalledWith('https://chat.example.com/widget/app.js');
    const options = app.mount.mock.calls[0]?.[0];
    expect(options).toMatchObject({
      siteKey: 'site_1',
      serverOrigin: 'https://chat.example.com',
      baseUrl: 'https://chat.example.com/widget/',
      lang: 'es',
      nonce: 'n1',
      launcher: launcher(),
      shadowRoot: host()?.shadowRoot,
    });
    expect(app.controller.toggle).toHaveBeenCalledTimes(1);
    launcher()?.click();
    expect(app.importApp).toHaveBeenCalledTimes(1);
    expect(app.controller.toggle).toHaveBeenCalledTimes(2);
  });

  it('loads the app on idle without opening it', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    boot(script(), app.importApp, noConfig);
    expect(app.importApp).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2500);
    expect(app.mount).toHaveBeenCalledTimes(1);
    expect(app.controller.open).not.toHaveBeenCalled();
    expect(app.controller.toggle).not.toHaveBeenCalled();
  });

  it('replays calls queued before it loaded, and exposes Hilo.open/close/toggle', async () => {
    win.Hilo = { q: [['close'], ['open']] };
    const app = fakeApp();
    boot(script(), app.importApp, noConfig);
    await settle();
    expect(app.mount).toHaveBeenCalledTimes(1);
    const [closedAt = 0] = vi.mocked(app.controller.close).mock.invocationCallOrder;
    const [openedAt = 0] = vi.mocked(app.controller.open).mock.invocationCallOrder;
    expect(closedAt).toBeLessThan(openedAt);
    expect(closedAt).toBeGreaterThan(0);
    win.Hilo?.close?.();
    win.Hilo?.toggle?.();
    win.Hilo?.q?.push(['open']);
    expect(app.controller.close).toHaveBeenCalledTimes(2);
    expect(app.controller.toggle).toHaveBeenCalledTimes(1);
    expect(app.controller.open).toHaveBeenCalledTimes(2);
  });

  it('queues identify, setAttributes and shutdown made before load and replays them in order', async () => {
    win.Hilo = { q: [['identify', { email: 'ana@example.com', userHash: 'ab'.repeat(32) }]] };
    const app = fakeApp();
    boot(script(), app.importApp, noConfig);
    // The API exists before the app chunk: calls on it wait too, without loading the app.
    win.Hilo?.setAttributes?.({ plan: 'pro' });
    win.Hilo?.shutdown?.();
    expect(app.importApp).not.toHaveBeenCalled();
    launcher()?.click();
    await settle();
    expect(app.controller.identify).toHaveBeenCalledWith({ email: 'ana@example.com', userHash: 'ab'.repeat(32) });
    expect(app.controller.setAttributes).toHaveBeenCalledWith({ plan: 'pro' });
    const order = (fn: unknown) => vi.mocked(fn as () => void).mock.invocationCallOrder[0] ?? 0;
    expect(order(app.controller.identify)).toBeGreaterThan(0);
    expect(order(app.controller.identify)).toBeLessThan(order(app.controller.setAttributes));
    expect(order(app.controller.setAttributes)).toBeLessThan(order(app.controller.shutdown));
    win.Hilo?.identify?.({ name: 'Ana' });
    expect(app.controller.identify).toHaveBeenLastCalledWith({ name: 'Ana' });
  });

  it('ignores unknown queued methods without throwing', async () => {
    win.Hilo = { q: [['open'], ['nonsense', 1], ['constructor']] };
    const app = fakeApp();
    expect(() => boot(script(), app.importApp, noConfig)).not.toThrow();
    await settle();
    expect(app.controller.open).toHaveBeenCalledTimes(1);
  });

  it('only warns when data-site is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = fakeApp();
    expect(() => boot(script({}), app.importApp, noConfig)).not.toThrow();
    expect(() => boot(null, app.importApp, noConfig)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[1])).toContain('data-site');
    expect(host()).toBeNull();
    expect(win.Hilo).toBeUndefined();
  });

  it('survives a failing app download and tries again on the next click', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = fakeApp();
    app.importApp.mockReturnValueOnce(Promise.reject(new Error('network down')));
    boot(script(), app.importApp, noConfig);
    launcher()?.click();
    await settle();
    expect(warn).toHaveBeenCalled();
    expect(app.mount).not.toHaveBeenCalled();
    launcher()?.click();
    await settle();
    expect(app.importApp).toHaveBeenCalledTimes(2);
    expect(app.mount).toHaveBeenCalledTimes(1);
  });

  it('fetches its config once from the server origin and applies the look to the launcher', async () => {
    const fetchConfig = vi.fn((_url: string) =>
      Promise.resolve({ ...DEFAULT_WIDGET_SETTINGS, color: '#ffd400', ink: '#111827', accent: '#374151', position: 'left' as const, offsetX: 30, offsetY: 96, launcherText: 'Chat <b>now</b>' }),
    );
    const app = fakeApp();
    boot(script({ 'data-site': 'pk_a b' }), app.importApp, fetchConfig);
    await settle();
    expect(fetchConfig.mock.calls).toEqual([['https://chat.example.com/widget/config/pk_a%20b']]);
    const button = must(launcher());
    expect(button.style.left).toBe('30px');
    expect(button.style.right).toBe('auto');
    expect(button.style.bottom).toBe('96px');
    expect(button.style.color).toBe('rgb(17, 24, 39)');
    expect(button.querySelector('span')?.textContent).toBe('Chat <b>now</b>');
    expect(button.querySelector('b')).toBeNull();
    launcher()?.click();
    await settle();
    expect(await app.mount.mock.calls[0]?.[0].config).toMatchObject({ color: '#ffd400' });
  });

  it('keeps the default launcher when the config request fails', async () => {
    const app = fakeApp();
    boot(script(), app.importApp, () => Promise.reject(new Error('offline')));
    await settle();
    expect(must(launcher()).style.left).toBe('');
    launcher()?.click();
    await settle();
    expect(await app.mount.mock.calls[0]?.[0].config).toBeNull();
  });

  it('does not draw a second launcher when pasted twice', () => {
    boot(script(), fakeApp().importApp, noConfig);
    boot(script(), fakeApp().importApp, noConfig);
    expect(document.querySelectorAll('hilo-chat')).toHaveLength(1);
  });

  it('never throws from the script entry when run without a current script', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await import('./index');
    expect(warn).toHaveBeenCalled();
    expect(host()).toBeNull();
  });
});
