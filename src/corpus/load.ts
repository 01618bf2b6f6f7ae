import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { extractParagraphs } from './clean.js';
import { splitFrontMatter } from './frontMatter.js';
import { foldedWords } from './tokens.js';
import type { Article, ArticleMetadata, Paragraph } from './types.js';

export const ARTICLE_EXTENSIONS = ['.md', '.txt'] as const;

/** Larger files are refused: a news article is tens of kilobytes, and a runaway file must not stall indexing. */
export const MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

export interface SkippedFile {
  file: string;
  reason: string;
  /** sha256 of the file, so an index can tell that a skipped file has not changed since. */
  contentHash: string;
}

export interface LoadedCorpus {
  articles: Article[];
  skipped: SkippedFile[];
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one article file. Returns a reason string instead of an article when the file cannot be used,
 * so one bad file is reported and skipped rather than failing the whole corpus.
 */
export function parseArticle(file: string, bytes: Uint8Array): Article | string {
  if (bytes.length === 0) return 'empty file';
  // UTF-16 text is full of NUL bytes; name the encoding rather than calling it binary, so the fix is obvious.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'UTF-16 text (save it as UTF-8)';
  }
  if (bytes.includes(0)) return 'binary file (contains NUL bytes)';
  let raw: string;
  try {
    raw = utf8.decode(bytes);
  } catch {
    return 'not valid UTF-8 text';
  }
  if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  const { fields, bodyStart } = splitFrontMatter(raw);
  const text = raw.slice(bodyStart);
  const paragraphs = extractParagraphs(text);
  if (paragraphs.length === 0) return bodyStart > 0 ? 'front matter only, no article text' : 'no article text';
  const id = path.basename(file, path.extname(file));
  const metadata = readMetadata(fields, id, paragraphs[0]?.text ?? '');
  return {
    id,
    file,
    metadata,
    text,
    paragraphs: typeof fields['title'] === 'string' ? withoutRepeatedHeadline(paragraphs, metadata.title) : paragraphs,
    contentHash: hashBytes(bytes),
  };
}

/**
 * Scraped articles often repeat their headline as the first line of the body. With the title in the front
 * matter that line is furniture: short and full of the story's key words, it would win every question while
 * answering none ("Why did Jobs resign?" → "Apple executive Steve Jobs resigns").
 */
function withoutRepeatedHeadline(paragraphs: readonly Paragraph[], title: string): Paragraph[] {
  const [first, ...rest] = paragraphs;
  if (!first || rest.length === 0 || comparable(first.text) !== comparable(title)) return [...paragraphs];
  return rest.map((paragraph, index) => ({ ...paragraph, number: index + 1 }));
}

function comparable(text: string): string {
  return foldedWords(text).join(' ');
}

function readMetadata(fields: Record<string, unknown>, id: string, firstParagraph: string): ArticleMetadata {
  const text = (key: string): string | undefined => {
    const value = fields[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
    return undefined;
  };
  const metadata: ArticleMetadata = {
    title: text('title') ?? fallbackTitle(firstParagraph, id),
    language: text('language') ?? 'en',
  };
  const author = text('author');
  const source = text('source') ?? text('outlet');
  const url = text('url');
  const published = readDate(fields['published'] ?? fields['date']);
  if (author) metadata.author = author;
  if (source) metadata.source = source;
  if (url) metadata.url = url;
  if (published) metadata.published = published;
  return metadata;
}

function readDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match?.[1];
}

function fallbackTitle(firstParagraph: string, id: string): string {
  const heading = /^#{1,6}\s+(.+)$/m.exec(firstParagraph)?.[1];
  if (heading) return heading.trim();
  const words = firstParagraph.split(/\s+/).slice(0, 12).join(' ');
  return words.length > 0 ? `${words}…` : id;
}

/**
 * Loads every `.md` and `.txt` file directly in `directory` (sorted by name, so ids and order are stable);
 * `README.md` describes the corpus and is not an article. Throws `InputError` when the directory is missing.
 * A folder with no usable article loads as no articles, every skipped file with its reason: the caller decides
 * whether that is an error (the index build says so, naming the files).
 */
export async function loadCorpus(directory: string): Promise<LoadedCorpus> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    throw new InputError(`Corpus folder not found: ${directory} (set CORPUS_DIR or create it)`);
  }
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const seenIds = new Set<string>();
  for (const name of names.sort()) {
    const extension = path.extname(name).toLowerCase();
    if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(extension) || name.toLowerCase() === 'readme.md') {
      continue;
    }
    const fullPath = path.join(directory, name);
    let bytes: Buffer;
    try {
      if (!(await stat(fullPath)).isFile()) continue;
      bytes = await readFile(fullPath);
    } catch (error) {
      // A dangling link or a file without read permission: report it like any other unusable file.
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      skipped.push({ file: name, reason: `unreadable (${code})`, contentHash: hashBytes(new Uint8Array()) });
      continue;
    }
    const contentHash = hashBytes(bytes);
    if (bytes.length > MAX_ARTICLE_BYTES) {
      skipped.push({ file: name, reason: `larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`, contentHash });
      continue;
    }
    const parsed = parseArticle(name, bytes);
    if (typeof parsed === 'string') {
      skipped.push({ file: name, reason: parsed, contentHash });
    } else if (seenIds.has(parsed.id)) {
      skipped.push({ file: name, reason: `another file already has the id "${parsed.id}"`, contentHash });
    } else {
      seenIds.add(parsed.id);
      articles.push(parsed);
    }
  }
  return { articles, skipped };
}
