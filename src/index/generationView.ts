import { closeSync } from 'node:fs';
import type { Article } from '../corpus/types.js';
import type { Manifest } from './manifest.js';
import { IndexInvalidError } from './manifest.js';
import { articleOf, parseEntry } from './segments.js';
import { CHUNK_WORDS, readAt, type TermFile } from './termFile.js';

/** An article as the manifest lists it: enough for /sources and filters, without its text. */
export type CatalogArticle = Manifest['articles'][number];

/**
 * The live chunks of a generation as rows 0..count-1, in corpus order; the rows of one article are consecutive.
 * Typed arrays, so a million chunks cost ~20 MB rather than a million objects.
 */
export interface ChunkRows {
  readonly count: number;
  /** Position of the row's article in `LoadedGeneration.articles`. */
  readonly article: Uint32Array;
  readonly paragraph: Uint32Array;
  /** Offsets of the chunk in its article's text. */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** Content terms in the chunk (what BM25 calls its length). */
  readonly length: Uint32Array;
  /** The row of each graph label, or -1 (a label of a dead chunk). */
  readonly rowOfLabel: Int32Array;
  /** The first row of each article, and one past its last: `firstRow[i]`..`firstRow[i + 1]`. */
  readonly firstRow: Uint32Array;
}

/** Postings of one term over the live rows: the rows holding it, and how often. */
export interface RowPostings {
  rows: Uint32Array;
  counts: Uint16Array;
}

/**
 * The lexical side of a generation, for BM25: read from the segments' term files, with exact statistics over
 * the live rows (a dead chunk still listed in a shared segment counts nowhere).
 */
export interface TermIndex {
  readonly documentCount: number;
  readonly averageLength: number;
  lengthOf(row: number): number;
  /** The live rows holding `term`; empty for a term no live chunk has. */
  postings(term: string): RowPostings;
}

export interface OpenSegment {
  name: string;
  /** The open `.jsonl`, read one article at a time. */
  entriesFd: number;
  terms: TermFile;
  /** The row of each chunk of `terms`, or -1 when the chunk is dead in this generation. */
  rowOfChunk: Int32Array;
}

/** Articles kept parsed: the few a story's questions keep reaching, not the corpus. */
const ARTICLE_CACHE = 1024;
/** Postings kept per term, counted in rows: a frequent term's list is reused by the next question. */
const POSTINGS_CACHE_ROWS = 2_000_000;

/** Builds the rows of a generation from its manifest and its segments' term files. */
export function buildChunkRows(manifest: Manifest, segments: readonly OpenSegment[]): ChunkRows {
  const count = manifest.chunkCount;
  const rows: ChunkRows = {
    count,
    article: new Uint32Array(count),
    paragraph: new Uint32Array(count),
    start: new Uint32Array(count),
    end: new Uint32Array(count),
    length: new Uint32Array(count),
    rowOfLabel: new Int32Array(manifest.graph.nextLabel).fill(-1),
    firstRow: new Uint32Array(manifest.articles.length + 1),
  };
  let row = 0;
  manifest.articles.forEach((listed, position) => {
    rows.firstRow[position] = row;
    for (let chunk = 0; chunk < listed.chunks; chunk++) {
      const label = listed.firstLabel + chunk;
      if (label >= rows.rowOfLabel.length || rows.rowOfLabel[label] !== -1) {
        throw new IndexInvalidError(`graph label ${label} is used twice or out of range`);
      }
      rows.rowOfLabel[label] = row;
      rows.article[row] = position;
      row++;
    }
  });
  rows.firstRow[manifest.articles.length] = row;
  if (row !== count) throw new IndexInvalidError('index counts disagree with the manifest');
  let filled = 0;
  for (const segment of segments) {
    const table = segment.terms.chunks;
    for (let chunk = 0; chunk < segment.terms.chunkCount; chunk++) {
      const at = chunk * CHUNK_WORDS;
      const target = rows.rowOfLabel[table[at] ?? -1] ?? -1;
      // A chunk of an article that changed or left since this segment was written: dead here.
      if (target < 0 || manifest.articles[rows.article[target] ?? 0]?.segment !== segment.name) continue;
      segment.rowOfChunk[chunk] = target;
      rows.paragraph[target] = table[at + 2] ?? 0;
      rows.start[target] = table[at + 3] ?? 0;
      rows.end[target] = table[at + 4] ?? 0;
      rows.length[target] = table[at + 5] ?? 0;
      filled++;
    }
  }
  if (filled !== count)
    throw new IndexInvalidError('the segments do not hold every chunk the manifest lists');
  return rows;
}

