import path from 'node:path';
import { extractParagraphs } from '../corpus/clean.js';
import { splitFrontMatter } from '../corpus/frontMatter.js';
import { foldedWords } from '../corpus/tokens.js';
import { InputError } from '../errors.js';
import { ELEMENT_NODE, TEXT_NODE, parseDocument, readArticle, type DomElement, type DomNode } from './dom.js';
import { publicationDate, readPageMetadata, tidy } from './pageMetadata.js';

/** An article as ingestion hands it to the corpus: metadata and the body as paragraphs of plain text. */
export interface ExtractedArticle {
  title: string;
  published?: string;
  author?: string;
  source?: string;
  /** The canonical address of the page, when it came from one. */
  url?: string;
  paragraphs: string[];
}

/** Below this much text a "page" is a paywall notice, an index page or an error page, not an article. */
export const MIN_ARTICLE_CHARACTERS = 200;

/** Elements whose text is not the article's: pictures and their captions, embedded media, controls. */
const SKIPPED: ReadonlySet<string> = new Set(
  (
    'FIGURE FIGCAPTION PICTURE IMG SVG VIDEO AUDIO IFRAME SCRIPT STYLE NOSCRIPT TEMPLATE BUTTON FORM INPUT ' +
    'SELECT TEXTAREA'
  ).split(' '),
);

/** Elements that start a new paragraph; everything else flows inside one. */
const BLOCKS: ReadonlySet<string> = new Set(
  (
    'ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DETAILS DIV DL DT FIELDSET FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN ' +
    'NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL BR'
  ).split(' '),
);

function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

function containsTime(element: DomElement): boolean {
  return element.tagName.toUpperCase() === 'TIME' || element.querySelector('time') !== null;
}

function textOf(node: DomNode): string {
  if (node.nodeType === TEXT_NODE) return node.textContent ?? '';
  if (!isElement(node) || SKIPPED.has(node.tagName.toUpperCase())) return '';
  return Array.from(node.childNodes, textOf).join('');
}

/** Longest dateline ("Published 17 February 2024, updated 18:05") told apart from a sentence with a date in it. */
const DATELINE_CHARACTERS = 80;

/**
 * The paragraphs of Readability's article HTML, as plain text: each block element's inline content is one
 * paragraph, white space collapsed. A dateline Readability left in place (a short run holding a `<time>` that is
 * not a sentence) is dropped: the date is in the front matter.
 */
