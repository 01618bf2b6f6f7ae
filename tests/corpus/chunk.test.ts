import { describe, expect, it } from 'vitest';
import { chunkSentences, type ChunkOptions } from '../../src/corpus/chunk.js';
import { extractParagraphs } from '../../src/corpus/clean.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import type { Chunk, Sentence } from '../../src/corpus/types.js';
import { seededRandom } from '../support/fixtures.js';

function chunk(text: string, options?: ChunkOptions): { sentences: Sentence[]; chunks: Chunk[] } {
  const sentences = splitSentences(text, extractParagraphs(text));
  return { sentences, chunks: chunkSentences('article', text, sentences, options) };
}

/** Every invariant retrieval and citations rely on, checked together. */
function expectWellFormed(text: string, sentences: readonly Sentence[], chunks: readonly Chunk[]): void {
  const starts = new Set(sentences.map((sentence) => sentence.start));
  const ends = new Set(sentences.map((sentence) => sentence.end));
  for (const piece of chunks) {
    expect(text.slice(piece.start, piece.end)).toBe(piece.text);
    expect(starts.has(piece.start), `chunk ${piece.id} starts mid-sentence`).toBe(true);
    expect(ends.has(piece.end), `chunk ${piece.id} ends mid-sentence`).toBe(true);
    const inside = sentences.filter((sentence) => sentence.start >= piece.start && sentence.end <= piece.end);
    expect(new Set(inside.map((sentence) => sentence.paragraph))).toEqual(new Set(piece.paragraphs));
    expect(piece.paragraphs).toHaveLength(1);
  }
  const covered = sentences.filter((sentence) =>
    chunks.some((piece) => piece.start <= sentence.start && sentence.end <= piece.end),
  );
  expect(covered).toHaveLength(sentences.length);
}

const sentence = (words: number, label: string): string =>
  `${label} ${Array.from({ length: words }, (_, index) => `word${index}`).join(' ')}.`;

describe('chunkSentences', () => {
  it('GIVEN a short paragraph THEN it is one chunk with its id, article, paragraph and exact span', () => {
    const text = 'Peru broke ties. Mexico regretted it.';
    const { chunks } = chunk(text);
    expect(chunks).toEqual([
      { id: 'article#0', articleId: 'article', paragraphs: [1], start: 0, end: text.length, text },
    ]);
  });

  it('GIVEN sentences past the limit THEN closes chunks between sentences, never inside one', () => {
    const text = Array.from({ length: 12 }, (_, index) => sentence(8, `S${index}`)).join(' ');
    const { sentences, chunks } = chunk(text, { maxCharacters: 150 });
    expect(chunks.length).toBeGreaterThan(3);
    expectWellFormed(text, sentences, chunks);
  });

  it('GIVEN the default overlap THEN each chunk repeats the last sentence of the previous one', () => {
    const text = Array.from({ length: 6 }, (_, index) => sentence(8, `S${index}`)).join(' ');
    const { sentences, chunks } = chunk(text, { maxCharacters: 150 });
    for (const [index, piece] of chunks.entries()) {
      const previous = chunks[index - 1];
      if (!previous) continue;
      const lastOfPrevious = sentences.filter((item) => item.end === previous.end)[0];
      expect(piece.start).toBe(lastOfPrevious?.start);
    }
  });

  it('GIVEN no overlap THEN chunks follow each other without sharing a sentence', () => {
    const text = Array.from({ length: 6 }, (_, index) => sentence(8, `S${index}`)).join(' ');
    const { chunks } = chunk(text, { maxCharacters: 150, overlapSentences: 0 });
    for (const [index, piece] of chunks.entries()) {
      const previous = chunks[index - 1];
      if (previous) expect(piece.start).toBeGreaterThan(previous.end);
    }
  });

  it('GIVEN several paragraphs THEN no chunk crosses a paragraph boundary', () => {
    const text = 'One. Two.\nThree. Four.\n\nFive.';
    const { sentences, chunks } = chunk(text, { maxCharacters: 10_000 });
    expect(chunks.map((piece) => piece.paragraphs)).toEqual([[1], [2], [3]]);
    expectWellFormed(text, sentences, chunks);
  });

  it('GIVEN a sentence longer than the limit THEN it is a chunk of its own, whole', () => {
    const long = sentence(60, 'Long');
    const text = `${sentence(3, 'A')} ${sentence(3, 'B')} ${long} ${sentence(3, 'C')}`;
    const { sentences, chunks } = chunk(text, { maxCharacters: 80 });
    expect(chunks.map((piece) => piece.text)).toContain(long);
    expectWellFormed(text, sentences, chunks);
  });

  it('GIVEN no sentences THEN there are no chunks', () => {
    expect(chunkSentences('article', '', [])).toEqual([]);
  });

  it('GIVEN random articles THEN every invariant holds for every limit', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 25; trial++) {
      const paragraphs = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 8) }, (_, index) =>
          sentence(1 + Math.floor(random() * 40), `S${index}`),
        ).join(' '),
      );
      const text = paragraphs.join(random() < 0.5 ? '\n' : '\n\n');
      const maxCharacters = 40 + Math.floor(random() * 400);
      const { sentences, chunks } = chunk(text, { maxCharacters, overlapSentences: Math.floor(random() * 3) });
      expectWellFormed(text, sentences, chunks);
      expect(new Set(chunks.map((piece) => piece.id)).size).toBe(chunks.length);
    }
  });
});
