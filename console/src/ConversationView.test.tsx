import { render, screen } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ConversationView } from './ConversationView';
import { flush } from './testing/fake-agent-socket';
import { AGENT, conversation, message } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

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

describe('ConversationView with email', () => {
  const email = { subject: 'Order #1042', to: ['marta@example.com'], messageId: '<x@y>', attachments: [] };
  async function openEmail() {
    const h = createHarness();
    const history = [
      message('c1', 1, { text: 'Where is my order?', email: { ...email, direction: 'in', from: 'marta@example.com', to: ['help@shop.example'] } }),
      message('c1', 2, {
        author: { kind: 'agent', id: 'ag_1', name: 'Ana' },
        text: 'It ships today',
        email: { ...email, subject: 'Re: Order #1042', direction: 'out', from: 'help@shop.example' },
        delivery: { status: 'pending', attempts: 0, error: null, nextAttemptAt: null },
      }),
    ];
    h.socket.handlers['conversation:open'] = () => ({
      ok: true,
      data: { conversation: conversation('c1', { channel: 'email', subject: 'Order #1042', visitorName: 'Marta', lastOrder: 2 }), messages: history, hasMore: false },
    });
    render(<ConversationView conversation={h.conversation} outbox={h.outbox} agent={AGENT} onSend={h.connection.send} />);
    await act(async () => {
      h.socket.serverAccept();
      h.connection.openConversation('c1');
      await flush();
    });
    return { h, sent: history[1] as ReturnType<typeof message> };
  }

  it('shows subject and sender of each email, and says replies go by email', async () => {
    await openEmail();
    const incoming = screen.getByText('Where is my order?').closest('li');
    expect(incoming?.querySelector('.message-subject')?.textContent).toBe('Order #1042');
    expect(incoming?.textContent).toContain('From marta@example.com');
    expect((screen.getByLabelText('Reply') as HTMLTextAreaElement).placeholder).toMatch(/^Reply by email…/);
  });

  it('updates the delivery state of an outgoing email in place on message:updated', async () => {
    const { h, sent } = await openEmail();
    const bubble = () => screen.getByText('It ships today').closest('li');
    expect(bubble()?.querySelector('.delivery')?.textContent).toContain('Sending…');
    act(() => h.socket.push('message:updated', { ...sent, delivery: { status: 'pending', attempts: 1, error: 'SMTP 451', nextAttemptAt: 20_000 } }));
    expect(bubble()?.querySelector('.delivery')?.textContent).toMatch(/Failed: SMTP 451 \(retrying at .+\)/);
    act(() => h.socket.push('message:updated', { ...sent, delivery: { status: 'sent', attempts: 2, error: null, nextAttemptAt: null } }));
    expect(bubble()?.querySelector('.delivery')?.textContent).toContain('Sent');
    expect(logTexts()).toEqual(['Where is my order?', 'It ships today']);
  });

  it('ignores message:updated for a message it does not hold', async () => {
    const { h, sent } = await openEmail();
    act(() => h.socket.push('message:updated', { ...sent, id: 'other', conversationId: 'c1', text: 'ghost', delivery: { status: 'sent', attempts: 1, error: null, nextAttemptAt: null } }));
    expect(logTexts()).toEqual(['Where is my order?', 'It ships today']);
  });
});