function htmlParagraphs(root: DomElement): string[] {
  const paragraphs: string[] = [];
  const walk = (element: DomElement): void => {
    let run: DomNode[] = [];
    const flush = (): void => {
      const text = tidy(run.map(textOf).join(''), Number.POSITIVE_INFINITY);
      const dated = run.some((node) => isElement(node) && containsTime(node));
      const dateline =
        dated && text !== undefined && text.length <= DATELINE_CHARACTERS && !/[.!?]["'”’)]*$/.test(text);
      if (text !== undefined && !dateline) paragraphs.push(text);
      run = [];
    };
    for (const child of Array.from(element.childNodes)) {
      if (isElement(child) && SKIPPED.has(child.tagName.toUpperCase())) continue;
      if (isElement(child) && BLOCKS.has(child.tagName.toUpperCase())) {
        flush();
        walk(child);
      } else if (child.nodeType === TEXT_NODE || isElement(child)) {
        run.push(child);
      }
    }
    flush();
  };
  walk(root);
  return paragraphs;
}

function comparable(text: string): string {
  return foldedWords(text).join(' ');
}

/**
 * Drops what Readability leaves above the story: the headline repeated, and a byline ("By Dana Whitfield and
 * Ada Lindqvist") naming no one but the authors the front matter carries.
 */
function withoutLeadingFurniture(paragraphs: string[], title: string, author: string | undefined): string[] {
  const headline = comparable(title);
  const authorWords = new Set([...foldedWords(author ?? ''), 'by', 'and']);
  let start = 0;
  while (start < paragraphs.length && start < 3) {
    const text = comparable(paragraphs[start] ?? '');
    const words = text.split(' ');
    const isByline =
      author !== undefined &&
      words[0] === 'by' &&
      words.length <= 12 &&
      words.every((word) => authorWords.has(word));
    if (text !== headline && !isByline) break;
    start++;
  }
  return paragraphs.slice(start);
}

function requireText(paragraphs: string[], where: string): string[] {
  const characters = paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
  if (characters < MIN_ARTICLE_CHARACTERS) {
    throw new InputError(`No readable article text found in ${where}; nothing was added.`);
  }
  return paragraphs;
}

function bylineAuthor(byline: string | undefined): string | undefined {
  return tidy(byline?.replace(/^by\s+/i, ''), 200);
}

/**
 * A news page as an article: its metadata read first (JSON-LD, OpenGraph, `<meta>`, `<time>`, canonical link),
 * then Mozilla Readability picks the story out of the page and drops navigation, share bars, newsletter boxes,
 * related-story lists and comments. Scripts are never run, and only text is kept, so markup in the page cannot
 * reach the corpus. Throws `InputError` when the page has no readable article.
 */
export function extractFromHtml(html: string, pageUrl: string | undefined, where: string): ExtractedArticle {
  const document = parseDocument(html);
  const metadata = readPageMetadata(document, pageUrl);
  const fallbackTitle = tidy(document.title);
  const readable = readArticle(document);
  if (!readable) throw new InputError(`No readable article text found in ${where}; nothing was added.`);
  const title = metadata.title ?? readable.title ?? fallbackTitle;
  if (title === undefined) throw new InputError(`The article in ${where} has no title; nothing was added.`);
  const author = metadata.author ?? bylineAuthor(readable.byline);
  const published = metadata.published ?? publicationDate(readable.publishedTime);
  const source = metadata.source ?? readable.siteName;
  const url = metadata.canonicalUrl ?? pageUrl;
  const body = parseDocument(`<!doctype html><html><body>${readable.content}</body></html>`).body;
  const paragraphs = body ? withoutLeadingFurniture(htmlParagraphs(body), title, author) : [];
  return assemble(title, { published, author, source, url }, paragraphs, where);
}

/** The article, with only the metadata that was found, once it is known to have enough text. */
function assemble(
  title: string,
  found: Partial<Record<'published' | 'author' | 'source' | 'url', string | undefined>>,
  paragraphs: string[],
  where: string,
): ExtractedArticle {
  const article: ExtractedArticle = { title, paragraphs: requireText(paragraphs, where) };
  for (const key of ['published', 'author', 'source', 'url'] as const) {
    const value = found[key];
    if (value !== undefined && value !== '') article[key] = value;
  }
  return article;
}

/**
 * A `.txt` or `.md` file as an article: front matter, when it has one, gives the metadata (the corpus's own
 * keys); otherwise the title is a leading `# heading` or a short first line, or the file's name. The body is
 * split into paragraphs by the same cleaning every corpus file gets.
 */
export function extractFromText(text: string, fileName: string): ExtractedArticle {
  const { fields, bodyStart } = splitFrontMatter(text.replace(/^\uFEFF/, ''));
  const field = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = fields[key];
      const found = value instanceof Date ? value.toISOString().slice(0, 10) : tidy(value);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  let paragraphs = extractParagraphs(text.slice(bodyStart)).map((paragraph) => paragraph.text);
  let title = field('title', 'headline');
  const first = paragraphs[0];
  if (title === undefined && first !== undefined && paragraphs.length > 1) {
    const heading = /^#{1,6}\s+(.+)$/.exec(first)?.[1];
    const shortLine = !first.includes('\n') && first.length <= 200 && !/[.!?:;]["'”’)]*$/.test(first);
    if (heading !== undefined || shortLine) {
      title = tidy(heading ?? first);
      paragraphs = paragraphs.slice(1);
    }
  }
  title ??= tidy(path.basename(fileName, path.extname(fileName)).replace(/[-_]+/g, ' '));
  if (title === undefined) throw new InputError(`${fileName} has no title; nothing was added.`);
  const found = {
    published: publicationDate(field('published', 'date')),
    author: field('author'),
    source: field('source', 'outlet'),
    url: field('url'),
  };
  return assemble(title, found, paragraphs, fileName);
}
