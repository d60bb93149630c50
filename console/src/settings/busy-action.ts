import { ApiError } from '../api-client';
import type { Observable } from '../observable';

/** What to show for a failed settings request. */
export const messageOf = (error: unknown): string => (error instanceof ApiError ? error.message : 'Something went wrong');

/**
 * One change at a time on a settings screen: `busy` while it runs, its failure shown in `error`, never
 * thrown. Resolves true when the change went through.
 */
export function createBusyAction<S extends { busy: boolean; error: string | null }>(state: Observable<S>) {
  return async function act(work: () => Promise<void>): Promise<boolean> {
    state.update((s) => ({ ...s, busy: true, error: null }));
    try {
      await work();
      state.update((s) => ({ ...s, busy: false }));
      return true;
    } catch (error) {
      state.update((s) => ({ ...s, busy: false, error: messageOf(error) }));
      return false;
    }
  };
}
