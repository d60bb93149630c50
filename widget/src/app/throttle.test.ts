import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first value at once and only the newest one per interval after it', () => {
    const sent: string[] = [];
    const send = throttle((v: string) => sent.push(v), 1000);
    send('h');
    send('he');
    send('hel');
    expect(sent).toEqual(['h']);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['h', 'hel']);
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual(['h', 'hel']);
    send('hello');
    expect(sent).toEqual(['h', 'hel', 'hello']);
  });

  it('drops what is pending on cancel', () => {
    const sent: string[] = [];
    const send = throttle((v: string) => sent.push(v), 1000);
    send('a');
    send('b');
    send.cancel();
    vi.advanceTimersByTime(2000);
    expect(sent).toEqual(['a']);
  });
});
