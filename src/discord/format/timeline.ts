import type { APIEmbed } from 'discord.js';
import type { TimelineEvent } from '../../answer/types.js';
import {
  citeTimeline,
  eventDateLabel,
  eventReferences,
  peopleLabel,
  type FilterWords,
  type NumberedSource,
  type TimelineTextOptions,
} from '../../render/timelineText.js';
import { COLORS, layoutEmbeds, LIMITS, type MessageDraft } from './embeds.js';
import { escapeText, plural, truncateAtWord } from './text.js';

/**
 * `/timeline` as Discord text: one line per event (date, ≈ when inferred, what happened, people, and `[n]`
 * into the page's numbered sources, or `¶n` when the corpus has one article), pages that turn with buttons,
 * and the full quotes behind a Sources button.
 */

const TIMELINE_EVENTS_PER_PAGE = 12;
/** Under the 4,096-character description with room to spare: a page stays quick to read. */
const TIMELINE_PAGE_CHARS = 3800;
const SHORT_TITLE_CHARS = 48;
const EVENT_LINE_CHARS = 400;

export interface TimelinePage {
  events: TimelineEvent[];
  sources: NumberedSource[];
  /** The embed description: the event lines, then (several articles) the numbered sources. */
  text: string;
}

function shortTitle(article: string, titles: ReadonlyMap<string, string>): string {
  return truncateAtWord(titles.get(article) ?? article, SHORT_TITLE_CHARS);
}

function timelineEventLine(event: TimelineEvent, references: readonly string[]): string {
  const parts = [`**${eventDateLabel(event)}**`, escapeText(event.what.trim())];
  if (event.people.length > 0) parts.push(`*${escapeText(peopleLabel(event.people))}*`);
  const line = parts.join(' · ');
  const cited = references.join(' ');
  // The references are kept whole: a line is shortened in its text, never in what it cites.
  return `${truncateAtWord(line, EVENT_LINE_CHARS - cited.length - 1)} ${cited}`.trimEnd();
}

function pageText(
  events: readonly TimelineEvent[],
  options: TimelineTextOptions,
): Omit<TimelinePage, 'events'> {
  const timeline = citeTimeline(events);
  const { events: cited, sources } = timeline;
  const references = eventReferences(timeline, options.singleArticle);
  const lines = cited.map(({ event }, index) => timelineEventLine(event, references[index] ?? []));
  if (!options.singleArticle && sources.length > 0) {
    lines.push(
      '',
      ...sources.map(
        (source) =>
          `[${source.n}] ${escapeText(shortTitle(source.article, options.titles))} ¶${source.paragraph}`,
      ),
    );
  }
  return { sources, text: lines.join('\n') };
}

/**
 * Splits a timeline into pages of at most twelve events whose text fits one embed. Every event is on a page:
 * nothing is cut to make a page fit, a page simply ends sooner.
 */
export function timelinePages(
  events: readonly TimelineEvent[],
  options: TimelineTextOptions,
): TimelinePage[] {
  const pages: TimelinePage[] = [];
  let start = 0;
  while (start < events.length) {
    let end = Math.min(start + TIMELINE_EVENTS_PER_PAGE, events.length);
    let page = pageText(events.slice(start, end), options);
    while (page.text.length > TIMELINE_PAGE_CHARS && end - start > 1) {
      end -= 1;
      page = pageText(events.slice(start, end), options);
    }
    pages.push({ events: events.slice(start, end), ...page });
    start = end;
  }
  return pages;
}

/** "Timeline: Betssy Chávez in “…” from 2022 to Nov 2025", within Discord's 256 characters. */
export function timelineTitle(words: FilterWords): string {
  const parts = [words.person, words.article, words.range].filter((part) => part !== undefined);
  const title = parts.length > 0 ? `Timeline: ${parts.join(' ')}` : 'Timeline';
  return truncateAtWord(escapeText(title), LIMITS.embedTitle);
}

export interface TimelineEmbedOptions extends TimelineTextOptions {
  title: string;
  pageIndex: number;
  eventCount: number;
}

export function timelinePageEmbed(pages: readonly TimelinePage[], options: TimelineEmbedOptions): APIEmbed {
  const footer = [
    `Page ${options.pageIndex + 1} of ${pages.length}`,
    plural(options.eventCount, 'event'),
    '≈ inferred date',
  ];
  if (options.singleArticle) {
    const [only] = options.titles.values();
    if (only !== undefined) footer.push(`¶ = paragraph of “${truncateAtWord(only, 120)}”`);
  }
  return {
    title: options.title,
    description: pages[options.pageIndex]?.text ?? '',
    color: COLORS.answer,
    footer: { text: footer.join(' · ') },
  };
}

/** The full quotes behind a page's references, for its Sources button. */
export function formatTimelineSources(page: TimelinePage, options: TimelineTextOptions): MessageDraft[] {
  if (page.sources.length === 0) return [{ content: 'These events have no quoted passages.', embeds: [] }];
  const blocks = page.sources.map((source) => {
    const heading = options.singleArticle
      ? `¶${source.paragraph}`
      : `[${source.n}] ${escapeText(shortTitle(source.article, options.titles))} — ¶${source.paragraph}`;
    const quotes = source.quotes.map((quote) => `> ${escapeText(quote.trim()).replace(/\n/g, '\n> ')}`);
    return `**${heading}**\n${quotes.join('\n')}`;
  });
  return layoutEmbeds({ title: 'Sources', description: blocks.join('\n\n'), color: COLORS.answer });
}
