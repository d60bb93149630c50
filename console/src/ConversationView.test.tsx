import { cleanup, render, screen } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationView } from './ConversationView';
import { flush } from './testing/fake-agent-socket';
import { AGENT, conversation, message } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

afterEach(cleanup);

async function openConversation() {
  const h = createHarness();
  const history = [
    message('c1', 1, { text: 'Hi, is the jacket in stock?' }),
    message('c1', 2, { author: { kind: 'agent', id: 'ag_2', name: 'Bruno' }, text: 'Let me check' }),
    message('c1', 3, { text: '<b>size M</b>' }),
  ];
  h.socket.handlers['conversation:open'] = () => ({
    ok: true,
    data: { conversation: conversation('c1', { visitorName: 'Marta', channel: 'email', lastOrder: 3 }), messages: history, hasMore: false },
  });
  render(<ConversationView conversation={h.conversation} outbox={h.outbox} agent={AGENT} onSend={h.connection.send} />);
  await act(async () => {
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
  });
  return h;
}

const logTexts = () => [...screen.getByRole('log').querySelectorAll('.message-text')].map((el) => el.textContent);

describe('ConversationView', () => {
  it('asks to pick a conversation when none is open', () => {
    const h = createHarness();
    render(<ConversationView conversation={h.conversation} outbox={h.outbox} agent={AGENT} onSend={h.connection.send} />);
    expect(screen.getByText('Select a conversation from the inbox')).toBeTruthy();
  });

  it('renders the header and the full history, visitor left and agent right with its name', async () => {
    await openConversation();
    expect(screen.getByRole('heading', { name: 'Marta' })).toBeTruthy();
    expect(screen.getByText('Email')).toBeTruthy();
    expect(screen.getByText('Open')).toBeTruthy();
    expect(logTexts()).toEqual(['Hi, is the jacket in stock?', 'Let me check', '<b>size M</b>']);
    const agentMessage = screen.getByText('Let me check').closest('li');
    expect(agentMessage?.className).toContain('from-agent');
    expect(agentMessage?.textContent).toContain('Bruno');
    expect(screen.getByText('Hi, is the jacket in stock?').closest('li')?.className).toContain('from-visitor');
    expect(document.querySelector('b')).toBeNull();
  });

  it('appends message:new for this conversation once, ignoring duplicates and other conversations', async () => {
    const h = await openConversation();
    act(() => {
      h.socket.push('message:new', message('c1', 4, { text: 'Any news?' }));
      h.socket.push('message:new', message('c1', 4, { text: 'Any news?' }));
      h.socket.push('message:new', message('c1', 2, { author: { kind: 'agent', id: 'ag_2', name: 'Bruno' }, text: 'Let me check' }));
      h.socket.push('message:new', message('c2', 5, { text: 'Someone else' }));
    });
    expect(logTexts()).toEqual(['Hi, is the jacket in stock?', 'Let me check', '<b>size M</b>', 'Any news?']);
  });

  it('scrolls the log to the newest message', async () => {
    const h = await openConversation();
    const log = screen.getByRole('log');
    Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 1234 });
    act(() => h.socket.push('message:new', message('c1', 4)));
    expect(log.scrollTop).toBe(1234);
  });
});
