import { closeSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentTerms, stem } from '../../src/corpus/tokens.js';
import { CHUNK_WORDS, renderTermFile, TermFile, type TermFileChunk } from '../../src/index/termFile.js';
import { temporaryFolders } from '../support/fixtures.js';

const folders = temporaryFolders('article-bot-terms-');
const opened: TermFile[] = [];
afterEach(async () => {
  for (const file of opened.splice(0)) file.close();
  await folders.removeAll();
});

const CHUNKS: TermFileChunk[] = [
  { label: 40, entry: 0, paragraph: 1, start: 0, end: 38, text: 'The mayor opened the bridge on Monday.' },
  {
    label: 41,
    entry: 0,
    paragraph: 2,
    start: 40,
    end: 92,
    text: 'The bridge, the bridge! It cost 310 million dollars.',
  },
  { label: 77, entry: 1, paragraph: 1, start: 0, end: 35, text: 'Ferries stop in Zürich in September.' },
];

async function written(chunks: readonly TermFileChunk[]): Promise<TermFile> {
  const file = path.join(await folders.create(), 'segment.terms');
  const bytes = renderTermFile(chunks);
  writeFileSync(file, bytes);
  const terms = TermFile.open(openSync(file, 'r'), bytes.length);
  opened.push(terms);
  return terms;
}

describe('term file of a segment', () => {
  it('GIVEN chunks THEN the chunk table keeps label, entry, paragraph, offsets and length in terms', async () => {
    const terms = await written(CHUNKS);
    expect(terms.chunkCount).toBe(3);
    expect(Array.from(terms.chunks.subarray(CHUNK_WORDS, 2 * CHUNK_WORDS))).toEqual([
      41,
      0,
      2,
      40,
      92,
      contentTerms(CHUNKS[1]?.text ?? '').length,
    ]);
  });

  it('GIVEN a term THEN its postings name the chunks holding it and how often, read from disk', async () => {
    const terms = await written(CHUNKS);
    const bridge = terms.find(stem('bridge'));
    expect(bridge).toBeGreaterThanOrEqual(0);
    expect(terms.postingCount(bridge)).toBe(2);
    const { chunks, counts } = terms.postings(bridge);
    expect(Array.from(chunks)).toEqual([0, 1]);
    expect(Array.from(counts)).toEqual([1, 2]);
    expect(Array.from(terms.postings(terms.find('zurich')).chunks)).toEqual([2]);
  });

  it('GIVEN a term no chunk has, or a stopword THEN it is not found', async () => {
    const terms = await written(CHUNKS);
    expect(terms.find('helicopter')).toBe(-1);
    expect(terms.find('the')).toBe(-1);
    expect(terms.find('')).toBe(-1);
  });

  it('GIVEN no chunk THEN the file is valid and finds nothing', async () => {
    const terms = await written([]);
    expect(terms.chunkCount).toBe(0);
    expect(terms.find('bridge')).toBe(-1);
  });

  it('GIVEN a file of the wrong size or another format THEN opening it says so', async () => {
    const file = path.join(await folders.create(), 'bad.terms');
    const bytes = renderTermFile(CHUNKS);
    writeFileSync(file, bytes);
    const fd = openSync(file, 'r');
    try {
      expect(() => TermFile.open(fd, bytes.length + 4)).toThrow('a term file has the wrong size');
    } finally {
      closeSync(fd);
    }
    writeFileSync(file, Buffer.alloc(64));
    const other = openSync(file, 'r');
    try {
      expect(() => TermFile.open(other, 64)).toThrow('a term file has an unknown format');
    } finally {
      closeSync(other);
    }
  });
});
