import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { TimelineEntry } from '../conversation-model';
import { en } from '../locales/en';
import { MessageList } from './MessageList';

const entry = (fields: Partial<TimelineEntry>): TimelineEntry => ({
  key: fields.clientId ?? 'k',
  clientId: 'k',
  authorKind: 'agent',
  text: 'hello',
  createdAt: Date.UTC(2026, 0, 1, 9, 30),
  status: 'sent',
  ...fields,
});

describe('MessageList', () => {
    it('is a polite live log', () => {
    render(<MessageList entries={[]} strings={en} lang="en" onRetry={vi.fn()} />);
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.textContent).toContain(en.greeting);
  });

  it('renders markup typed by people as literal text', () => {
    const { container } = render(
      <MessageList
        entries={[
          entry({ clientId: 'a', text: '<b>bold</b>', authorKind: 'visitor' }),
          entry({ clientId: 'b', text: '<script>alert(1)</script><img src=x onerror=alert(2)>', authorName: '<i>Ana</i>' }),
        ]}
        strings={en}
        lang="en"
        onRetry={vi.fn()}
      />,
    );
    expect(screen.getByText('<b>bold</b>')).toBeTruthy();
    expect(screen.getByText('<script>alert(1)</script><img src=x onerror=alert(2)>')).toBeTruthy();
    expect(screen.getByText('<i>Ana</i>')).toBeTruthy();
    expect(container.querySelector('b, script, img, i')).toBeNull();
  });

  it('puts visitor messages on the right and names the agent on the left', () => {
    const { container } = render(
      <MessageList
        entries={[entry({ clientId: 'v', text: 'mine', authorKind: 'visitor' }), entry({ clientId: 'a', text: 'theirs', authorName: 'Ana' })]}
        strings={en}
        lang="en"
        onRetry={vi.fn()}
      />,
    );
    const [mine, theirs] = [...container.querySelectorAll('.m')];
    expect(mine?.classList.contains('me')).toBe(true);
    expect(mine?.textContent).not.toContain('Ana');
    expect(theirs?.classList.contains('me')).toBe(false);
    expect(theirs?.textContent).toContain('Ana');
    expect(theirs?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-01-01T09:30:00.000Z');
  });

  it('falls back to a generic name for an agent without one', () => {
    render(<MessageList entries={[entry({})]} strings={en} lang="en" onRetry={vi.fn()} />);
    expect(screen.getByText(en.agentFallback)).toBeTruthy();
  });

  it('shows sending and failed states, and retries a failed message', () => {
    const onRetry = vi.fn();
    render(
      <MessageList
        entries={[
          entry({ clientId: 's', authorKind: 'visitor', status: 'sending' }),
          entry({ clientId: 'f', authorKind: 'visitor', status: 'failed', error: 'too long' }),
        ]}
        strings={en}
        lang="en"
        onRetry={onRetry}
      />,
    );
    expect(screen.getByText(en.sending)).toBeTruthy();
    expect(screen.getByText(`${en.notSent}: too long`, { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: en.retry }));
    expect(onRetry).toHaveBeenCalledWith('f');
  });

  it('scrolls to the newest message', () => {
    const scrollHeight = vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(900);
    const { rerender } = render(<MessageList entries={[entry({ clientId: '1' })]} strings={en} lang="en" onRetry={vi.fn()} />);
    const log = screen.getByRole('log');
    log.scrollTop = 0;
    rerender(<MessageList entries={[entry({ clientId: '1' }), entry({ clientId: '2' })]} strings={en} lang="en" onRetry={vi.fn()} />);
    expect(log.scrollTop).toBe(900);
    scrollHeight.mockRestore();
  });
});
