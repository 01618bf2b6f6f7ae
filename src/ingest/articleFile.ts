import normalizeUrl from 'normalize-url';
import { stringify } from 'yaml';
import { foldText } from '../corpus/tokens.js';
import type { ExtractedArticle } from './extractArticle.js';

/** Who added an article and when, kept in its front matter. */
export interface Provenance {
  addedBy: string;
  /** ISO 8601. */
  addedAt: string;
}

const SLUG_WORDS_CHARACTERS = 60;

/**
 * The article's file name: its publication date (or `undated`) and its title as a slug, so the same story
 * always gets the same name and the folder lists in date order:
 * `2024-05-06-port-city-opens-new-harbour-bridge.md`.
 */
export function articleFileName(article: Pick<ExtractedArticle, 'title' | 'published'>): string {
  const words = foldText(article.title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word boundary, so a long headline does not end in half a word.
  const cut = words.length <= SLUG_WORDS_CHARACTERS ? words : words.slice(0, SLUG_WORDS_CHARACTERS + 1);
  const slug =
    (words.length <= SLUG_WORDS_CHARACTERS ? cut : cut.slice(0, cut.lastIndexOf('-'))) || 'article';
  return `${article.published ?? 'undated'}-${slug}.md`;
}

/**
 * The corpus file: YAML front matter (title, published, author, source, url, added_by, added_at) and the
 * paragraphs separated by blank lines. Written by a YAML library, so a headline with a colon, quotes or
 * `@everyone` in it stays one plain string value.
 */
export function renderArticleFile(article: ExtractedArticle, provenance: Provenance): string {
  const fields: Record<string, string> = { title: article.title };
  if (article.published) fields['published'] = article.published;
  if (article.author) fields['author'] = article.author;
  if (article.source) fields['source'] = article.source;
  if (article.url) fields['url'] = cleanUrl(article.url);
  fields['added_by'] = provenance.addedBy;
  fields['added_at'] = provenance.addedAt;
  // lineWidth 0: a long headline stays on one line rather than being folded.
  const frontMatter = stringify(fields, { lineWidth: 0 });
  return `---\n${frontMatter}---\n${article.paragraphs.join('\n\n')}\n`;
}

/** Query parameters that only say where a reader came from; they never change which story a link shows. */
const TRACKING_PARAMETERS = [
  /^utm_\w+/i,
  /^(fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|ocid|cmpid|smid|ito|ref|ref_src)$/i,
];

/**
 * A URL reduced to what identifies the story, so that two links to one page compare equal: normalize-url drops
 * the scheme, `www.`, the fragment, default ports, a trailing slash and tracking parameters, and sorts the rest.
 * Undefined for something that is not a URL.
 */
export function canonicalUrlKey(url: string | undefined): string | undefined {
  if (url === undefined || url.trim() === '') return undefined;
  try {
    return normalizeUrl(url.trim(), {
      stripProtocol: true,
      stripWWW: true,
      stripHash: true,
      removeQueryParameters: TRACKING_PARAMETERS,
      sortQueryParameters: true,
      removeTrailingSlash: true,
      removeSingleSlash: true,
    });
  } catch {
    return undefined;
  }
}

/** The link as stored in front matter: still the page's own address, less its fragment and tracking parameters. */
export function cleanUrl(url: string): string {
  try {
    return normalizeUrl(url, {
      stripHash: true,
      stripWWW: false,
      removeQueryParameters: TRACKING_PARAMETERS,
      removeTrailingSlash: false,
      sortQueryParameters: false,
    });
  } catch {
    return url;
  }
}
