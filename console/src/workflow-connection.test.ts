import { describe, expect, it } from 'vitest';
import { flush } from './testing/fake-agent-socket';
import { AGENT, conversation, message } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';
import { createWorkflowConnection } from './workflow-connection';
import { createWorkflowModel } from './workflow-model';

function setup() {
  const h = createHarness();
  const chat = conversation('c1', { lastOrder: 1 });
  h.socket.handlers['inbox:view'] = () => ({ ok: true, data: { conversations: [chat], total: 1 } });
  h.socket.handlers['conversation:open'] = () => ({ ok: true, data: { conversation: chat, messages: [message('c1', 1)], hasMore: false } });
  h.socket.handlers['agents:list'] = () => ({ ok: true, data: [{ id: AGENT.id, name: 'Ana', role: 'agent', status: 'online', load: 0, capacity: 5 }] });
  h.socket.handlers['teams:list'] = () => ({ ok: true, data: [] });
  h.socket.handlers['canned:list'] = () => ({ ok: true, data: [{ id: 'cr1', shortcut: 'hi', text: 'Hello {{name}}' }] });
  h.socket.handlers['conversation:notes'] = () => ({ ok: true, data: [{ id: 'n1', conversationId: 'c1', author: { id: 'x', name: 'Bea' }, text: 'old note', createdAt: 1 }] });
  h.socket.handlers['conversation:viewing'] = () => ({ ok: true, data: null });
  const model = createWorkflowModel();
  const workflow = createWorkflowConnection({ connection: h.connection, workflow: model, inbox: h.inbox, conversation: h.conversation, agent: AGENT });
  return { h, model, workflow, chat };
}

describe('workflow connection', () => {
  it('loads agents, teams and canned responses on connect, and notes when a conversation opens', async () => {
    const { h, model } = setup();
    h.connection.start();
    h.socket.serverAccept();
    await flush();
    expect(model.state.get().agents.map((a) => a.name)).toEqual(['Ana']);
    expect(model.state.get().canned.map((c) => c.shortcut)).toEqual(['hi']);
    h.connection.openConversation('c1');
    await flush();
    expect(model.state.get().notes.map((n) => n.text)).toEqual(['old note']);
    expect(h.socket.sent('conversation:viewing').at(-1)?.payload).toEqual({ conversationId: 'c1', typing: false });
  });

  it('shows an acknowledged change at once and keeps pushed notes for the open conversation only', async () => {
    const { h, model, workflow, chat } = setup();
    h.connection.start();
    h.socket.serverAccept();
    await flush();
    h.connection.openConversation('c1');
    await flush();
    h.socket.handlers['conversation:resolve'] = () => ({ ok: true, data: { ...chat, status: 'resolved' } });
    const answer = await workflow.resolve('c1');
    expect(answer.ok).toBe(true);
    expect(h.conversation.state.get().conversation?.status).toBe('resolved');
    // Resolved leaves the "All open" view.
    expect(h.inbox.state.get().conversations).toEqual([]);
    h.socket.push('conversation:note', { id: 'n2', conversationId: 'c1', author: { id: 'x', name: 'Bea' }, text: 'pushed', createdAt: 2 });
    h.socket.push('conversation:note', { id: 'n3', conversationId: 'other', author: { id: 'x', name: 'Bea' }, text: 'elsewhere', createdAt: 3 });
    expect(model.state.get().notes.map((n) => n.text)).toEqual(['old note', 'pushed']);
  });

  it('says "typing" once per burst and "stopped" after a pause', async () => {
    const { h, workflow } = setup();
    h.connection.start();
    h.socket.serverAccept();
    await flush();
    h.connection.openConversation('c1');
    await flush();
    const before = h.socket.sent('conversation:viewing').length;
    workflow.typing();
    workflow.typing();
    workflow.typing();
    const typingCalls = h.socket.sent('conversation:viewing').slice(before);
    expect(typingCalls.map((c) => c.payload)).toEqual([{ conversationId: 'c1', typing: true }]);
    workflow.stopTyping();
    workflow.stopTyping();
    expect(h.socket.sent('conversation:viewing').slice(before).map((c) => c.payload)).toEqual([
      { conversationId: 'c1', typing: true },
      { conversationId: 'c1', typing: false },
    ]);
  });
});
