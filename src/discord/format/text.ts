import { escapeMarkdown } from 'discord.js';

export const ELLIPSIS = '…';

/**
 * Below this share of the limit a word boundary is not worth keeping: one enormous "word" (a URL, a
 * hash) is cut hard rather than leaving a stub of a few characters.
 */
const SHORTEST_USEFUL_SHARE = 0.5;

/** Article text is shown as written: `*`, `_` or `~` in it must not turn into Discord formatting. */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { maskedLink: true });
}

/**
 * Shortens `text` to at most `limit` characters, cutting at the last whitespace that fits and
 * marking the cut with an ellipsis, so a quote never ends in half a word.
 */
export function truncateAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  if (limit <= ELLIPSIS.length) return '';
  const budget = limit - ELLIPSIS.length;
  // One character past the budget: a space there means the budget ends exactly on a word.
  const window = text.slice(0, budget + 1);
  const boundary = lastMatchEnd(window, /\s/g, budget, (match) => match.index);
  const cut = boundary >= budget * SHORTEST_USEFUL_SHARE ? boundary : safeCut(text, budget);
  return text.slice(0, cut).replace(/[\s,;:]+$/u, '') + ELLIPSIS;
}

/**
 * Where to break, best first: between paragraphs, between lines, after a sentence, between words.
 * Each gives the index at which the first piece ends.
 */
const BREAKS: ReadonlyArray<{ pattern: RegExp; end: (match: RegExpExecArray) => number }> = [
  { pattern: /\n[^\S\n]*\n/g, end: (match) => match.index },
  { pattern: /\n/g, end: (match) => match.index },
  { pattern: /[.!?…]+["'”’)\]]*(?=\s)/gu, end: (match) => match.index + match[0].length },
  { pattern: /\s/g, end: (match) => match.index },
];

/**
 * Splits `text` into pieces of at most `limit` characters at the most natural boundary available,
 * so a long answer reads as consecutive paragraphs rather than text chopped at a character count.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError('limit must be at least 1');
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = findBreak(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece !== '') pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

function findBreak(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  const shortest = Math.max(1, Math.floor(limit * SHORTEST_USEFUL_SHARE));
  for (const { pattern, end } of BREAKS) {
    const cut = lastMatchEnd(window, pattern, limit, end);
    if (cut >= shortest) return cut;
  }
  return safeCut(text, limit);
}

/** The largest `end(match)` not beyond `limit`, or -1. */
function lastMatchEnd(
  window: string,
  pattern: RegExp,
  limit: number,
  end: (match: RegExpExecArray) => number,
): number {
  let best = -1;
  for (const match of window.matchAll(pattern)) {
    const position = end(match);
    if (position <= limit && position > best) best = position;
  }
  return best;
}

/** A hard cut that never separates the two halves of a surrogate pair (an emoji, say). */
function safeCut(text: string, position: number): number {
  const code = text.charCodeAt(position - 1);
  return code >= 0xd800 && code <= 0xdbff ? position - 1 : position;
}

/** For matching what a user types against names and titles: case and accents do not matter. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
