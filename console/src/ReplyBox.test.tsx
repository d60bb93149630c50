import type { Ack, Message } from '@hilo/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ConversationView } from './ConversationView';
import { ReplyBox } from './ReplyBox';
import { flush } from './testing/fake-agent-socket';
import { AGENT, conversation, message } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

const reply = () => screen.getByLabelText('Reply') as HTMLTextAreaElement;
const type = (text: string) => fireEvent.input(reply(), { target: { value: text } });

describe('ReplyBox', () => {
  it('sends on Enter and keeps Shift+Enter for a new line', () => {
    const onSend = vi.fn((): Promise<Ack<Message>> => new Promise(() => undefined));
    render(<ReplyBox onSend={onSend} />);
    type('first line');
    fireEvent.keyDown(reply(), { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(reply(), { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('first line');
    expect(reply().value).toBe('');
  });

  it('sends with the Send button and ignores blank text', () => {
    const onSend = vi.fn((): Promise<Ack<Message>> => new Promise(() => undefined));
    render(<ReplyBox onSend={onSend} />);
    type('   ');
    fireEvent.keyDown(reply(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    type('Thanks!');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('Thanks!');
  });

  it('shows the error and gives the text back when the server refuses the reply', async () => {
    render(<ReplyBox onSend={() => Promise.resolve({ ok: false, error: { code: 'rate_limited', message: 'Slow down a little' } })} />);
    type('Hello there');
    fireEvent.keyDown(reply(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Slow down a little'));
    expect(reply().value).toBe('Hello there');
  });
});

describe('replying in a conversation', () => {
  async function setup() {
    const h = createHarness();
    h.socket.handlers['conversation:open'] = () => ({ ok: true, data: { conversation: conversation('c1'), messages: [message('c1', 1, { text: 'Hi' })], hasMore: false } });
    render(<ConversationView conversation={h.conversation} outbox={h.outbox} agent={AGENT} onSend={h.connection.send} />);
    await act(async () => {
      h.socket.serverAccept();
      h.connection.openConversation('c1');
      await flush();
    });
    return h;
  }

  it('shows the reply as pending, then replaces it with the stored message', async () => {
    const h = await setup();
    h.socket.handlers['message:send'] = () => undefined;
    type('We have it in M');
    fireEvent.keyDown(reply(), { key: 'Enter' });

    const pending = screen.getByText('We have it in M').closest('li');
    expect(pending?.className).toContain('is-pending');
    expect(pending?.textContent).toContain('Sending…');
    const sent = h.socket.sent('message:send')[0];
    expect(sent?.payload).toEqual({ conversationId: 'c1', clientId: 'client-id-1', text: 'We have it in M' });

    const stored = message('c1', 2, { clientId: 'client-id-1', author: { kind: 'agent', id: AGENT.id, name: AGENT.name }, text: 'We have it in M' });
    await act(async () => {
      sent?.ack({ ok: true, data: stored });
      // The broadcast of the same message must not add a second copy.
      h.socket.push('message:new', stored);
      await flush();
    });
    const copies = screen.getAllByText('We have it in M');
    expect(copies).toHaveLength(1);
    expect(copies[0]?.closest('li')?.className).not.toContain('is-pending');
    expect(copies[0]?.closest('li')?.textContent).toContain('Ana');
  });

  it('drops the pending copy, shows the error and keeps the text on an error ack', async () => {
    const h = await setup();
    h.socket.handlers['message:send'] = () => ({ ok: false, error: { code: 'bad_request', message: 'text: must not be empty' } });
    type('Hello?');
    await act(async () => {
      fireEvent.keyDown(reply(), { key: 'Enter' });
      await flush();
    });
    expect(screen.getByRole('alert').textContent).toBe('text: must not be empty');
    expect(reply().value).toBe('Hello?');
    expect(screen.getByRole('log').textContent).not.toContain('Hello?');
  });
});
