import { describe, expect, it } from 'vitest';
import { deliveryLabel } from './delivery-label';
import { safeHttpUrl } from './safe-url';
import { formatBytes, formatDuration } from './timeline-labels';

describe('timeline labels', () => {
  it('formats call durations as m:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
  it('describes delivery states', () => {
    expect(deliveryLabel({ status: 'pending', attempts: 0, error: null, nextAttemptAt: null }, 0)).toBe('Sending…');
    expect(deliveryLabel({ status: 'sent', attempts: 1, error: null, nextAttemptAt: null }, 0)).toBe('Sent');
    expect(deliveryLabel({ status: 'failed', attempts: 5, error: 'mailbox full', nextAttemptAt: null }, 0)).toBe('Failed: mailbox full');
    expect(deliveryLabel({ status: 'pending', attempts: 2, error: 'timeout', nextAttemptAt: 90_000 }, 0)).toMatch(/^Failed: timeout \(retrying at .+\)$/);
  });
  it('keeps only http(s) URLs as links', () => {
    expect(safeHttpUrl('https://shop.example/cart')).toBe('https://shop.example/cart');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHttpUrl('/api/attachments/a1', 'https://hilo.example')).toBe('https://hilo.example/api/attachments/a1');
    expect(safeHttpUrl(null)).toBeNull();
  });
});
