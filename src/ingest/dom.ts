import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/**
 * The few DOM members ingestion reads. The project does not ask for the DOM library (it is a Node program, and
 * the browser's globals would shadow Node's timers), so linkedom's and Readability's `Document` are given this
 * shape here, the one place that imports them. (@types/opentype.js loads the DOM library anyway, so the types
 * must hold with it and without it.)
 */
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** What Readability makes of a page: the article's HTML and what it found out about it. */
export interface ReadabilityResult {
  title: string | undefined;
  /** The article body as HTML, page furniture removed. */
  content: string;
  byline: string | undefined;
  siteName: string | undefined;
  publishedTime: string | undefined;
  lang: string | undefined;
}

/**
 * linkedom over jsdom: jsdom 27 and later need Node 22, and the older majors bring ~100 dependencies; linkedom is
 * a few small ones, parses a news page in milliseconds, and Readability supports it (it stopped relying on live
 * collections for it). It runs no script and fetches nothing, so a page is only ever data.
 */
export function parseDocument(html: string): DomDocument {
  // A fragment without <html> would leave linkedom's document without a body for Readability to read.
  const wrapped = /<html[\s>]/i.test(html)
    ? html
    : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return (parseHTML(wrapped) as unknown as { document: DomDocument }).document;
}

/** Runs Mozilla Readability over `document`, which it changes: read anything else from the page first. */
export function readArticle(document: DomDocument): ReadabilityResult | undefined {
  // Readability's types name the DOM's Document, which linkedom's document is at run time: not this shape.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (!parsed?.content) return undefined;
  const text = (value: string | null | undefined): string | undefined =>
    value === null || value === undefined || value.trim() === '' ? undefined : value.trim();
  return {
    title: text(parsed.title),
    content: parsed.content,
    byline: text(parsed.byline),
    siteName: text(parsed.siteName),
    publishedTime: text(parsed.publishedTime),
    lang: text(parsed.lang),
  };
}
