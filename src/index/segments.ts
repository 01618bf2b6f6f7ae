import type { Article, ArticleMetadata } from '../corpus/types.js';
import { IndexInvalidError, type Manifest } from './manifest.js';

/**
 * One article as a segment file holds it. Paragraph texts are not repeated (they are slices of `text`), which
 * halves the bytes to write, hash and parse.
 */
export interface SegmentEntry {
  article: {
    id: string;
    file: string;
    metadata: ArticleMetadata;
    text: string;
    contentHash: string;
    /** `[number, start, end]` per paragraph. */
    paragraphs: [number, number, number][];
  };
  /** `[graph label, paragraph, start, end]` per chunk, in article order. */
  chunks: [number, number, number, number][];
}

/** Where an entry lies in its segment file: `[byte offset, byte length]` of its line. */
export type EntryRange = [number, number];

export function toSegmentEntry(article: Article, chunks: SegmentEntry['chunks']): SegmentEntry {
  const { paragraphs, ...rest } = article;
  return {
    article: {
      ...rest,
      paragraphs: paragraphs.map((paragraph) => [paragraph.number, paragraph.start, paragraph.end]),
    },
    chunks,
  };
}

export function articleOf(entry: SegmentEntry): Article {
  const { paragraphs, ...rest } = entry.article;
  return {
    ...rest,
    paragraphs: paragraphs.map(([number, start, end]) => ({
      number,
      start,
      end,
      text: rest.text.slice(start, end),
    })),
  };
}

/**
 * A segment file: one entry a line (JSON Lines), so one article can be read without the others: the manifest
 * keeps each article's byte range, and a serving process reads only the articles a question reaches.
 */
export function renderSegment(entries: readonly SegmentEntry[]): { bytes: Buffer; ranges: EntryRange[] } {
  const lines = entries.map((entry) => Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8'));
  const ranges: EntryRange[] = [];
  let offset = 0;
  for (const line of lines) {
    ranges.push([offset, line.length]);
    offset += line.length;
  }
  return { bytes: Buffer.concat(lines, offset), ranges };
}

type ListedArticle = Manifest['articles'][number];

/** Parses one entry's bytes and checks it is the article the manifest lists there. */
export function parseEntry(bytes: Uint8Array, listed: ListedArticle): SegmentEntry {
  let entry: SegmentEntry;
  try {
    entry = JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    ) as SegmentEntry;
  } catch {
    throw new IndexInvalidError(`segment ${listed.segment} holds no readable entry for ${listed.file}`);
  }
  if (entry.article.file !== listed.file || entry.article.contentHash !== listed.contentHash) {
    throw new IndexInvalidError(
      `segment ${listed.segment} holds another article where ${listed.file} should be`,
    );
  }
  const consecutive = entry.chunks.every(([label], position) => label === listed.firstLabel + position);
  if (entry.chunks.length !== listed.chunks || !consecutive) {
    throw new IndexInvalidError(`article ${listed.file} has other chunks than the manifest lists`);
  }
  return entry;
}
