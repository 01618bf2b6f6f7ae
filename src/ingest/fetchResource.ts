import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { InputError } from '../errors.js';
import { literalAddress, type AddressPolicy } from './addressPolicy.js';

/** What was fetched: the bytes as they arrived (decompressed), and what the server said they are. */
export interface FetchedResource {
  /** Where the content came from, after redirects. */
  url: string;
  /** The media type, lower-case, without parameters (`text/html`); empty when the server sent none. */
  mediaType: string;
  /** The `charset` parameter of the Content-Type header, if any. */
  charset: string | undefined;
  bytes: Uint8Array;
}

/** Fetches one resource over HTTP(S) for the bot; the one outside capability ingestion needs. */
export interface ResourceFetcher {
  fetch(url: string, options: { accept: (mediaType: string) => boolean }): Promise<FetchedResource>;
}

/** Resolves a host name to every address it has, as `dns.lookup` with `all: true` does. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface FetcherOptions {
  /** Which addresses may be connected to; checked for the first URL and every redirect. */
  isAllowedAddress: AddressPolicy;
  /** Largest body read, counted after decompression while it streams. */
  maxBytes: number;
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Name resolution; the system resolver by default (tests pass a fixed table). */
  resolve?: Resolver;
}

/** A refusal whose message is safe to show a moderator as it is. */
export class FetchRefusedError extends InputError {}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'article-bot/0.1 (+news article ingestion for a Discord bot)';

function systemResolve(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });
}

/**
 * Resolution that refuses a host with any address outside the policy. It is handed to the HTTP request as its
 * `lookup`, so the address checked is the address connected to: a name cannot pass the check with a public
 * address and then be re-resolved to a private one (DNS rebinding).
 */
function checkedLookup(resolve: Resolver, isAllowed: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((candidate) => !isAllowed(candidate.address));
        const first = addresses[0];
        if (refused) {
          callback(
            new FetchRefusedError(
              `Refused: ${hostname} resolves to a non-public address (${refused.address}).`,
            ),
            '',
          );
        } else if (!first) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, ''),
    );
  };
}

function parseContentType(header: string | undefined): { mediaType: string; charset: string | undefined } {
  if (!header) return { mediaType: '', charset: undefined };
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().split('='))
    .find(([name]) => name?.toLowerCase() === 'charset')?.[1]
    ?.replace(/^"|"$/g, '')
    .trim();
  return { mediaType: type.trim().toLowerCase(), charset: charset || undefined };
}

function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

function describeNetworkError(error: unknown, url: URL): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Could not find the host ${url.hostname}.`;
  if (code === 'ECONNREFUSED') return `${url.host} refused the connection.`;
  if (code === 'ECONNRESET') return `${url.host} closed the connection.`;
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `${url.host} has a certificate problem.`;
  return `Could not fetch ${url.host} (${code ?? (error instanceof Error ? error.message : String(error))}).`;
}

function megabytes(bytes: number): string {
  const value = bytes / 1024 / 1024;
  return value >= 1 ? `${Math.round(value * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Fetches pages for the bot as a hostile internet requires: only `http` and `https`; the address of every host,
 * the first and each redirect's, checked against the policy before connecting (see `checkedLookup`); at most
 * `maxRedirects` redirects; the body capped while it streams, whatever Content-Length claims; one deadline for
 * the whole fetch; and the media type checked before the body is read. Every refusal is a `FetchRefusedError`
 * that says what happened in one sentence.
 */
export function createResourceFetcher(options: FetcherOptions): ResourceFetcher {
  const maxRedirects = options.maxRedirects ?? 5;
  const lookup = checkedLookup(options.resolve ?? systemResolve, options.isAllowedAddress);

  const checkUrl = (url: URL): void => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchRefusedError(`Refused: only http and https links can be added (got ${url.protocol}).`);
    }
    if (url.username || url.password) {
      throw new FetchRefusedError('Refused: links with a user name or password are not fetched.');
    }
    const literal = literalAddress(url.hostname);
    // A literal address is connected to without resolution, so `checkedLookup` never sees it.
    if (literal !== undefined && !options.isAllowedAddress(literal)) {
      throw new FetchRefusedError(`Refused: ${literal} is not a public address.`);
    }
  };

  const open = (url: URL, signal: AbortSignal): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        method: 'GET',
        headers: {
          'user-agent': USER_AGENT,
          accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1',
          'accept-encoding': 'gzip, deflate, br',
        },
        lookup,
        signal,
        // A fresh connection per request: a pooled one could have been opened to an address checked for
        // another host name.
        agent: false,
      });
      request.once('response', resolve);
      request.once('error', reject);
      request.end();
    });

  const readBody = async (response: IncomingMessage, url: URL): Promise<Uint8Array> => {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.destroy();
      throw new FetchRefusedError(
        `Refused: ${url.host} sent ${megabytes(declared)}, more than the ${megabytes(options.maxBytes)} limit.`,
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of decoded(response)) {
      const piece = chunk as Buffer;
      total += piece.length;
      if (total > options.maxBytes) {
        response.destroy();
        throw new FetchRefusedError(
          `Refused: the content from ${url.host} is larger than the ${megabytes(options.maxBytes)} limit.`,
        );
      }
      chunks.push(piece);
    }
    return new Uint8Array(Buffer.concat(chunks));
  };

  return {
    async fetch(address, { accept }) {
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        throw new FetchRefusedError(`That is not a link: ${address.slice(0, 200)}`);
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), options.timeoutMs);
      try {
        for (let redirects = 0; ; redirects++) {
          checkUrl(url);
          const response = await open(url, controller.signal);
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (REDIRECTS.has(status) && location) {
            response.resume();
            if (redirects >= maxRedirects) {
              throw new FetchRefusedError(`Refused: more than ${maxRedirects} redirects.`);
            }
            url = new URL(location, url);
            continue;
          }
          if (status < 200 || status >= 300) {
            response.resume();
            throw new FetchRefusedError(`${url.host} answered HTTP ${status}; nothing was added.`);
          }
          const { mediaType, charset } = parseContentType(response.headers['content-type']);
          if (!accept(mediaType)) {
            response.destroy();
            throw new FetchRefusedError(
              `Refused: ${mediaType || 'content without a type'} is not a news page (HTML or text).`,
            );
          }
          const bytes = await readBody(response, url);
          return { url: url.href, mediaType, charset, bytes };
        }
      } catch (error) {
        if (error instanceof FetchRefusedError) throw error;
        if (controller.signal.aborted) {
          throw new FetchRefusedError(
            `Refused: ${url.host} took longer than ${Math.round(options.timeoutMs / 100) / 10} s.`,
          );
        }
        throw new FetchRefusedError(describeNetworkError(error, url));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Bytes already in hand (a local file) behind the same size check as a fetched body. */
export function checkSize(bytes: number, maxBytes: number, what: string): void {
  if (bytes > maxBytes) {
    throw new FetchRefusedError(
      `Refused: ${what} is ${megabytes(bytes)}, more than the ${megabytes(maxBytes)} limit.`,
    );
  }
}
