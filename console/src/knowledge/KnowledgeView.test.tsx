import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import type { Agent } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { AGENT } from '../testing/fixtures';
import { article, fakeKbServer } from './fake-kb-server';
import { createKnowledgeModel } from './knowledge-model';
import { KnowledgeView } from './KnowledgeView';

const ADMIN: Agent = { ...AGENT, role: 'admin' };
const SAMPLE = [
  article('a1', { title: 'Return an order', body: 'Send it back', tags: ['returns'], updatedAt: 10, helpful: 4, notHelpful: 1, views: 20 }),
  article('a2', { title: 'Devolver un pedido', body: 'Devuélvelo', tags: ['returns'], language: 'es', updatedAt: 30, published: false }),
];

function setup(who: Agent = ADMIN) {
  const server = fakeKbServer(SAMPLE);
  const model = createKnowledgeModel({ fetch: server.fetch, delayMs: 1 });
  render(<KnowledgeView agent={who} model={model} />);
  return server;
}

describe('KnowledgeView', () => {
  it('lists articles with language, draft state and shopper feedback, and filters them', async () => {
    setup();
    const list = within(await screen.findByRole('region', { name: 'Articles' }));
    const first = await list.findByRole('button', { name: /Return an order/ });
    expect(first.textContent).toContain('4 helpful');
    expect(first.textContent).toContain('1 not helpful');
    expect(first.textContent).toContain('20 views');
    expect(list.getByRole('button', { name: /Devolver un pedido/ }).textContent).toContain('Draft');

    fireEvent.change(list.getByLabelText('Language'), { target: { value: 'es' } });
    expect(list.queryByRole('button', { name: /Return an order/ })).toBeNull();
    fireEvent.change(list.getByLabelText('Language'), { target: { value: '' } });
    fireEvent.input(list.getByLabelText('Search articles'), { target: { value: 'back' } });
    await waitFor(() => expect(list.queryByRole('button', { name: /Devolver/ })).toBeNull());
    expect(list.getByRole('button', { name: /Return an order/ })).toBeTruthy();
    fireEvent.input(list.getByLabelText('Search articles'), { target: { value: 'zzz qqq' } });
    await list.findByText('No article matches.');
  });

  it('lets an admin write an article with a live preview, save it, and delete one after confirming', async () => {
    const server = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'New article' }));
    const form = within(screen.getByRole('form', { name: 'New article' }));
    fireEvent.input(form.getByLabelText('Title'), { target: { value: 'Gift cards' } });
    fireEvent.input(form.getByLabelText('Tags (comma separated)'), { target: { value: 'gifts, payments' } });
    fireEvent.input(form.getByLabelText('Body (Markdown)'), { target: { value: 'One per order' } });
    await waitFor(() => expect(form.getByRole('region', { name: 'Preview' }).innerHTML).toBe('<p>One per order</p>'));
    expect(form.getByText('Unsaved changes')).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Create article' }));
    await screen.findByText('Saved.');
    expect(server.articles.get('n3')).toMatchObject({ title: 'Gift cards', tags: ['gifts', 'payments'], body: 'One per order' });
    expect(screen.getByRole('form', { name: 'Edit article' })).toBeTruthy();

    fireEvent.click(within(screen.getByRole('region', { name: 'Articles' })).getByRole('button', { name: /Return an order/ }));
    const editor = within(screen.getByRole('form', { name: 'Edit article' }));
    expect((editor.getByLabelText('Title') as HTMLInputElement).value).toBe('Return an order');
    fireEvent.click(editor.getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete article' }));
    await waitFor(() => expect(server.articles.has('a1')).toBe(false));
    expect(screen.queryByRole('button', { name: /Return an order/ })).toBeNull();
  });

  it('switches the answer bot for admins', async () => {
    const server = setup();
    const toggle = (await screen.findByLabelText('Answer bot')) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    fireEvent.click(toggle);
    await screen.findByText('Replies to new chats with the best matching article');
    expect(server.calls.at(-1)).toMatchObject({ method: 'PUT', path: '/api/kb/bot', body: { enabled: true } });
  });

  it('is read-only for agents: no new article, no saving, the bot switch disabled', async () => {
    setup(AGENT);
    fireEvent.click(await screen.findByRole('button', { name: /Return an order/ }));
    expect(screen.queryByRole('button', { name: 'New article' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Save/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect((screen.getByLabelText('Title') as HTMLInputElement).closest('fieldset')?.disabled).toBe(true);
    expect((screen.getByLabelText('Answer bot') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('(only admins can change this)')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('region', { name: 'Preview' }).innerHTML).toBe('<p>Send it back</p>'));
  });
});
