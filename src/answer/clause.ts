import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { shapeScore } from './answerShape.js';
import type { QuestionKind } from './question.js';

/** Sentences up to this long are the answer as they are; longer ones are trimmed to the clauses that answer. */
export const SHORT_ENOUGH = 200;

/**
 * Picks the shortest run of clauses of a long sentence that keeps every matched question term and the answer's
 * shape (a date, a number...), so the reply is the answer rather than the paragraph. Clauses are cut at commas,
 * semicolons, dashes and parentheses; the result is always a verbatim substring of the sentence.
 */
export function chooseClause(ranked: RankedSentence, kind: QuestionKind, shortEnough = SHORT_ENOUGH): string {
  const text = ranked.sentence.text;
  if (text.length <= shortEnough) return text;
  const pieces = splitClauses(text);
  // Names are often far from the answer ("…, de Zela told reporters"); the question's other words mark it.
  const wanted = ranked.matches
    .filter((match) => match.strength > 0 && match.matched)
    .map((match) => ({ word: match.matched ?? '', weight: match.term.proper ? 0.3 : 1 }));
  const wantedWeight = wanted.reduce((sum, item) => sum + item.weight, 0);
  let best: { start: number; end: number; score: number } | undefined;
  for (let first = 0; first < pieces.length; first++) {
    for (let last = first; last < pieces.length; last++) {
      const start = pieces[first]?.start ?? 0;
      const end = pieces[last]?.end ?? text.length;
      const window = text.slice(start, end);
      const folded = fold(window);
      const found = wanted
        .filter((item) => folded.includes(item.word))
        .reduce((sum, item) => sum + item.weight, 0);
      const score =
        (wantedWeight === 0 ? 1 : found / wantedWeight) +
        0.6 * shapeScore(kind, window) -
        Math.max(0, window.length - shortEnough) / 400;
      if (!best || score > best.score + 1e-9) best = { start, end, score };
    }
  }
  if (!best) return text;
  return text.slice(best.start, best.end).replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '');
}

function splitClauses(text: string): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(/[,;:–—()](?=\s)|\s[–—-]\s/g)) {
    const end = match.index + match[0].length;
    if (end - start > 0) pieces.push({ start, end });
    start = end;
  }
  if (start < text.length) pieces.push({ start, end: text.length });
  return pieces;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
