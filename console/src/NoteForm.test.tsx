import type { Ack, Note } from '@hilo/shared';
import { fireEvent, render, screen } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { NoteForm } from './NoteForm';
import { flush } from './testing/fake-agent-socket';
import { conversation, message, note, profile } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

describe('NoteForm', () => {
  it('refuses an empty note with an alert and sends nothing', () => {
    const onAdd = vi.fn<(text: string) => Promise<Ack<Note>>>();
    render(<NoteForm onAdd={onAdd} />);
    fireEvent.input(screen.getByLabelText('Internal note'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(onAdd).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Write the note first');
  });

  it('adds the note to the open conversation\'s customer with its conversationId, then clears', async () => {
    const h = createHarness();
    h.socket.handlers['conversation:open'] = () => ({ ok: true, data: { conversation: conversation('c1'), messages: [message('c1', 1)], hasMore: false } });
    h.socket.handlers['contact:get'] = () => ({ ok: true, data: profile() });
    h.socket.handlers['timeline:get'] = () => ({ ok: true, data: [] });
    h.socket.handlers['note:add'] = (payload) => ({ ok: true, data: note('n1', { text: payload.text }) });
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
    render(<NoteForm onAdd={(text) => h.connection.addNote('ct_1', text)} />);
    const box = screen.getByLabelText('Internal note') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: ' Prefers <b>email</b> ' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
      await flush();
    });
    expect(h.socket.sent('note:add').map((e) => e.payload)).toEqual([{ contactId: 'ct_1', conversationId: 'c1', text: 'Prefers <b>email</b>' }]);
    expect(box.value).toBe('');
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('keeps the text and shows the server error when the note is refused', async () => {
    render(<NoteForm onAdd={() => Promise.resolve({ ok: false, error: { code: 'rate_limited', message: 'Too many notes' } })} />);
    const box = screen.getByLabelText('Internal note') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Call back Monday' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
      await flush();
    });
    expect(screen.getByRole('alert').textContent).toBe('Too many notes');
    expect(box.value).toBe('Call back Monday');
  });
});
