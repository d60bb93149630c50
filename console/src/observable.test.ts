import { describe, expect, it, vi } from 'vitest';
import { observable } from './observable';

describe('observable', () => {
  it('notifies listeners on change and not on the same value', () => {
    const count = observable(1);
    const listener = vi.fn();
    const unsubscribe = count.subscribe(listener);
    count.set(1);
    expect(listener).not.toHaveBeenCalled();
    count.update((n) => n + 1);
    expect(count.get()).toBe(2);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    count.set(3);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
