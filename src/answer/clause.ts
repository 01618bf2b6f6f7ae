import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { shapeScore } from './answerShape.js';
import { withoutQuestionWords } from './sentenceRanker.js';
import { STOPWORDS } from '../corpus/tokens.js';
import type { QuestionKind } from './question.js';

/** About how long an answer should be: what the answerer adds around its best sentence stays within it. */
export const SHORT_ENOUGH = 200;

/**
 * Sentences up to this long are quoted whole; longer ones are trimmed to the clauses that answer. Longer than
 * `SHORT_ENOUGH` because trimming at 200 characters cut the answer out of 2% of the encyclopedia sentences that
 * held it (the name after an appositive, the fourth item of a list), while news sentences are seldom this long.
 */
export const QUOTED_WHOLE = 300;

/**
 * Picks the shortest run of clauses of a long sentence that keeps every matched question term and the answer's
 * shape (a date, a number...), so the reply is the answer rather than the paragraph. Clauses are cut at commas,
 * semicolons, dashes and parentheses; the result is always a verbatim substring of the sentence.
 */
export function chooseClause(
  ranked: RankedSentence,
  kind: QuestionKind,
  {
    shortEnough = QUOTED_WHOLE,
    asksForThing = false,
    asksForStatement = false,
    keep,
  }: {
    shortEnough?: number;
    /**
     * The short answer found in the sentence ("Philo of Byzantium"): the clause quoted must hold it, or the reply
     * would lead with an answer its quote does not show.
     */
    keep?: string | null;
    /** "What scientists…", "which country…": a name the question does not give is the answer. */
    asksForThing?: boolean;
    /** "What did X say…": the answer is what was said, not the clause naming who said it. */
    asksForStatement?: boolean;
  } = {},
): string {
  const text = ranked.sentence.text;
  if (text.length <= shortEnough) return text;
  // Blanked once for the whole sentence: the blanks keep every offset, so each window is a slice of it.
  const rest = withoutQuestionWords(ranked);
  const pieces = splitClauses(text);
  const allNew = newWords(rest);
  // Names are often far from the answer ("…, de Zela told reporters"); the question's other words mark it.
  const wanted = ranked.matches
    .filter((match) => match.strength > 0 && match.matched && !(asksForStatement && match.term.proper))
    .map((match) => ({
      word: match.matched ?? '',
      weight: match.term.proper ? 0.3 : 1,
    }));
  const wantedWeight = wanted.reduce((sum, item) => sum + item.weight, 0);
  // "the Seven Years' War, a much larger conflict…", "undesirable end results, such as structural collapse":
  // a clause that elaborates on a word of the question just before it is what the question asks.
  const questionStems = new Set(
    ranked.matches.filter((match) => match.strength > 0).map((match) => match.term.stem),
  );
  // Each elaboration, from the piece that opens it to the last item of its list ("cost overruns, and/or
  // litigation"): the answer is all of it.
  const elaborations = pieces.flatMap((piece, index) => {
    const previous = ranked.words.tokens.findLast((token) => token.end <= piece.start);
    if (index === 0 || !ELABORATION.test(text.slice(piece.start, piece.end))) return [];
    if (!questionStems.has(previous?.stem ?? '')) return [];
    let last = index;
    while (pieces[last + 1] && isListItem(text.slice(pieces[last + 1]?.start, pieces[last + 1]?.end))) last++;
    return [{ first: index, last }];
  });
  const kept = keep && text.includes(keep) ? keep : undefined;
  let best: { start: number; end: number; score: number } | undefined;
  for (let first = 0; first < pieces.length; first++) {
    for (let last = first; last < pieces.length; last++) {
      const start = pieces[first]?.start ?? 0;
      const end = pieces[last]?.end ?? text.length;
      const window = text.slice(start, end);
      if (kept && !window.includes(kept)) continue;
      const folded = fold(window);
      const found = wanted
        .filter((item) => folded.includes(item.word))
        .reduce((sum, item) => sum + item.weight, 0);
      const added = newWords(rest.slice(start, end));
      const said = asksForStatement ? added / (allNew || 1) : 0;
      const score =
        (wantedWeight === 0 ? 1 : found / wantedWeight) +
        (asksForStatement ? said : 0.6 * answerLike(kind, asksForThing, rest.slice(start, end))) -
        // A clause that only repeats the question ("The Dow Jones industrial average (") answers nothing.
        (added === 0 ? 1 : 0) +
        (!asksForStatement &&
        elaborations.some((elaboration) => first < elaboration.first && last >= elaboration.last)
          ? 0.3
          : 0) -
        Math.max(0, window.length - shortEnough) / 400;
      if (!best || score > best.score + 1e-9) best = { start, end, score };
    }
  }
  if (!best) return text;
  return text.slice(best.start, best.end).replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '');
}

/**
 * How much a piece of the sentence, the question's own words blanked out, looks like the answer: the shape the
 * question asks for (a date for "when") or, for "what scientists" and "which country", a name or a number the
 * question does not give. ("What did she say" asks for no such thing: there the name is only the speaker.)
 */
function answerLike(kind: QuestionKind, asksForThing: boolean, rest: string): number {
  const shape = shapeScore(kind, rest);
  if (shape !== 0.5 || !asksForThing) return shape;
  return NAMED.test(rest) ? 1 : 0.5;
}

/** A name of two or more capitalised words, or a number; the first word is skipped, being capitalised anyway. */
const NAMED = /\s(?:\p{Lu}\p{Ll}+(?:\s+(?:von |van |de |of )?\p{Lu}\p{Ll}+)+|\d)/u;

/** The opening of an appositive or an example list: it says what the clause before it names. */
const ELABORATION = /^\s*(?:such as|including|namely|notably|especially|an?)\s/i;

/** "cost overruns,", "and/or litigation.": a short piece, or one that goes on with "and" or "or". */
function isListItem(piece: string): boolean {
  return /^\s*(?:and|or|and\/or)\s/i.test(piece) || (piece.match(/[\p{L}\p{N}]+/gu) ?? []).length <= 3;
}

/** Content words left once the question's own are blanked: what the text says beyond the question. */
function newWords(rest: string): number {
  return (rest.match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => !/^x+$/.test(word) && !STOPWORDS.has(word.toLowerCase()),
  ).length;
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