/**
 * What a serving process reads from a generation's segments on demand: articles by id (a small cache of the
 * parsed ones) and the postings of a question's terms. It holds the segment files open: a generation retired
 * while a question still runs on it is removed from the folder, but its open files stay readable.
 */
export class SegmentReader implements TermIndex {
  readonly documentCount: number;
  readonly averageLength: number;
  private readonly ordinalOf: Map<string, number>;
  private readonly articleCache = new Map<number, Article>();
  private readonly postingsCache = new Map<string, RowPostings>();
  private postingsCached = 0;
  private closed = false;

  constructor(
    private readonly articles: readonly CatalogArticle[],
    private readonly segments: readonly OpenSegment[],
    readonly rows: ChunkRows,
  ) {
    this.ordinalOf = new Map(articles.map((article, position) => [article.id, position]));
    this.documentCount = rows.count;
    let total = 0;
    for (let row = 0; row < rows.count; row++) total += rows.length[row] ?? 0;
    this.averageLength = rows.count === 0 ? 1 : Math.max(1, total / rows.count);
  }

  ordinal(id: string): number | undefined {
    return this.ordinalOf.get(id);
  }

  article(ordinal: number): Article | undefined {
    const cached = this.articleCache.get(ordinal);
    if (cached) {
      // Most recently used last: a Map iterates in insertion order, so the first entry is the one to evict.
      this.articleCache.delete(ordinal);
      this.articleCache.set(ordinal, cached);
      return cached;
    }
    const listed = this.articles[ordinal];
    const segment = listed && this.segments.find((candidate) => candidate.name === listed.segment);
    if (!listed || !segment) return undefined;
    const [offset, length] = listed.entry;
    const article = articleOf(parseEntry(readAt(segment.entriesFd, offset, length), listed));
    this.articleCache.set(ordinal, article);
    if (this.articleCache.size > ARTICLE_CACHE) {
      const oldest = this.articleCache.keys().next().value;
      if (oldest !== undefined) this.articleCache.delete(oldest);
    }
    return article;
  }

  lengthOf(row: number): number {
    return this.rows.length[row] ?? 0;
  }

  postings(term: string): RowPostings {
    const cached = this.postingsCache.get(term);
    if (cached) return cached;
    const parts: RowPostings[] = [];
    let total = 0;
    for (const segment of this.segments) {
      const index = segment.terms.find(term);
      if (index < 0) continue;
      const { chunks, counts } = segment.terms.postings(index);
      const rows = new Uint32Array(chunks.length);
      const kept = new Uint16Array(chunks.length);
      let live = 0;
      for (let position = 0; position < chunks.length; position++) {
        const row = segment.rowOfChunk[chunks[position] ?? 0] ?? -1;
        if (row < 0) continue;
        rows[live] = row;
        kept[live] = counts[position] ?? 0;
        live++;
      }
      parts.push({ rows: rows.subarray(0, live), counts: kept.subarray(0, live) });
      total += live;
    }
    const merged: RowPostings =
      parts.length === 1 && parts[0]
        ? parts[0]
        : { rows: new Uint32Array(total), counts: new Uint16Array(total) };
    if (parts.length > 1) {
      let at = 0;
      for (const part of parts) {
        merged.rows.set(part.rows, at);
        merged.counts.set(part.counts, at);
        at += part.rows.length;
      }
    }
    this.remember(term, merged);
    return merged;
  }

  private remember(term: string, postings: RowPostings): void {
    this.postingsCache.set(term, postings);
    this.postingsCached += postings.rows.length;
    while (this.postingsCached > POSTINGS_CACHE_ROWS && this.postingsCache.size > 1) {
      const [oldest, evicted] = this.postingsCache.entries().next().value ?? [];
      if (oldest === undefined || !evicted) break;
      this.postingsCache.delete(oldest);
      this.postingsCached -= evicted.rows.length;
    }
  }

  /** Closes the segment files. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSegments(this.segments);
  }
}

export function closeSegments(segments: readonly OpenSegment[]): void {
  for (const segment of segments) {
    closeSync(segment.entriesFd);
    segment.terms.close();
  }
}
