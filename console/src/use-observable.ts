import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { Observable } from './observable';

/** Re-renders the calling component whenever the observable changes; returns its current value. */
export function useObservable<T>(source: Observable<T>): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const value = source.get();
  const rendered = useRef(value);
  rendered.current = value;
  useLayoutEffect(() => {
    // A change between render and subscribe would otherwise be missed.
    if (!Object.is(source.get(), rendered.current)) rerender(0);
    return source.subscribe(() => rerender(0));
  }, [source]);
  return value;
}
