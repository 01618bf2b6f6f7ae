import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  WordVectorCacheError,
  decodeWordVectors,
  encodeWordVectors,
  readWordVectorCache,
  writeWordVectorCache,
  type WordVectorTable,
} from '../../src/embeddings/wordVectorCache.js';
import { gaussian, seededRandom, temporaryFolders } from '../support/fixtures.js';

const folders = temporaryFolders();
afterEach(folders.removeAll);

const WORDS = ['the', 'of', 'ambassador', 'envoy', 'josé', 'perú', '2022', 'naïve', '東京', 'z'];
const DIMENSIONS = 6;

function randomVectors(count: number, dimensions: number, seed = 3): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: dimensions }, () => gaussian(random)));
}

/** The vector a table gives back for a row: the int8 values times the row's scale. */
function rowVector(table: WordVectorTable, row: number): number[] {
  return Array.from(
    table.values.subarray(row * table.dimensions, (row + 1) * table.dimensions),
    (value) => value * (table.scales[row] ?? 0),
  );
}

describe('word-vector cache', () => {
  const vectors = randomVectors(WORDS.length, DIMENSIONS);
  const encoded = encodeWordVectors('test@1', WORDS, vectors);

  it('GIVEN a table THEN decoding its encoding gives back the header, words and rows', () => {
    const table = decodeWordVectors(encoded);
    expect(table.header).toMatchObject({ source: 'test@1', count: WORDS.length, dimensions: DIMENSIONS });
    expect(table.count).toBe(WORDS.length);
    expect(table.dimensions).toBe(DIMENSIONS);
    for (const [row, word] of WORDS.entries()) {
      expect(table.rowOf(word)).toBe(row);
      expect(table.wordAt(row)).toBe(word);
    }
  });

  it('GIVEN int8 quantisation THEN every value is within half a step of the original', () => {
    const table = decodeWordVectors(encoded);
    for (const [row, original] of vectors.entries()) {
      const step = Math.max(...original.map(Math.abs)) / 127;
      rowVector(table, row).forEach((value, column) =>
        expect(Math.abs(value - (original[column] ?? 0))).toBeLessThanOrEqual(step / 2 + 1e-6),
      );
    }
  });

  it('GIVEN a word the vocabulary lacks THEN rowOf is -1, for near misses and the empty string too', () => {
    const table = decodeWordVectors(encoded);
    for (const word of ['ambassadors', 'Ambassador', 'jose', '', 'zz', 'th'])
      expect(table.rowOf(word)).toBe(-1);
  });

  it('GIVEN a word listed twice THEN the first (most frequent) row wins', () => {
    const table = decodeWordVectors(encodeWordVectors('dup', ['a', 'b', 'a'], randomVectors(3, 2)));
    expect(table.rowOf('a')).toBe(0);
  });

  it('GIVEN a large vocabulary THEN every word is found at its own row', () => {
    const words = Array.from({ length: 5000 }, (_, index) => `w${index.toString(36)}`);
    const table = decodeWordVectors(encodeWordVectors('large', words, randomVectors(words.length, 3)));
    for (const [row, word] of words.entries()) expect(table.rowOf(word)).toBe(row);
  });

  it('GIVEN a zero vector or an empty vocabulary THEN encodes without dividing by zero', () => {
    const zero = decodeWordVectors(encodeWordVectors('zero', ['nothing'], [[0, 0, 0]]));
    expect(rowVector(zero, 0)).toEqual([0, 0, 0]);
    const empty = decodeWordVectors(encodeWordVectors('empty', [], []));
    expect(empty.count).toBe(0);
    expect(empty.rowOf('anything')).toBe(-1);
  });

  it('GIVEN the cache at an unaligned place in memory THEN still decodes it', () => {
    const unaligned = Buffer.alloc(encoded.length + 1);
    encoded.copy(unaligned, 1);
    const table = decodeWordVectors(unaligned.subarray(1));
    expect(table.rowOf('envoy')).toBe(3);
    expect(rowVector(table, 3)).toEqual(rowVector(decodeWordVectors(encoded), 3));
  });

  it('GIVEN a truncated cache THEN the checksum rejects it', () => {
    for (const length of [encoded.length - 1, encoded.length - 40, Math.floor(encoded.length / 2)]) {
      expect(() => decodeWordVectors(encoded.subarray(0, length))).toThrow(WordVectorCacheError);
    }
  });

  it('GIVEN one flipped byte in the vectors THEN the checksum rejects it', () => {
    const corrupted = Buffer.from(encoded);
    const last = corrupted.length - 20;
    corrupted[last] = (corrupted[last] ?? 0) ^ 0xff;
    expect(() => decodeWordVectors(corrupted)).toThrow(/checksum/);
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['another format', Buffer.from('{"words": []}')],
    [
      'a damaged header',
      Buffer.concat([encoded.subarray(0, 8), Buffer.from('not json'), encoded.subarray(16)]),
    ],
  ])('GIVEN %s THEN throws WordVectorCacheError', (_name, bytes) => {
    expect(() => decodeWordVectors(bytes)).toThrow(WordVectorCacheError);
  });

  it('GIVEN a cache written to disk THEN reads it back, leaving no temporary file', async () => {
    const folder = await folders.create();
    const file = path.join(folder, 'nested', 'vectors.awv');
    await writeWordVectorCache(file, encoded);
    const table = await readWordVectorCache(file);
    expect(table.rowOf('perú')).toBe(5);
    expect(await readFile(file)).toEqual(encoded);
    expect(await readdir(path.dirname(file))).toEqual(['vectors.awv']);
  });

  it('GIVEN a cache truncated on disk THEN reading it throws instead of trusting it', async () => {
    const file = path.join(await folders.create(), 'vectors.awv');
    await writeFile(file, encoded.subarray(0, encoded.length - 3));
    await expect(readWordVectorCache(file)).rejects.toThrow(WordVectorCacheError);
  });
});
