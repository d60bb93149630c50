import type { Ack, SearchResults } from '@hilo/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { SearchPanel } from './SearchPanel';
import { conversation } from './testing/fixtures';

describe('SearchPanel', () => {
  it('searches after a pause, lists contacts and conversations, opens them, and renders text literally', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const onSearch = vi.fn(
      (): Promise<Ack<SearchResults>> =>
        Promise.resolve({
          ok: true,
          data: {
            contacts: [{ id: 'ct_1', name: 'Marta Ruiz', emails: ['marta@example.com'], phones: [] }],
            conversations: [conversation('c1', { visitorName: 'Marta Ruiz', lastMessage: { text: evil, authorKind: 'visitor', createdAt: 1 } })],
          },
        }),
    );
    const onOpenConversation = vi.fn();
    const onOpenContact = vi.fn();
    render(<SearchPanel onSearch={onSearch} onOpenConversation={onOpenConversation} onOpenContact={onOpenContact} />);
    fireEvent.input(screen.getByLabelText('Search conversations and contacts'), { target: { value: 'm' } });
    fireEvent.input(screen.getByLabelText('Search conversations and contacts'), { target: { value: 'marta' } });
    await waitFor(() => expect(screen.getByRole('region', { name: 'Search results' })).toBeTruthy());
    expect(onSearch).toHaveBeenCalledTimes(1);
    expect(onSearch).toHaveBeenCalledWith('marta');
    expect(document.querySelector('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /marta@example.com/ }));
    expect(onOpenContact).toHaveBeenCalledWith('ct_1');
    fireEvent.click(screen.getByText(evil));
    expect(onOpenConversation).toHaveBeenCalledWith('c1');
    fireEvent.keyDown(screen.getByLabelText('Search conversations and contacts'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Search results' })).toBeNull());
  });
});
