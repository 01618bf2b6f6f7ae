import type { Article, ArticleMetadata } from '../corpus/types.js';
import { FILES, IndexInvalidError, type Manifest } from './manifest.js';

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
  /** What a per-article enricher derived from this article. */
  facts?: unknown;
}

export function toSegmentEntry(
  article: Article,
  chunks: SegmentEntry['chunks'],
  facts?: unknown,
): SegmentEntry {
  const { paragraphs, ...rest } = article;
  return {
    article: {
      ...rest,
      paragraphs: paragraphs.map((paragraph) => [paragraph.number, paragraph.start, paragraph.end]),
    },
    chunks,
    ...(facts === undefined ? {} : { facts }),
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

type ListedArticle = Manifest['articles'][number];

/** The live entries of one segment by file, each checked against what the manifest says of it. */
export function parseSegment(
  name: string,
  bytes: Buffer,
  listedByFile: ReadonlyMap<string, ListedArticle>,
): Map<string, SegmentEntry> {
  let parsed: { entries: SegmentEntry[] };
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as { entries: SegmentEntry[] };
  } catch {
    throw new IndexInvalidError(`index file ${FILES.segments}/${name} is not valid JSON`);
  }
  const entries = new Map<string, SegmentEntry>();
  for (const entry of parsed.entries) {
    const listed = listedByFile.get(entry.article.file);
    if (listed?.segment !== name || listed.contentHash !== entry.article.contentHash) continue;
    const consecutive = entry.chunks.every(([label], position) => label === listed.firstLabel + position);
    if (entry.chunks.length !== listed.chunks || !consecutive) {
      throw new IndexInvalidError(`article ${listed.file} has other chunks than the manifest lists`);
    }
    entries.set(entry.article.file, entry);
  }
  return entries;
}

/** Every live entry, by file; fails when the manifest lists an article no segment holds. */
export function parseAllSegments(
  manifest: Manifest,
  segmentBytes: ReadonlyMap<string, Buffer>,
): Map<string, SegmentEntry> {
  const listedByFile = new Map(manifest.articles.map((article) => [article.file, article]));
  const entries = new Map<string, SegmentEntry>();
  for (const [name, bytes] of segmentBytes) {
    for (const [file, entry] of parseSegment(name, bytes, listedByFile)) entries.set(file, entry);
  }
  for (const article of manifest.articles) {
    if (!entries.has(article.file)) {
      throw new IndexInvalidError(`segment ${article.segment} lacks article ${article.file}`);
    }
  }
  return entries;
}
