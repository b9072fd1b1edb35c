// A small web site for the tests to clip, on 127.0.0.1 at a free port: each page by its path
// (the query ignored), "niet gevonden" (404) for any other path.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSite {
  server: Server;
  /** e.g. `http://127.0.0.1:41234`. */
  base: string;
}

/**
 * `pages(path, port)` names the pages a request may get (made when asked, so they can change
 * between requests); `take(path, res)` may answer a request first (true: it did).
 */
export async function serveSite(
  pages: (path: string, port: number) => Record<string, () => string>,
  take: (path: string, res: ServerResponse) => boolean = () => false,
): Promise<TestSite> {
  let port = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (take(path, res)) return;
    const page = pages(path, port)[path] as (() => string) | undefined;
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ? page() : 'niet gevonden');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return { server, base: `http://127.0.0.1:${port}` };
}
