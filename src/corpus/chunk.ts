import type { Chunk, Sentence } from './types.js';

export interface ChunkOptions {
  /** Soft limit: a chunk closes before a sentence that would take it past this many characters. Default 600. */
  maxCharacters?: number;
  /** Sentences repeated from the end of one chunk at the start of the next, for context. Default 1. */
  overlapSentences?: number;
}

/**
 * Groups whole sentences into chunks. A chunk never cuts a sentence and never crosses a paragraph boundary,
 * so every chunk cites one paragraph; a sentence longer than the limit is a chunk of its own.
 */
export function chunkSentences(
  articleId: string,
  articleText: string,
  sentences: readonly Sentence[],
  { maxCharacters = 600, overlapSentences = 1 }: ChunkOptions = {},
): Chunk[] {
  const chunks: Chunk[] = [];
  let group: Sentence[] = [];
  const flush = (): void => {
    const first = group[0];
    const last = group.at(-1);
    if (!first || !last) return;
    chunks.push({
      id: `${articleId}#${chunks.length}`,
      articleId,
      paragraphs: [first.paragraph],
      start: first.start,
      end: last.end,
      text: articleText.slice(first.start, last.end),
    });
  };
  for (const sentence of sentences) {
    const first = group[0];
    const crossesParagraph = first !== undefined && first.paragraph !== sentence.paragraph;
    const tooLong = first !== undefined && sentence.end - first.start > maxCharacters;
    if (crossesParagraph) {
      flush();
      group = [];
    } else if (tooLong) {
      flush();
      // A sentence over the limit by itself stays alone: overlap in front of it would only dilute its vector.
      const fitsAlone = sentence.end - sentence.start <= maxCharacters;
      group =
        fitsAlone && overlapSentences > 0 && group.length > overlapSentences
          ? group.slice(-overlapSentences)
          : [];
    }
    group.push(sentence);
  }
  flush();
  return chunks;
}
