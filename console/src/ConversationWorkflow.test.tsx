import type { Ack, ConversationNote, Message } from '@hilo/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ConversationView } from './ConversationView';
import { createConversationModel } from './conversation-model';
import { createOutboxModel } from './outbox-model';
import { ReplyBox } from './ReplyBox';
import { AGENT, conversation, message } from './testing/fixtures';

const never = (): Promise<Ack<Message>> => new Promise(() => undefined);
const canned = [
  { id: '1', shortcut: 'refund', text: 'Hi {{name}}, your refund is on its way. {{agent}}' },
  { id: '2', shortcut: 'thanks', text: 'Thanks!' },
];

function openView(props: Partial<Parameters<typeof ConversationView>[0]> = {}) {
  const model = createConversationModel();
  act(() => {
    model.open('c1', conversation('c1', { visitorName: 'Marta Ruiz' }));
    model.applyHistory('c1', { conversation: conversation('c1', { visitorName: 'Marta Ruiz' }), messages: [message('c1', 1, { text: 'Hello?', createdAt: 100 }), message('c1', 2, { text: 'Anyone?', createdAt: 300 })], hasMore: false });
  });
  render(<ConversationView conversation={model} outbox={createOutboxModel()} agent={AGENT} onSend={never} {...props} />);
  return model;
}

describe('canned responses in the reply box', () => {
  it('suggests on /, fills placeholders on Enter, and still sends normal text', () => {
    const onSend = vi.fn(never);
    render(<ReplyBox onSend={onSend} canned={canned} placeholders={{ name: 'Marta Ruiz', agent: 'Ana' }} />);
    const box = screen.getByLabelText('Reply') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: '/re' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['/refund Hi Marta, your refund is on its way. Ana']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('Hi Marta, your refund is on its way. Ana');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Hi Marta, your refund is on its way. Ana');
  });

  it('moves through suggestions with the arrows and picks with a click', () => {
    render(<ReplyBox onSend={never} canned={canned} placeholders={{ name: null, agent: 'Ana' }} />);
    const box = screen.getByLabelText('Reply') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: '/' } });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.mouseDown(screen.getAllByRole('option')[0] as HTMLElement);
    expect(box.value).toBe('Hi there, your refund is on its way. Ana');
  });
});

describe('conversation view: notes and collisions', () => {
  it('shows internal notes among the messages by time, marked as notes', () => {
    const notes: ConversationNote[] = [{ id: 'n1', conversationId: 'c1', author: { id: 'x', name: 'Bea' }, text: 'VIP, be nice', createdAt: 200 }];
    openView({ notes, onAddNote: vi.fn() });
    const items = [...document.querySelectorAll('.message-list > li')].map((li) => li.textContent ?? '');
    expect(items[0]).toContain('Hello?');
    expect(items[1]).toContain('Internal note · Bea');
    expect(items[1]).toContain('VIP, be nice');
    expect(items[2]).toContain('Anyone?');
  });

  it('adds a note in note mode without sending a reply', async () => {
    const onSend = vi.fn(never);
    const onAddNote = vi.fn((text: string) => Promise.resolve({ ok: true as const, data: { id: 'n9', conversationId: 'c1', author: { id: AGENT.id, name: 'Ana' }, text, createdAt: 1 } }));
    openView({ onSend, onAddNote });
    fireEvent.click(screen.getByRole('button', { name: 'Internal note' }));
    const note = screen.getByLabelText('Conversation note') as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: 'check stock' } });
    fireEvent.keyDown(note, { key: 'Enter' });
    await waitFor(() => expect(note.value).toBe(''));
    expect(onAddNote).toHaveBeenCalledWith('check stock');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('warns when another agent views or types here, never about myself', () => {
    openView({ viewers: [{ id: AGENT.id, name: 'Ana', typing: true }] });
    expect(screen.queryByRole('status')).toBeNull();
    cleanup();
    openView({ viewers: [{ id: AGENT.id, name: 'Ana', typing: false }, { id: 'b', name: 'Bea', typing: false }] });
    expect(screen.getByRole('status').textContent).toBe('Bea is also viewing this conversation');
    cleanup();
    openView({ viewers: [{ id: 'b', name: 'Bea', typing: true }, { id: 'c', name: 'Cid', typing: false }] });
    expect(screen.getByRole('status').textContent).toBe('Bea is typing in this conversation');
  });
});
