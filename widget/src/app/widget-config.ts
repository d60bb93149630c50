import type { WidgetConfig } from '@hilo/shared';
import { DEFAULT_WIDGET_SETTINGS } from '@hilo/shared/constants';
import type { Store } from './store';
import { createStore } from './store';

export const DEFAULT_CONFIG: WidgetConfig = { ...DEFAULT_WIDGET_SETTINGS, ink: '#fff', accent: DEFAULT_WIDGET_SETTINGS.color };

/**
 * The site's settings as the loader fetched them. Until they arrive (or when the request failed) the
 * defaults apply, so the chat always works.
 */
export function createConfigStore(config: Promise<WidgetConfig | null> | undefined): Store<WidgetConfig> {
  const store = createStore(DEFAULT_CONFIG);
  void config?.then(
    (value) => {
      if (value && typeof value === 'object') store.set({ ...DEFAULT_CONFIG, ...value });
    },
    () => undefined,
  );
  return store;
}

/** The look as CSS custom properties on the app's container (CSSOM: allowed under a strict CSP). */
export function applyLook(el: HTMLElement, config: WidgetConfig, zIndex: number): void {
  const vars: Record<string, string> = {
    '--b': config.color,
    '--bt': config.ink,
    '--ba': config.accent,
    '--x': `${config.offsetX}px`,
    '--y': `${config.offsetY}px`,
    '--z': String(config.zIndex ?? zIndex),
  };
  for (const [name, value] of Object.entries(vars)) el.style.setProperty(name, value);
  el.className = config.position === 'left' ? 'left' : '';
}
