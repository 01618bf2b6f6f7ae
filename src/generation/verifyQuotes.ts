import { cite } from '../answer/citations.js';
import type { Citation } from '../answer/types.js';
import type { GroundedReply, NumberedPassage } from './types.js';

/** A generated answer longer than this is cut at a sentence end: two extractive clauses are about 400. */
export const MAX_GENERATED_ANSWER_CHARS = 1000;

export interface VerifiedAnswer {
  /** The answer with its markers renumbered to `citations`; markers without a verified quote are gone. */
  answer: string;
  citations: Citation[];
  /** Quotes found verbatim in the passage they named. */
  kept: number;
  /** Quotes found verbatim in another retrieved passage, and cited from there. */
  reattributed: number;
  /** Quotes found in no retrieved passage (or too short to check), and dropped. */
  dropped: number;
}

/**
 * Holds a model's reply to the grounding contract. Each quote is looked for, after normalising white space
 * and quote marks, in the passage it names, then in every other retrieved passage (a quote found elsewhere is
 * re-attributed there); a quote found nowhere is dropped. Citations are numbered in the order the answer first
 * refers to them, each `[n]` marker is rewritten to the verified citations of its number, and a marker left
 * without one is removed. When the answer has no marker at all, its verified quotes are cited at its end.
 *
 * Every citation is the article's own text at offsets found here (`cite` checks it again), so what is shown
 * is verbatim whatever the model wrote.
 */
export function verifyReply(
  reply: GroundedReply,
  passages: readonly NumberedPassage[],
  maxAnswerChars = MAX_GENERATED_ANSWER_CHARS,
): VerifiedAnswer {
  const normalizedPassages = passages.map((passage) => ({
    passage,
    normalized: normalizeWithOffsets(passage.text),
  }));
  let kept = 0;
  let reattributed = 0;
  let dropped = 0;
  /** Verified spans by the number the model gave them. */
  const spansByNumber = new Map<number, Span[]>();
  for (const { n, quote } of reply.citations) {
    const wanted = quoteForSearch(quote);
    if (wanted === undefined) {
      dropped++;
      continue;
    }
    const named = normalizedPassages.find((entry) => entry.passage.n === n);
    const ordered = named
      ? [named, ...normalizedPassages.filter((entry) => entry !== named)]
      : normalizedPassages;
    let found: Span | undefined;
    for (const entry of ordered) {
      found = findSpan(entry.passage, entry.normalized, wanted);
      if (found) break;
    }
    if (!found) {
      dropped++;
      continue;
    }
    if (found.passage.n === n) kept++;
    else reattributed++;
    const spans = spansByNumber.get(n) ?? [];
    if (!spans.some((span) => sameSpan(span, found))) spans.push(found);
    spansByNumber.set(n, spans);
  }

  const final: { span: Span; citation: Citation }[] = [];
  const numberOf = (span: Span): number => {
    const existing = final.find((entry) => sameSpan(entry.span, span));
    if (existing) return existing.citation.n;
    const n = final.length + 1;
    const { passage } = span;
    const citation = cite(n, passage.article, passage.paragraph, span.start, span.end);
    final.push({ span, citation: { ...citation, verified: true } });
    return n;
  };

  const text = shorten(reply.answer.trim(), maxAnswerChars);
  const hasMarkers = text.search(MARKER) >= 0;
  let answer = text.replace(MARKER, (_marker, list: string) => {
    const numbers = [
      ...new Set(
        list
          .split(/[,;]/)
          .map((item) => Number.parseInt(item.trim(), 10))
          .flatMap((n) => (spansByNumber.get(n) ?? []).map(numberOf)),
      ),
    ];
    return numbers.map((n) => `[${n}]`).join('');
  });
  if (!hasMarkers) {
    const numbers = [...spansByNumber.values()].flat().map(numberOf);
    if (numbers.length > 0) answer = `${answer} ${numbers.map((n) => `[${n}]`).join('')}`;
  }
  return {
    answer: tidy(answer),
    citations: final.map((entry) => entry.citation),
    kept,
    reattributed,
    dropped,
  };
}

/** `[3]`, `[1, 2]`, `[1; 4]`. */
const MARKER = /\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]/g;

interface Span {
  passage: NumberedPassage;
  /** Offsets in the article's text. */
  start: number;
  end: number;
}

function sameSpan(left: Span, right: Span): boolean {
  return (
    left.passage.article.id === right.passage.article.id &&
    left.start === right.start &&
    left.end === right.end
  );
}

/** Text with white space runs made one space and quote marks made plain, and where each character came from. */
interface NormalizedText {
  text: string;
  /** `offsets[i]` is the index in the original of normalised character `i`. */
  offsets: number[];
}

const WHITE_SPACE = /\s/;
const SINGLE_QUOTES = /[‘’‚‛′`´]/;
const DOUBLE_QUOTES = /[“”„‟″«»]/;

export function normalizeWithOffsets(original: string): NormalizedText {
  let text = '';
  const offsets: number[] = [];
  let inSpace = false;
  for (let index = 0; index < original.length; index++) {
    const character = original[index] ?? '';
    if (WHITE_SPACE.test(character)) {
      if (!inSpace) {
        text += ' ';
        offsets.push(index);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    text += SINGLE_QUOTES.test(character) ? "'" : DOUBLE_QUOTES.test(character) ? '"' : character;
    offsets.push(index);
  }
  return { text, offsets };
}

/**
 * The quote as it is searched for: normalised, without quotation marks or an ellipsis around it. Undefined for
 * a quote too short to show anything (fewer than three words, unless written without spaces).
 */
function quoteForSearch(quote: string): string | undefined {
  const text = normalizeWithOffsets(quote.normalize('NFC'))
    .text.trim()
    .replace(/^(?:["']|\.\.\.|…)+\s*/, '')
    .replace(/\s*(?:["']|\.\.\.|…)+$/, '')
    .trim();
  const words = text.split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  if (text.length < 10 || (words < 3 && text.includes(' '))) return undefined;
  return text;
}

function findSpan(passage: NumberedPassage, normalized: NormalizedText, quote: string): Span | undefined {
  // A model often ends a quote with a full stop where the sentence goes on.
  for (const candidate of [quote, quote.replace(/[.!?]$/, '')]) {
    const at = normalized.text.indexOf(candidate);
    if (at < 0 || candidate.length === 0) continue;
    const first = normalized.offsets[at] ?? 0;
    const last = normalized.offsets[at + candidate.length - 1] ?? first;
    return { passage, start: passage.start + first, end: passage.start + last + 1 };
  }
  return undefined;
}

/** Cut at the last sentence end within `limit` (at a word, with an ellipsis, when there is none). */
function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  // A marker right after the full stop belongs to the sentence before it.
  if (sentenceEnd > limit / 2) {
    const after = /^\s*(?:\[[\d,;\s]+\])*/.exec(text.slice(sentenceEnd + 1))?.[0] ?? '';
    return text.slice(0, sentenceEnd + 1) + after.trimEnd();
  }
  return `${head.slice(0, head.lastIndexOf(' ')).trimEnd()}…`;
}

/** Removes the gaps a dropped marker leaves ("said [4]." → "said."). */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+([.,;:!?…])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
