import { useEffect, useState } from 'preact/hooks';

import type * as ExtrasModule from './extras';
import type * as KnowledgeModule from './knowledge';

export type Extras = typeof ExtrasModule;
export type Knowledge = typeof KnowledgeModule;

let styleHost: { root: ShadowRoot; nonce?: string } | null = null;

/** Where the chunks' stylesheets go (the widget's shadow root, with the script's CSP nonce). */
export function setExtrasStyleHost(root: ShadowRoot, nonce?: string): void {
  styleHost = { root, nonce };
}

/**
 * A chunk of UI most shoppers never see, imported on first need. `load` imports it once (retrying
 * after a failure) and adds its stylesheet; `use(want)` is the module once loaded, and `want` false
 * never triggers the download.
 */
function lazyChunk<M extends { css: string }>(importer: () => Promise<M>) {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  const load = (): Promise<M> =>
    (loading ??= importer().then(
      (mod) => {
        if (styleHost) {
          const style = styleHost.root.ownerDocument.createElement('style');
          if (styleHost.nonce) style.nonce = styleHost.nonce;
          style.textContent = mod.css;
          styleHost.root.append(style);
        }
        return (loaded = mod);
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const use = (want: unknown): M | null => {
    const [mod, setMod] = useState(loaded);
    useEffect(() => {
      if (want && !mod) load().then(setMod, () => undefined);
    }, [want, mod]);
    return mod;
  };
  return { load, use };
}

/** Forms and cards shown only in some states (pre-chat, email follow-up, rating), the sound, uploads. */
export const { load: loadExtras, use: useExtras } = lazyChunk(() => import('./extras'));
/** Article suggestions, the article reader and the answer bot's card. */
export const { use: useKnowledge } = lazyChunk(() => import('./knowledge'));
