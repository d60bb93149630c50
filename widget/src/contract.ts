// The one seam between the loader (host page, no framework) and the app chunk: types only, so the
// loader stays free of app code.

/** What the loader hands to the app chunk's exported `mount`. */
export interface MountOptions {
  /** Open shadow root that already holds the launcher; the app adds its own stylesheet and panel. */
  shadowRoot: ShadowRoot;
  siteKey: string;
  /** Origin the loader was served from; the visitor socket connects there. */
  serverOrigin: string;
  /** Directory URL the loader came from (ends with '/'). */
  baseUrl: string;
  /** From data-lang; the app falls back to <html lang>, then navigator.language. */
  lang?: string;
  /** The launcher button the loader drew; the app keeps its aria-expanded / aria-label in step. */
  launcher: HTMLButtonElement;
  /** CSP nonce of the loader's script tag, put on every <style> the widget adds. */
  nonce?: string;
  zIndex: number;
}

/** What `mount` returns; `window.Hilo` forwards its calls here once the app is loaded. */
export interface WidgetController {
  open(): void;
  close(): void;
  toggle(): void;
  destroy(): void;
}

export interface AppModule {
  mount(options: MountOptions): WidgetController;
}

/** A queued call, as a page pushes it before the loader runs: `['open']`. */
export type QueuedCall = [method: string, ...args: unknown[]];

/**
 * The public page API, `window.Hilo`.
 *
 * @example
 * // Safe to call before loader.js has run: calls are queued and replayed.
 * window.Hilo = window.Hilo || { q: [] };
 * window.Hilo.q.push(['open']);
 * // After load:
 * window.Hilo.open();
 */
export interface HiloApi {
  /** Opens the chat panel (loads the app first if needed). */
  open(): void;
  /** Closes the chat panel. */
  close(): void;
  /** Opens or closes the chat panel. */
  toggle(): void;
  /** Kept after load so late `Hilo.q.push([...])` calls still run. */
  q: { push(...calls: QueuedCall[]): void };
}
