import type { Paragraph } from './types.js';

/**
 * Lines that are page furniture on news sites rather than article content. They are general patterns
 * (social-follow prompts, comment-section chrome, share/subscribe buttons), never phrases from one article.
 * Each pattern is anchored to the whole line and bounded in length: furniture is a short line of its own, and a
 * pattern that matched anywhere would delete reporting that merely mentions, say, "community guidelines".
 */
const FURNITURE_LINE: readonly RegExp[] = [
  /^(\d+\s+)?comments?\s*(\(\d+\))?$/i,
  /^(show|view|load|read|hide) (all |more |the )?(\d+ )?comments?\b.{0,40}$/i,
  /^comments? (are|have been|is) (now )?(closed|disabled|moderated|turned off)\b.{0,80}$/i,
  /^(please )?(let us know|contact us|email us|tell us)\b.{0,40}\b(issues|trouble|problems|difficult(y|ies)) (with )?(commenting|comments)\b.{0,40}$/i,
  /^(having|experiencing) (issues|trouble|problems|difficult(y|ies)) (with )?(commenting|comments)\b.{0,60}$/i,
  /^(please )?(read|review|see|view|follow) (our|the) (comment(ing)?|community|discussion) (policy|guidelines|rules|standards)\b.{0,100}$/i,
  /^by (commenting|posting a comment)\b.{0,120}\byou (agree|accept|consent)\b.{0,120}$/i,
  /^comment(ing)? (policy|guidelines)\b.{0,200}$/i,
  /^(share|tweet|email|print|subscribe|advertisement|related( articles| stories)?|read more|sign up.*newsletter.*)[:.!]?$/i,
  /^(share (this|on)|follow us on|click here to)\b.{0,80}$/i,
  /^(image|photo|picture) (credit|courtesy)\b.{0,120}$/i,
];

/**
 * A trailing sentence that only points the reader at a social profile: "You can follow him on Twitter here."
 * It must be a sentence of its own (start of the paragraph or after a sentence end), so reporting such as
 * "Millions of teenagers follow them on TikTok." keeps its subject.
 */
const FOLLOW_PROMPT =
  /(?:^|(?<=[.!?"”’)]))\s*(?:You can |Please )?(?:follow|find|reach) (?:him|her|them|me|us)\b[^.!?]{0,80}\b(?:on|at|via) (?:Twitter|X|Facebook|Instagram|Threads|Bluesky|Mastodon|LinkedIn|TikTok)\b[^.!?]{0,40}[.!]?\s*$/i;

function isFurniture(line: string): boolean {
  return FURNITURE_LINE.some((pattern) => pattern.test(line));
}

/** Hard-wrapped text keeps its lines under this length; scraped text puts a whole paragraph on one line. */
const WRAP_WIDTH = 120;

/** A line that ends a sentence (closing quotes and brackets allowed after the mark). */
const SENTENCE_END = /[.!?:;…]["'”’)\]]*\s*$/;

interface Span {
  start: number;
  end: number;
}

/** A line that is a paragraph by itself whatever surrounds it: a heading, a list item, page furniture. */
function standsAlone(text: string): boolean {
  return /^([-*+>]|\d+[.)]\s|#)/.test(text) || isFurniture(text);
}

/**
 * Whether lines are one paragraph wrapped at a fixed width rather than short paragraphs one a line. Wrapped
 * lines are all short but fill most of the width, and most break mid-sentence; paragraphs one a line end their
 * sentences at every line break.
 */
function looksHardWrapped(body: string, lines: readonly Span[]): boolean {
  if (lines.length < 2) return false;
  const longest = Math.max(...lines.map((line) => line.end - line.start));
  if (longest > WRAP_WIDTH) return false;
  let breaksMidSentence = 0;
  for (const line of lines.slice(0, -1)) {
    const text = body.slice(line.start, line.end).trim();
    if (text.length * 2 < longest) return false;
    if (!SENTENCE_END.test(text)) breaksMidSentence++;
  }
  return breaksMidSentence * 2 >= lines.length - 1;
}

/**
 * The paragraphs of one blank-line-separated block. Lines that stand alone split it; a short unpunctuated first
 * line over longer ones is a title; each remaining run of lines is one paragraph when it looks hard-wrapped and
 * one paragraph a line otherwise.
 */
function blockParagraphs(body: string, lines: readonly Span[]): Span[] {
  const result: Span[] = [];
  let run: Span[] = [];
  const closeRun = (): void => {
    const first = run[0];
    const last = run.at(-1);
    if (first && last && looksHardWrapped(body, run)) result.push({ start: first.start, end: last.end });
    else result.push(...run);
    run = [];
  };
  const longest = Math.max(...lines.map((line) => line.end - line.start));
  for (const [position, line] of lines.entries()) {
    const text = body.slice(line.start, line.end).trim();
    const title = position === 0 && lines.length > 2 && text.length * 2 < longest && !SENTENCE_END.test(text);
    if (title || standsAlone(text)) {
      closeRun();
      result.push(line);
    } else {
      run.push(line);
    }
  }
  closeRun();
  return result;
}

/**
 * Splits an article body into paragraphs, drops page furniture, and keeps each paragraph's offsets into
 * `body` so a citation can always be traced back to the exact characters it quotes.
 *
 * Blank lines always separate paragraphs. Inside a block, lines are joined only when they look hard-wrapped;
 * otherwise each line is a paragraph of its own, as in text scraped one paragraph a line.
 */
export function extractParagraphs(body: string): Paragraph[] {
  const blocks: Span[] = [];
  for (const block of spans(body, /(?:\r?\n[ \t]*){2,}/g, 0, body.length)) {
    blocks.push(...blockParagraphs(body, [...spans(body, /\r?\n/g, block.start, block.end)]));
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

function* spans(text: string, separator: RegExp, from: number, to: number): Generator<Span> {
  let cursor = from;
  for (const match of text.slice(from, to).matchAll(separator)) {
    yield { start: cursor, end: from + match.index };
    cursor = from + match.index + match[0].length;
  }
  yield { start: cursor, end: to };
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
