import type { Paragraph } from './types.js';

/**
 * Lines that are page furniture on news sites rather than article content. They are general patterns
 * (social-follow prompts, comment-section chrome, share/subscribe buttons), never phrases from one article.
 */
const FURNITURE_LINE: readonly RegExp[] = [
  /^comments?\s*(\(\d+\))?$/i,
  /^(show|view|load|read) (all |more )?comments?\b.*$/i,
  /\bhaving (issues|trouble|problems) with comment(ing|s)\b/i,
  /\b(comment(ing)? (policy|guidelines)|community guidelines)\b/i,
  /^(share|tweet|email|print|subscribe|advertisement|related( articles| stories)?|read more|sign up.*newsletter.*)[:.!]?$/i,
  /^(share (this|on)|follow us on|click here to)\b.{0,80}$/i,
  /^(image|photo|picture) (credit|courtesy)\b.{0,120}$/i,
];

/** A trailing sentence that only points the reader at a social profile: "You can follow him on Twitter here." */
const FOLLOW_PROMPT =
  /\s*(?:You can )?(?:follow|find|reach) (?:him|her|them|me|us)\b[^.!?]{0,80}\b(?:on|at|via) (?:Twitter|X|Facebook|Instagram|Threads|Bluesky|Mastodon|LinkedIn|TikTok)\b[^.!?]{0,40}[.!]?\s*$/i;

function isFurniture(line: string): boolean {
  return FURNITURE_LINE.some((pattern) => pattern.test(line));
}

/** Hard-wrapped text keeps its lines under this length; scraped text puts a whole paragraph on one line. */
const WRAP_WIDTH = 120;

/**
 * Splits an article body into paragraphs, drops page furniture, and keeps each paragraph's offsets into
 * `body` so a citation can always be traced back to the exact characters it quotes.
 *
 * Blank lines always separate paragraphs. Inside a block, lines are joined only when the block looks
 * hard-wrapped (every line short, none a list item); otherwise each line is a paragraph of its own, as in
 * text scraped one paragraph a line.
 */
export function extractParagraphs(body: string): Paragraph[] {
  const blocks: { start: number; end: number }[] = [];
  for (const block of spans(body, /(?:\r?\n[ \t]*){2,}/g, 0, body.length)) {
    const lines = [...spans(body, /\r?\n/g, block.start, block.end)];
    const hardWrapped =
      lines.length > 1 &&
      lines.every(
        (line) => line.end - line.start <= WRAP_WIDTH && !/^\s*([-*+>]|\d+[.)]|#)/.test(body.slice(line.start, line.end)),
      );
    blocks.push(...(hardWrapped ? [block] : lines));
  }

  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    let { start, end } = trimSpan(body, block.start, block.end);
    if (start >= end) continue;
    let text = body.slice(start, end);
    if (isFurniture(text)) continue;
    const follow = FOLLOW_PROMPT.exec(text);
    if (follow) {
      ({ start, end } = trimSpan(body, start, start + follow.index));
      if (start >= end) continue;
      text = body.slice(start, end);
    }
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    paragraphs.push({ number: paragraphs.length + 1, text, start, end });
  }
  return paragraphs;
}

function* spans(text: string, separator: RegExp, from: number, to: number): Generator<{ start: number; end: number }> {
  let cursor = from;
  for (const match of text.slice(from, to).matchAll(separator)) {
    yield { start: cursor, end: from + match.index };
    cursor = from + match.index + match[0].length;
  }
  yield { start: cursor, end: to };
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
