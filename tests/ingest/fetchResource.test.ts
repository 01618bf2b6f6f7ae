import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { ANY_ADDRESS, isPublicAddress, type AddressPolicy } from '../../src/ingest/addressPolicy.js';
import {
  createResourceFetcher,
  FetchRefusedError,
  type FetcherOptions,
} from '../../src/ingest/fetchResource.js';
import { useNewsServer } from './support/newsServer.js';

const news = useNewsServer();
const html = (type: string): boolean => type === 'text/html';

/**
 * The production policy (public addresses only) with one exception, 127.0.0.1, where the test's news server
 * listens: so a test can start on that server and be redirected to a private address, which is then refused
 * before any connection is made.
 */
const PUBLIC_AND_TEST_SERVER: AddressPolicy = (address) =>
  address === '127.0.0.1' || isPublicAddress(address);

/** A resolver that knows only the names given, as a fake DNS. */
function names(table: Record<string, string>): (hostname: string) => Promise<LookupAddress[]> {
  return (hostname) => {
    const address = table[hostname];
    if (address === undefined)
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
  };
}

function fetcher(options: Partial<FetcherOptions> = {}) {
  return createResourceFetcher({
    isAllowedAddress: ANY_ADDRESS,
    maxBytes: 5 * 1024 * 1024,
    timeoutMs: 5000,
    ...options,
  });
}

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['192.0.2.10', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'IPv6 unique local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['not-an-address', 'not an address'],
  ])('%s (%s) is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('fetching a page', () => {
  it('GIVEN an HTML page THEN returns its bytes, media type, charset and address', async () => {
    const page = await fetcher().fetch(news.server.url('/json-ld'), { accept: html });
    expect(page).toMatchObject({
      url: news.server.url('/json-ld'),
      mediaType: 'text/html',
      charset: 'utf-8',
    });
    expect(new TextDecoder().decode(page.bytes)).toContain('Kessler Dam');
  });

  it('GIVEN a gzip-compressed page THEN returns it decompressed', async () => {
    const page = await fetcher().fetch(news.server.url('/gzip'), { accept: html });
    expect(new TextDecoder().decode(page.bytes)).toContain('Kessler Dam');
  });

  it('GIVEN a chain of three redirects THEN follows it and reports the final address', async () => {
    const page = await fetcher().fetch(news.server.url('/hop/1'), { accept: html });
    expect(page.url).toBe(news.server.url('/json-ld'));
  });

  it('GIVEN six redirects THEN refuses after the fifth', async () => {
    await expect(fetcher().fetch(news.server.url('/loop/1'), { accept: html })).rejects.toThrow(
      'Refused: more than 5 redirects.',
    );
    expect(news.server.requested).not.toContain('/loop/7');
  });

  it('GIVEN a redirect to a private address THEN refuses it without connecting there', async () => {
    const strict = fetcher({ isAllowedAddress: PUBLIC_AND_TEST_SERVER });
    await expect(strict.fetch(news.server.url('/to-private'), { accept: html })).rejects.toThrow(
      'Refused: 10.20.30.40 is not a public address.',
    );
    await expect(strict.fetch(news.server.url('/to-metadata'), { accept: html })).rejects.toThrow(
      'Refused: 169.254.169.254 is not a public address.',
    );
  });

  it('GIVEN a redirect to a name that resolves to a private address THEN refuses it, naming the address', async () => {
    news.server.route('/to-intranet-name', (_request, response) => {
      response.writeHead(302, { location: 'http://wiki.intranet.test/secrets' });
      response.end();
    });
    const strict = fetcher({
      isAllowedAddress: PUBLIC_AND_TEST_SERVER,
      resolve: names({ 'wiki.intranet.test': '192.168.7.7' }),
    });
    await expect(strict.fetch(news.server.url('/to-intranet-name'), { accept: html })).rejects.toThrow(
      'Refused: wiki.intranet.test resolves to a non-public address (192.168.7.7).',
    );
  });

  it('GIVEN the public-only policy THEN the loopback server itself is refused, by address and by name', async () => {
    const strict = fetcher({
      isAllowedAddress: isPublicAddress,
      resolve: names({ 'news.test': '127.0.0.1' }),
    });
    await expect(strict.fetch(news.server.url('/json-ld'), { accept: html })).rejects.toThrow(
      'Refused: 127.0.0.1 is not a public address.',
    );
    await expect(
      strict.fetch(`http://news.test:${news.server.port}/json-ld`, { accept: html }),
    ).rejects.toThrow('news.test resolves to a non-public address (127.0.0.1)');
    await expect(strict.fetch(`http://[::1]:${news.server.port}/json-ld`, { accept: html })).rejects.toThrow(
      'Refused: ::1 is not a public address.',
    );
  });

  it.each([
    ['file:///etc/passwd', 'Refused: only http and https links can be added (got file:).'],
    ['ftp://files.example/story.html', 'Refused: only http and https links can be added (got ftp:).'],
    ['javascript:alert(1)', 'Refused: only http and https links can be added (got javascript:).'],
    ['not a link at all', 'That is not a link: not a link at all'],
  ])('GIVEN %s THEN refuses: %s', async (url, message) => {
    await expect(fetcher().fetch(url, { accept: html })).rejects.toThrow(message);
  });

  it('GIVEN a redirect to a file: URL THEN refuses it', async () => {
    await expect(fetcher().fetch(news.server.url('/to-file'), { accept: html })).rejects.toThrow(
      'only http and https links',
    );
  });

  it.each([
    ['/report.pdf', 'application/pdf'],
    ['/photo.png', 'image/png'],
    ['/data.json', 'application/json'],
  ])('GIVEN %s THEN refuses its type %s as not a news page', async (path, type) => {
    await expect(fetcher().fetch(news.server.url(path), { accept: html })).rejects.toThrow(
      `Refused: ${type} is not a news page (HTML or text).`,
    );
  });

  it('GIVEN a page declaring more than the cap THEN refuses it before reading the body', async () => {
    const error = await fetcher()
      .fetch(news.server.url('/huge-declared'), { accept: html })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toBe(
      'Refused: 127.0.0.1:' + String(news.server.port) + ' sent 8 MB, more than the 5 MB limit.',
    );
  });

  it('GIVEN a page that streams past the cap without declaring its size THEN stops reading and refuses it', async () => {
    await expect(fetcher().fetch(news.server.url('/huge-streamed'), { accept: html })).rejects.toThrow(
      'is larger than the 5 MB limit',
    );
  });

  it('GIVEN a small compressed body that expands past the cap THEN refuses it', async () => {
    await expect(fetcher().fetch(news.server.url('/gzip-bomb'), { accept: html })).rejects.toThrow(
      'is larger than the 5 MB limit',
    );
  });

  it('GIVEN a server that never answers THEN gives up at the timeout', async () => {
    const started = performance.now();
    await expect(
      fetcher({ timeoutMs: 300 }).fetch(news.server.url('/never-answers'), { accept: html }),
    ).rejects.toThrow('took longer than 0.3 s');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('GIVEN a missing page THEN says which status the site answered', async () => {
    await expect(fetcher().fetch(news.server.url('/missing'), { accept: html })).rejects.toThrow(
      'answered HTTP 404; nothing was added.',
    );
  });

  it('GIVEN a host that does not exist THEN says so in one sentence', async () => {
    await expect(
      fetcher({ resolve: names({}) }).fetch('http://no-such-host.test/story', { accept: html }),
    ).rejects.toThrow('Could not find the host no-such-host.test.');
  });
});
