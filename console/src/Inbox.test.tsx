import { fireEvent, render, screen, within } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from './Inbox';
import { flush } from './testing/fake-agent-socket';
import { conversation } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

const preview = (text: string, createdAt: number) => ({ text, authorKind: 'visitor' as const, createdAt });

async function renderLiveInbox() {
  const h = createHarness();
  const rows = [
    conversation('c1', { visitorName: 'Marta', updatedAt: 3_000, lastOrder: 2, lastMessage: preview('Is it in stock?', 3_000) }),
    conversation('c2', { visitorId: 'abcdef123456', updatedAt: 2_000, lastOrder: 1, lastMessage: preview('Hello', 2_000) }),
    conversation('c3', { visitorName: 'Jon', updatedAt: 1_000, lastOrder: 1, lastMessage: preview('Thanks!', 1_000) }),
  ];
  h.socket.handlers['inbox:view'] = () => ({ ok: true, data: { conversations: rows, total: rows.length } });
  const onSelect = vi.fn();
  render(<Inbox inbox={h.inbox} onSelect={onSelect} />);
  await act(async () => {
    h.connection.start();
    h.socket.serverAccept();
    await flush();
  });
  return { h, onSelect };
}

const rowNames = () => screen.getAllByRole('button').map((row) => row.querySelector('.inbox-name')?.textContent);

describe('Inbox', () => {
  it('lists open conversations newest first, with name, preview and unread count', async () => {
    await renderLiveInbox();
    expect(rowNames()).toEqual(['Marta', 'Visitor abcdef', 'Jon']);
    const marta = screen.getAllByRole('button')[0];
    if (!marta) throw new Error('no row');
    expect(within(marta).getByText('Is it in stock?')).toBeTruthy();
    expect(marta.querySelector('.inbox-unread')?.textContent).toBe('2 unread');
  });

  it('counts only messages newer than the last seen one', async () => {
    const { h } = await renderLiveInbox();
    act(() => h.inbox.markSeen('c1', 1));
    expect(screen.getAllByRole('button')[0]?.querySelector('.inbox-unread')?.textContent).toBe('1 unread');
    act(() => h.inbox.markSeen('c1', 2));
    expect(screen.getAllByRole('button')[0]?.querySelector('.inbox-unread')).toBeNull();
  });

  it('moves a conversation to the top on a live update and refreshes its preview', async () => {
    const { h } = await renderLiveInbox();
    act(() => h.socket.push('conversation:updated', conversation('c3', { visitorName: 'Jon', updatedAt: 9_000, lastOrder: 2, lastMessage: preview('Where is my order?', 9_000) })));
    expect(rowNames()).toEqual(['Jon', 'Marta', 'Visitor abcdef']);
    expect(screen.getByText('Where is my order?')).toBeTruthy();
  });

  it('inserts a new conversation and drops one that is no longer open', async () => {
    const { h } = await renderLiveInbox();
    act(() => {
      h.socket.push('conversation:updated', conversation('c4', { visitorName: 'Lea', updatedAt: 9_000, lastOrder: 1 }));
      h.socket.push('conversation:updated', conversation('c1', { visitorName: 'Marta', status: 'resolved', updatedAt: 9_500, lastOrder: 2 }));
    });
    expect(rowNames()).toEqual(['Lea', 'Visitor abcdef', 'Jon']);
  });

  it('renders user text literally, never as HTML', async () => {
    const { h } = await renderLiveInbox();
    const evil = '<img src=x onerror=alert(1)>';
    act(() => h.socket.push('conversation:updated', conversation('c9', { visitorName: evil, updatedAt: 9_000, lastOrder: 1, lastMessage: preview(evil, 9_000) })));
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText(evil, { selector: '.inbox-name' })).toBeTruthy();
    expect(screen.getByText(evil, { selector: '.inbox-preview' })).toBeTruthy();
  });

  it('marks the selected conversation with aria-current and selects by keyboard-reachable buttons', async () => {
    const { h, onSelect } = await renderLiveInbox();
    const second = screen.getAllByRole('button')[1];
    if (!second) throw new Error('no row');
    fireEvent.click(second);
    expect(onSelect).toHaveBeenCalledWith('c2');
    act(() => h.inbox.select('c2'));
    expect(screen.getAllByRole('button').map((row) => row.getAttribute('aria-current'))).toEqual([null, 'true', null]);
  });
});
