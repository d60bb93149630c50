import { useEffect, useState } from 'preact/hooks';
import type { Store } from './store';

/** Re-renders the component whenever the store (or a model built on one) changes. */
export function useStore<T>(store: Pick<Store<T>, 'get' | 'subscribe'>): T {
  // Wrapped in an object so a function-valued T is never mistaken for a state updater.
  const [box, setBox] = useState(() => ({ value: store.get() }));
  useEffect(() => {
    setBox({ value: store.get() });
    return store.subscribe((value) => setBox({ value }));
  }, [store]);
  return box.value;
}
