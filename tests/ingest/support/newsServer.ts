import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';
import { commentsPage, jsonLdPage, noArticlePage, openGraphPage, scriptInjectionPage } from './newsPages.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A news site on 127.0.0.1 serving the test pages and every awkward answer a fetcher must survive: redirect
 * chains, a redirect to a private address, pages over the size cap (declared and undeclared), compressed bombs,
 * non-HTML content and a server that never answers. It records the paths requested.
 */
export class NewsServer {
  readonly requested: string[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<NewsServer> {
    const server = createServer();
    const news = new NewsServer(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      news.handle(request, response),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    news.addStandardRoutes();
    return news;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  route(path: string, handler: Handler): void {
    this.routes.set(path, handler);
  }

  /** Serves `body` at `path` with `type` (and any extra headers). */
  page(
    path: string,
    body: string | Buffer,
    type = 'text/html; charset=utf-8',
    headers: Record<string, string> = {},
  ): void {
    this.route(path, (_request, response) => {
      response.writeHead(200, { 'content-type': type, ...headers });
      response.end(body);
    });
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    this.requested.push(path);
    const handler = this.routes.get(path);
    if (handler) handler(request, response);
    else {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not found</h1>');
    }
  }

  private redirect(from: string, to: string, status = 302): void {
    this.route(from, (_request, response) => {
      response.writeHead(status, { location: to });
      response.end();
    });
  }

  private addStandardRoutes(): void {
    this.page('/json-ld', jsonLdPage());
    this.page('/open-graph', openGraphPage());
    this.page('/comments', commentsPage());
    this.page('/script-injection', scriptInjectionPage());
    this.page('/no-article', noArticlePage());
    this.page('/gzip', gzipSync(jsonLdPage()), 'text/html', { 'content-encoding': 'gzip' });
    // Three hops, relative and absolute, ending on the JSON-LD page.
    this.redirect('/hop/1', '/hop/2', 301);
    this.redirect('/hop/2', this.url('/hop/3'), 307);
    this.redirect('/hop/3', '/json-ld', 302);
    // Six hops: one more than a fetch may follow.
    for (let hop = 1; hop <= 6; hop++)
      this.redirect(`/loop/${hop}`, hop === 6 ? '/json-ld' : `/loop/${hop + 1}`);
    this.redirect('/to-private', 'http://10.20.30.40/admin');
    this.redirect('/to-metadata', 'http://169.254.169.254/latest/meta-data/');
    this.redirect('/to-file', 'file:///etc/passwd');
    this.page('/report.pdf', Buffer.from('%PDF-1.7 not really a pdf'), 'application/pdf');
    this.page('/photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'image/png');
    this.page('/data.json', '{"headline": "not a page"}', 'application/json');
    // 8 MB declared up front, and 8 MB sent in chunks without a length: both over a 5 MB cap.
    this.route('/huge-declared', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(8 * 1024 * 1024) });
      response.write('<html><body>');
      // Never finished: the fetcher must refuse on the header, not wait for the body.
      this.hanging.add(response);
    });
    this.route('/huge-streamed', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = `<p>${'The council met again to discuss the budget. '.repeat(1000)}</p>\n`;
      let sent = 0;
      const pump = (): void => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      response.on('error', () => undefined);
      pump();
    });
    // 20 MB of spaces compress to about 20 KB: the cap must count what comes out of the decompressor.
    this.page('/gzip-bomb', gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)), 'text/html', {
      'content-encoding': 'gzip',
    });
    this.route('/never-answers', (_request, response) => {
      this.hanging.add(response);
    });
  }
}

/** A news server for the tests of the enclosing `describe`. */
export function useNewsServer(): { readonly server: NewsServer } {
  let server: NewsServer | undefined;
  beforeAll(async () => {
    server = await NewsServer.start();
  });
  afterAll(async () => server?.close());
  return {
    get server() {
      if (!server) throw new Error('the news server is ready only inside a test');
      return server;
    },
  };
}
