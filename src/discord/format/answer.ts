import type { APIEmbedField } from 'discord.js';
import { paragraphLabel } from '../../answer/citations.js';
import type { Answer, Citation } from '../../answer/types.js';
import { COLORS, layoutEmbeds, LIMITS, type MessageDraft } from './embeds.js';
import { escapeText, plural, truncateAtWord } from './text.js';

/**
 * Long enough to recognise the passage, short enough that five citations and the answer fit one
 * message; the Sources button shows the whole passage.
 */
export const QUOTE_PREVIEW_CHARS = 300;

export const ABSTENTION_TITLE = "The articles don't answer this";

/** Which mode answered, for the footer: members should know whether a model wrote the words. */
export function modeLine(answer: Answer): string {
  if (answer.mode === 'generated' && answer.model) {
    return answer.abstained
      ? `Checked by ${answer.model}`
      : `Written by ${answer.model}; every quote checked against the articles`;
  }
  return 'Quoted from the articles';
}

/** The passages an answer rests on: its citations, or when it abstains, the closest passages it found. */
export function citedPassages(answer: Answer): Citation[] {
  return answer.abstained ? answer.closest : answer.citations;
}

export function citationHeading(citation: Citation): string {
  const suffix = ` — ${paragraphLabel(citation.paragraph)}`;
  const prefix = `[${citation.n}] `;
  const titleRoom = LIMITS.fieldName - prefix.length - suffix.length;
  return `${prefix}${truncateAtWord(escapeText(citation.articleTitle), titleRoom)}${suffix}`;
}

/** A verbatim quote, shortened at a word boundary; quotation marks make clear it is the article speaking. */
export function quotePreview(text: string, limit = QUOTE_PREVIEW_CHARS): string {
  return `“${truncateAtWord(escapeText(text.trim()), limit - 2)}”`;
}

/**
 * An answer as messages: the short answer with its `[n]` markers, then one field per citation with the
 * article, the paragraph and the quote. An abstention says so in its title and lists the closest passages.
 */
export function formatAnswer(answer: Answer): MessageDraft[] {
  const passages = citedPassages(answer);
  const fields: APIEmbedField[] = passages.map((citation) => ({
    name: citationHeading(citation),
    value: quotePreview(citation.text),
  }));
  if (answer.abstained) {
    const lines = [`> ${escapeText(singleLine(answer.question))}`];
    if (answer.answer.trim() !== '') lines.push(escapeText(answer.answer.trim()));
    lines.push(passages.length > 0 ? '**Closest passages:**' : 'Nothing in the articles comes close.');
    return layoutEmbeds({
      title: ABSTENTION_TITLE,
      description: lines.join('\n\n'),
      fields,
      color: COLORS.abstained,
      footer:
        passages.length > 0 ? `${modeLine(answer)} · Press Sources for the full passages.` : modeLine(answer),
    });
  }
  return layoutEmbeds({
    title: escapeText(answer.question),
    description: [
      ...(answer.short === null ? [] : [`**${escapeText(answer.short)}**`]),
      escapeText(answer.answer.trim()),
    ].join('\n\n'),
    fields,
    color: COLORS.answer,
    footer: `${plural(passages.length, 'citation')} · ${modeLine(answer)} · Press Sources for the full passages.`,
  });
}

/** Longest draft shown: a message's content holds 2,000 characters. */
const DRAFT_PREVIEW_CHARS = 1800;

/** The answer as written so far, while a model writes it: plain text, marked as unfinished and unchecked. */
export function formatDraft(model: string, draft: string | undefined): string {
  const heading = `✍️ Writing an answer with ${escapeText(model)}…`;
  if (draft === undefined || draft.trim() === '') return heading;
  return `${heading}\n>>> ${truncateAtWord(escapeText(draft.trim()), DRAFT_PREVIEW_CHARS)}\n-# Not yet checked against the articles.`;
}

/** The full quoted passages behind an answer, for the Sources button. */
export function formatSources(answer: Answer): MessageDraft[] {
  const passages = citedPassages(answer);
  if (passages.length === 0) {
    return [{ content: 'This answer has no quoted passages.', embeds: [] }];
  }
  const blocks = passages.map((citation) => {
    const quote = escapeText(citation.text.trim())
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    return `**${citationHeading(citation)}**\n${quote}`;
  });
  return layoutEmbeds({
    title: answer.abstained ? 'Closest passages' : 'Sources',
    description: blocks.join('\n\n'),
    color: COLORS.answer,
  });
}

function singleLine(text: string): string {
  return truncateAtWord(text.replace(/\s+/g, ' ').trim(), 500);
}
