import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSiteStorage } from '../site-storage';
import { knowledgeStrings } from '../locales/knowledge';
import { ArticleReader } from './ArticleReader';

const site = { serverOrigin: 'https://chat.example.com', siteKey: 'shop', storage: createSiteStorage('shop', null) };
const article = { id: 'a1', title: 'Devoluciones', html: '<h2>Plazo</h2><p>30 días</p>', body: [['h2', null, 'Plazo'], ['p', null, '30 días']], tags: [], language: 'es', updatedAt: 1 };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ArticleReader', () => {
  it('says so when the article cannot be opened, and goes back', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"error":{"code":"not_found","message":"gone"}}', { status: 404 })));
    const onBack = vi.fn();
    render(<ArticleReader site={site} id="gone" strings={knowledgeStrings('en')} rated={new Set()} onBack={onBack} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await screen.findByText("Couldn't open this article. Please try again later.");
    expect(screen.queryByText('Did this help?')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Back to chat' }));
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('keeps asking when the feedback could not be sent, with both answers disabled while sending (Spanish)', async () => {
    let answer: (response: Response) => void = () => undefined;
    vi.stubGlobal('fetch', (url: string) =>
      url.includes('/feedback') ? new Promise<Response>((resolve) => (answer = resolve)) : Promise.resolve(new Response(JSON.stringify({ article }), { status: 200 })),
    );
    const rated = new Set<string>();
    render(<ArticleReader site={site} id="a1" strings={knowledgeStrings('es')} rated={rated} onBack={vi.fn()} />);
    await screen.findByRole('heading', { name: 'Devoluciones' });
    expect(screen.getByRole('heading', { name: 'Plazo' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'No' }));
    expect((screen.getByRole('button', { name: 'Sí' }) as HTMLButtonElement).disabled).toBe(true);
    answer(new Response(null, { status: 503 }));
    await screen.findByText('No se pudo enviar tu respuesta. Inténtalo de nuevo.');
    expect((screen.getByRole('button', { name: 'Sí' }) as HTMLButtonElement).disabled).toBe(false);
    expect(rated.has('a1')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Sí' }));
    answer(new Response(null, { status: 204 }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('¡Gracias por tu opinión!'));
    expect(rated.has('a1')).toBe(true);
  });
});
