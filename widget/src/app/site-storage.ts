import { plainJson } from './plain-json';

/**
 * localStorage scoped to one site key (`hilo:<siteKey>:<name>`). Storage can be missing, full or
 * blocked (private modes, sandboxed iframes): then values live in memory for this page only.
 */
export interface SiteStorage {
  key(name: string): string;
  get(name: string): string | null;
  set(name: string, value: string): void;
  remove(name: string): void;
  getJson(name: string): unknown;
  setJson(name: string, value: unknown): void;
  /** Removes every `hilo:<siteKey>:*` key (the site's log-out: forget this visitor). */
  clear(): void;
}

function defaultBackend(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function createSiteStorage(siteKey: string, backend: Storage | null = defaultBackend()): SiteStorage {
  const memory = new Map<string, string>();
  const prefix = `hilo:${siteKey}:`;
  const key = (name: string) => prefix + name;
  const get = (name: string): string | null => {
    try {
      if (backend) return backend.getItem(key(name));
    } catch {
      // fall through to memory
    }
    return memory.get(key(name)) ?? null;
  };
  const set = (name: string, value: string): void => {
    memory.set(key(name), value);
    try {
      backend?.setItem(key(name), value);
    } catch {
      // Quota or blocked: the in-memory copy still serves this page.
    }
  };
  return {
    key,
    get,
    set,
    remove(name) {
      memory.delete(key(name));
      try {
        backend?.removeItem(key(name));
      } catch {
        // nothing to clean
      }
    },
    getJson(name) {
      const raw = get(name);
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return null;
      }
    },
    setJson: (name, value) => set(name, plainJson(value)),
    clear() {
      memory.clear();
      try {
        if (!backend) return;
        // Collect first: removing while walking by index would skip keys.
        const names: string[] = [];
        for (let i = 0; i < backend.length; i++) {
          const name = backend.key(i);
          if (name?.startsWith(prefix)) names.push(name);
        }
        names.forEach((name) => backend.removeItem(name));
      } catch {
        // blocked storage: the memory copy is gone, which is all this page had
      }
    },
  };
}
