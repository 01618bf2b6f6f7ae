import * as chrono from 'chrono-node';
import type { DomDocument, DomElement } from './dom.js';

/** What a news page says about itself, each field from the most reliable place that has it. */
export interface PageMetadata {
  title?: string;
  /** `YYYY-MM-DD`, the date as the publisher wrote it (not shifted to UTC). */
  published?: string;
  author?: string;
  /** The outlet. */
  source?: string;
  /** The page's canonical address, absolute, http(s) only. */
  canonicalUrl?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line, no runs of white space, at most `limit` characters; undefined when nothing is left. */
export function tidy(value: unknown, limit = 300): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text;
}

const ARTICLE_TYPE = /(Article|BlogPosting|Report)$/;

/** Every object in the page's JSON-LD blocks, `@graph` lists and nested arrays flattened. */
function jsonLdNodes(document: DomDocument): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      nodes.push(value);
      if (Array.isArray(value['@graph'])) visit(value['@graph']);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken block (common: trailing commas, HTML entities) is skipped; the page's other tags still count.
    }
  }
  return nodes;
}

/** The page's `NewsArticle` / `Article` (or a kind of either) node. */
function articleNode(document: DomDocument): JsonObject | undefined {
  return jsonLdNodes(document).find((node) => {
    const type = node['@type'];
    const types = Array.isArray(type) ? type : [type];
    return types.some((name) => typeof name === 'string' && ARTICLE_TYPE.test(name));
  });
}

/** A schema.org name: a string, an object with `name`, or a list of either (several authors). */
function names(value: unknown): string | undefined {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const list = items
    .map((item): unknown => (isObject(item) ? item['name'] : item))
    .map((item) => tidy(item, 200))
    .filter((item): item is string => item !== undefined && !looksLikeUrl(item));
  return list.length > 0 ? [...new Set(list)].join(', ') : undefined;
}

function looksLikeUrl(text: string): boolean {
  return /^(https?:)?\/\//i.test(text);
}

/** The first `<meta>` whose property, name or itemprop is one of `keys` (case-insensitive), in `keys` order. */
function meta(document: DomDocument, ...keys: string[]): string | undefined {
  const tags = Array.from(document.querySelectorAll('meta'));
  for (const key of keys) {
    const tag = tags.find((candidate) =>
      ['property', 'name', 'itemprop'].some(
        (attribute) => candidate.getAttribute(attribute)?.trim().toLowerCase() === key,
      ),
    );
    const content = tidy(tag?.getAttribute('content'));
    if (content !== undefined) return content;
  }
  return undefined;
}

/**
 * A publication date as `YYYY-MM-DD`. An ISO date is taken as written ("2024-05-06T23:30:00-04:00" was the 6th
 * where it was published, though the 7th in UTC); anything else ("May 6, 2024") is read by chrono.
 */
export function publicationDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  let parts: [number, number, number] | undefined;
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (/\b(19|20)\d\d\b/.test(value)) {
    // Only a date that names its year: chrono reads "yesterday" too, relative to today, not to the article.
    const start = chrono.parse(value)[0]?.start;
    if (start?.isCertain('year') && start.isCertain('day')) {
      parts = [start.get('year') ?? 0, start.get('month') ?? 0, start.get('day') ?? 0];
    }
  }
  if (!parts) return undefined;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  // 1990: before it there were no news web pages; a later year than next year is a typo or a placeholder.
  if (date.getUTCMonth() !== month - 1 || year < 1990 || year > new Date().getUTCFullYear() + 1)
    return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `<time datetime>` that dates the article: one marked as its publication, else the first in it. */
function timeElementDate(document: DomDocument): string | undefined {
  const marked = document.querySelector('time[itemprop~="datePublished"][datetime], time[pubdate][datetime]');
  const inArticle = document.querySelector('article time[datetime]');
  const anywhere = document.querySelector('time[datetime]');
  for (const element of [marked, inArticle, anywhere]) {
    const date = publicationDate(element?.getAttribute('datetime') ?? undefined);
    if (date) return date;
  }
  return undefined;
}

/** An http(s) address, relative ones resolved against the page's own; without one, only absolute ones count. */
function absoluteHttpUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function attribute(element: DomElement | null, name: string): string | undefined {
  return tidy(element?.getAttribute(name) ?? undefined, 2000);
}

/**
 * Reads a page's own description of itself, in order of reliability: JSON-LD (`NewsArticle`/`Article`:
 * headline, datePublished, author, publisher, url), then OpenGraph and article tags, then other `<meta>` tags
 * (Dublin Core, Parse.ly, Sailthru and plain `author`/`date`), then `<time datetime>`, and the canonical link.
 * Call it before Readability, which rewrites the document.
 */
export function readPageMetadata(document: DomDocument, pageUrl: string | undefined): PageMetadata {
  const article = articleNode(document);
  const publisher = article?.['publisher'];
  const mainEntity = article?.['mainEntityOfPage'];
  const jsonLdUrl =
    tidy(article?.['url']) ?? (isObject(mainEntity) ? tidy(mainEntity['@id']) : tidy(mainEntity));

  const title =
    tidy(article?.['headline']) ??
    tidy(article?.['name']) ??
    meta(document, 'og:title', 'twitter:title', 'dc.title', 'headline');
  const published =
    publicationDate(tidy(article?.['datePublished'])) ??
    publicationDate(
      meta(
        document,
        'article:published_time',
        'datepublished',
        'pubdate',
        'publishdate',
        'publish-date',
        'date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'parsely-pub-date',
        'sailthru.date',
      ),
    ) ??
    timeElementDate(document) ??
    publicationDate(tidy(article?.['dateCreated']));
  const author =
    names(article?.['author']) ??
    names(meta(document, 'author', 'article:author', 'parsely-author', 'dc.creator'));
  const source = names(publisher) ?? meta(document, 'og:site_name', 'application-name', 'publisher');
  const canonicalUrl =
    absoluteHttpUrl(attribute(document.querySelector('link[rel~="canonical"]'), 'href'), pageUrl) ??
    absoluteHttpUrl(meta(document, 'og:url'), pageUrl) ??
    absoluteHttpUrl(jsonLdUrl, pageUrl);

  return {
    ...(title ? { title } : {}),
    ...(published ? { published } : {}),
    ...(author ? { author } : {}),
    ...(source ? { source } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
  };
}
