import { closeSync, readSync } from 'node:fs';
import { contentTerms } from '../corpus/tokens.js';
import { IndexInvalidError } from './manifest.js';

/**
 * A segment's `.terms` file: its chunks (where each lies, and its length in terms) and an inverted index of
 * their content terms, written at build time so that opening a generation never re-reads the articles' text.
 * Little-endian, every section 4-byte aligned:
 *
 *     header            8 × u32: magic, version, chunks, terms, postings, term bytes, 0, 0
 *     chunks            chunks × 6 u32: graph label, entry (line of the .jsonl), paragraph, start, end, length
 *     term byte starts  (terms + 1) u32: where each term's UTF-8 bytes start in `term bytes`
 *     posting starts    (terms + 1) u32: where each term's postings start
 *     term bytes        the terms' UTF-8, sorted bytewise (padded to 4)
 *     posting chunks    postings u32: the chunk (index in this file) of each posting, ascending per term
 *     posting counts    postings u16: how often the term occurs in that chunk
 *
 * A process serving the generation keeps the header, the chunk table and the sorted terms in memory, and reads
 * the postings of a question's terms from disk when it is asked: a million chunks' postings stay on disk.
 */
const MAGIC = 0x49544241; // "ABTI"
const VERSION = 1;
const HEADER_WORDS = 8;
export const CHUNK_WORDS = 6;

/** A chunk as a term file records it; `text` is only needed to write the file. */
export interface TermFileChunk {
  label: number;
  entry: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

function align(bytes: number): number {
  return Math.ceil(bytes / 4) * 4;
}

/** Builds the term file of a segment's chunks, in the order given (the order of their entries). */
export function renderTermFile(chunks: readonly TermFileChunk[]): Buffer {
  const postingsByTerm = new Map<string, number[]>();
  const table = new Uint32Array(chunks.length * CHUNK_WORDS);
  chunks.forEach((chunk, index) => {
    const terms = contentTerms(chunk.text);
    table.set(
      [chunk.label, chunk.entry, chunk.paragraph, chunk.start, chunk.end, terms.length],
      index * CHUNK_WORDS,
    );
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let list = postingsByTerm.get(term);
      if (!list) postingsByTerm.set(term, (list = []));
      // Chunk and count packed in one number: chunks stay below 2^32 / 2^16 in any one segment.
      list.push(index * 65_536 + Math.min(count, 65_535));
    }
  });
  const encoded = [...postingsByTerm.keys()]
    .map((term) => ({ term, bytes: Buffer.from(term, 'utf8') }))
    .sort((left, right) => Buffer.compare(left.bytes, right.bytes));
  const termCount = encoded.length;
  const postingCount = [...postingsByTerm.values()].reduce((sum, list) => sum + list.length, 0);
  const termBytesLength = encoded.reduce((sum, { bytes }) => sum + bytes.length, 0);

  const size =
    4 * HEADER_WORDS +
    4 * table.length +
    8 * (termCount + 1) +
    align(termBytesLength) +
    4 * postingCount +
    2 * postingCount;
  const file = Buffer.alloc(size);
  let offset = 0;
  const words = (values: ArrayLike<number>): void => {
    for (let index = 0; index < values.length; index++)
      file.writeUInt32LE(values[index] ?? 0, offset + 4 * index);
    offset += 4 * values.length;
  };
  words([MAGIC, VERSION, chunks.length, termCount, postingCount, termBytesLength, 0, 0]);
  words(table);
  const byteStarts = new Uint32Array(termCount + 1);
  const postingStarts = new Uint32Array(termCount + 1);
  encoded.forEach(({ term, bytes }, index) => {
    byteStarts[index + 1] = (byteStarts[index] ?? 0) + bytes.length;
    postingStarts[index + 1] = (postingStarts[index] ?? 0) + (postingsByTerm.get(term)?.length ?? 0);
  });
  words(byteStarts);
  words(postingStarts);
  for (const { bytes } of encoded) {
    bytes.copy(file, offset);
    offset += bytes.length;
  }
  offset = align(offset);
  const countsAt = offset + 4 * postingCount;
  let posting = 0;
  for (const { term } of encoded) {
    for (const packed of postingsByTerm.get(term) ?? []) {
      file.writeUInt32LE(Math.floor(packed / 65_536), offset + 4 * posting);
      file.writeUInt16LE(packed % 65_536, countsAt + 2 * posting);
      posting++;
    }
  }
  return file;
}

