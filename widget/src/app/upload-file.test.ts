import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConversationModel } from './conversation-model';
import { createSiteStorage } from './site-storage';
import { message } from './test-support/fake-socket';
import { sendFile } from './upload-file';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

function deps() {
  const storage = createSiteStorage('shop');
  const model = createConversationModel(storage);
  const failed = vi.fn();
  return { serverOrigin: 'https://chat.example.com', siteKey: 'pk 1', storage, model, failed };
}

describe('sendFile', () => {
  it('posts the raw file with the visitor token and shows the stored message', async () => {
    const d = deps();
    d.storage.set('token', 'tok-1');
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ message: message(1, { author: { kind: 'visitor', id: 'v1' }, text: '📎 a.png' }) }), { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    await sendFile(d, Object.assign(new Blob(['x']), { name: 'mi foto.png' }));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://chat.example.com/widget/files/pk%201');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok-1', 'X-Filename': 'mi%20foto.png' });
    expect(d.model.get().messages.map((m) => m.text)).toEqual(['📎 a.png']);
    expect(d.failed).not.toHaveBeenCalled();
  });

  it('reports the server refusal, and fails without a token or over 5 MB without a request', async () => {
    const d = deps();
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'bad_request', message: 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent' } }), { status: 400 }));
    vi.stubGlobal('fetch', fetchMock);
    await sendFile(d, new Blob(['x']));
    expect(d.failed).toHaveBeenLastCalledWith(null);
    d.storage.set('token', 'tok-1');
    await sendFile(d, new Blob([new Uint8Array(5 * 1024 * 1024 + 1)]));
    expect(d.failed).toHaveBeenLastCalledWith(null);
    expect(fetchMock).not.toHaveBeenCalled();
    await sendFile(d, new Blob(['<html>']));
    expect(d.failed).toHaveBeenLastCalledWith('Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent');
  });
});
