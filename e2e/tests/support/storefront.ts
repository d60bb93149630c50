import { createServer, type Server } from 'node:http';
import { freePort } from './hilo-process.js';

export interface Storefront {
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * A shop on its own origin (another port), as a real site owner's would be: the widget is loaded
 * cross-origin and the page stays up when Hilo does not. `hiloUrl` is read at request time so the
 * page can point at a Hilo that restarts.
 */
export async function startStorefront(page: (hiloUrl: string) => string, hiloUrl: () => string): Promise<Storefront> {
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(hiloUrl()));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