/**
 * Reads `length` bytes at `position` of an open index file into a fresh, aligned buffer (typed arrays can view
 * it directly). Synchronous: answering a question is, and these reads come from the page cache.
 */
export function readAt(fd: number, position: number, length: number): Uint8Array {
  const bytes = new Uint8Array(new ArrayBuffer(length));
  let done = 0;
  while (done < length) {
    const read = readSync(fd, bytes, done, length - done, position + done);
    if (read === 0) throw new IndexInvalidError('an index file ended early (truncated)');
    done += read;
  }
  return bytes;
}

/** The postings of one term in one term file: chunks (indexes in the file) and counts, in the same order. */
export interface Postings {
  chunks: Uint32Array;
  counts: Uint16Array;
}

/** An open term file: what a serving process keeps of it, and the postings it reads on demand. */
export class TermFile {
  private constructor(
    private readonly fd: number,
    readonly chunkCount: number,
    /** `CHUNK_WORDS` numbers per chunk (see the layout above). */
    readonly chunks: Uint32Array,
    private readonly byteStarts: Uint32Array,
    private readonly postingStarts: Uint32Array,
    private readonly termBytes: Buffer,
    private readonly postingsAt: number,
    private readonly countsAt: number,
  ) {}

  /** Reads everything but the postings from an open file; the file must stay open while this is used. */
  static open(fd: number, fileSize: number): TermFile {
    const header = new Uint32Array(readAt(fd, 0, 4 * HEADER_WORDS).buffer);
    const [magic, version, chunkCount = 0, termCount = 0, postingCount = 0, termBytesLength = 0] = header;
    if (magic !== MAGIC || version !== VERSION)
      throw new IndexInvalidError('a term file has an unknown format');
    const chunksAt = 4 * HEADER_WORDS;
    const startsAt = chunksAt + 4 * CHUNK_WORDS * chunkCount;
    const termBytesAt = startsAt + 8 * (termCount + 1);
    const postingsAt = termBytesAt + align(termBytesLength);
    const countsAt = postingsAt + 4 * postingCount;
    if (countsAt + 2 * postingCount !== fileSize)
      throw new IndexInvalidError('a term file has the wrong size');
    const fixed = readAt(fd, chunksAt, postingsAt - chunksAt);
    const words = (from: number, count: number): Uint32Array =>
      new Uint32Array(fixed.buffer, from - chunksAt, count);
    return new TermFile(
      fd,
      chunkCount,
      words(chunksAt, CHUNK_WORDS * chunkCount),
      words(startsAt, termCount + 1),
      words(startsAt + 4 * (termCount + 1), termCount + 1),
      Buffer.from(fixed.buffer, termBytesAt - chunksAt, termBytesLength),
      postingsAt,
      countsAt,
    );
  }

  get termCount(): number {
    return this.byteStarts.length - 1;
  }

  /** The index of `term` in the sorted terms, or -1: a binary search over the terms' bytes. */
  find(term: string): number {
    const wanted = Buffer.from(term, 'utf8');
    let low = 0;
    let high = this.termCount - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const candidate = this.termBytes.subarray(this.byteStarts[middle], this.byteStarts[middle + 1]);
      const order = Buffer.compare(candidate, wanted);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** How many of this file's chunks hold the term at `index` (dead ones included). */
  postingCount(index: number): number {
    return (this.postingStarts[index + 1] ?? 0) - (this.postingStarts[index] ?? 0);
  }

  /** The postings of the term at `index`, read from disk. */
  postings(index: number): Postings {
    const first = this.postingStarts[index] ?? 0;
    const count = this.postingCount(index);
    if (count === 0) return { chunks: new Uint32Array(0), counts: new Uint16Array(0) };
    return {
      chunks: new Uint32Array(readAt(this.fd, this.postingsAt + 4 * first, 4 * count).buffer),
      counts: new Uint16Array(readAt(this.fd, this.countsAt + 2 * first, 2 * count).buffer),
    };
  }

  close(): void {
    closeSync(this.fd);
  }
}
