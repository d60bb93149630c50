import { useEffect, useState } from 'preact/hooks';

import type * as ExtrasModule from './extras';

export type Extras = typeof ExtrasModule;

let loaded: Extras | null = null;
let loading: Promise<Extras> | null = null;
let styleHost: { root: ShadowRoot; nonce?: string } | null = null;

/** Where the chunk's stylesheet goes (the widget's shadow root, with the script's CSP nonce). */
export function setExtrasStyleHost(root: ShadowRoot, nonce?: string): void {
  styleHost = { root, nonce };
}

/** Loads the extras chunk once (retrying after a failure); resolves at once when it is already in. */
export function loadExtras(): Promise<Extras> {
  loading ??= import('./extras').then(
    (mod) => {
      if (styleHost && !loaded) {
        const style = styleHost.root.ownerDocument.createElement('style');
        if (styleHost.nonce) style.nonce = styleHost.nonce;
        style.textContent = mod.extrasCss;
        styleHost.root.append(style);
      }
      return (loaded = mod);
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The extras module once loaded; `want` false never triggers the download. */
export function useExtras(want: boolean): Extras | null {
  const [mod, setMod] = useState(loaded);
  useEffect(() => {
    if (want && !mod) loadExtras().then(setMod, () => undefined);
  }, [want, mod]);
  return mod;
}
