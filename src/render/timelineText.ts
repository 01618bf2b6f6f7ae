import { utcDay, utcMonth, utcYear } from 'd3-time';
import { utcFormat } from 'd3-time-format';
import type { TimelineEvent } from '../answer/types.js';
import type { ArticleBot, TimelineFilter } from '../service.js';

/**
 * What every surface shows of a timeline, before its own formatting: dates said the way people write them,
 * the numbered sources an event's `[n]` points to, and the filter in words. Discord, the terminal and the
 * picture all take their words from here, so they never disagree.
 */

const DATE_VALUE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The days a date value covers: `start` inclusive, `end` exclusive, both at midnight UTC. */
export interface Period {
  start: Date;
  end: Date;
}

export function eventPeriod(date: string): Period | undefined {
  const match = DATE_VALUE.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const start = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  if (Number.isNaN(start.getTime())) return undefined;
  const interval = day !== undefined ? utcDay : month !== undefined ? utcMonth : utcYear;
  return { start, end: interval.offset(start, 1) };
}

const formatDay = utcFormat('%-d %b %Y');
const formatMonth = utcFormat('%b %Y');

/** "7 Dec 2022", "Dec 2022" or "2022": day first and the month in letters, read the same way everywhere. */
export function dateLabel(date: string): string {
  const match = DATE_VALUE.exec(date);
  const period = eventPeriod(date);
  if (!match || !period) return date;
  if (match[3] !== undefined) return formatDay(period.start);
  return match[2] !== undefined ? formatMonth(period.start) : (match[1] ?? date);
}

/** An inferred date reads "≈ 7 Dec 2022": the text implied it (a weekday, "last month") rather than said it. */
export function eventDateLabel(event: Pick<TimelineEvent, 'date' | 'inferred'>): string {
  return `${event.inferred ? '≈ ' : ''}${dateLabel(event.date)}`;
}

/** One numbered source: a paragraph of an article, and the sentences of it that events cite. */
export interface NumberedSource {
  n: number;
  article: string;
  paragraph: number;
  quotes: string[];
}

export interface CitedEvent {
  event: TimelineEvent;
  /** The `n` of each source the event cites, in order. */
  sources: number[];
}

export interface CitedTimeline {
  events: CitedEvent[];
  sources: NumberedSource[];
}

/**
 * Numbers the sources of a run of events (a page) in the order they are first cited. A source is a paragraph,
 * so two events quoting sentences of one paragraph point to the same number; an event's own sources are
 * listed in article order.
 */
export function citeTimeline(events: readonly TimelineEvent[]): CitedTimeline {
  const sources: NumberedSource[] = [];
  const byKey = new Map<string, NumberedSource>();
  const cited = events.map((event) => {
    const numbers: number[] = [];
    const quotes = [...event.citations].sort(
      (left, right) => left.article.localeCompare(right.article) || left.paragraph - right.paragraph,
    );
    for (const quote of quotes) {
      const key = `${quote.article}\u0000${quote.paragraph}`;
      let source = byKey.get(key);
      if (!source) {
        source = { n: sources.length + 1, article: quote.article, paragraph: quote.paragraph, quotes: [] };
        byKey.set(key, source);
        sources.push(source);
      }
      if (!source.quotes.includes(quote.text)) source.quotes.push(quote.text);
      if (!numbers.includes(source.n)) numbers.push(source.n);
    }
    return { event, sources: numbers };
  });
  return { events: cited, sources };
}

/** How a timeline's text cites its sources: the same in the terminal and on Discord. */
export interface TimelineTextOptions {
  /** Article titles by id, for the numbered sources. */
  titles: ReadonlyMap<string, string>;
  /** The corpus has one article: cite `¶n` rather than `[n]` and a title. */
  singleArticle: boolean;
}

export function timelineTextOptions(bot: Pick<ArticleBot, 'sources'>): TimelineTextOptions {
  const titles = new Map(bot.sources().map((article) => [article.id, article.title]));
  return { titles, singleArticle: titles.size === 1 };
}

/** Each event's references (`[n]` or `¶n`), in the order it cites its sources. */
export function eventReferences(timeline: CitedTimeline, singleArticle: boolean): string[][] {
  const byNumber = new Map(timeline.sources.map((source) => [source.n, source]));
  return timeline.events.map(({ sources }) =>
    sources.flatMap((n) => {
      const source = byNumber.get(n);
      return source ? [sourceReference(source, singleArticle)] : [];
    }),
  );
}

/** `[n]` into the numbered list, or plainly `¶n` when the corpus has one article and the title would repeat. */
export function sourceReference(source: NumberedSource, singleArticle: boolean): string {
  return singleArticle ? `¶${source.paragraph}` : `[${source.n}]`;
}

/** Names that fit a line: the first few, then how many more. */
export function peopleLabel(people: readonly string[], shown = 3): string {
  if (people.length <= shown) return people.join(', ');
  return `${people.slice(0, shown).join(', ')} +${people.length - shown}`;
}

/** The filter in words, as the caption and titles say it: a person, an article, a date range. */
export interface FilterWords {
  /** The person's name as the articles give it, when known; else as it was typed. */
  person?: string;
  /** `in “title”` */
  article?: string;
  /** `from Dec 2022 to 3 Nov 2025`, `from 2024`, `until Mar 2025` */
  range?: string;
}

export function describeFilter(
  filter: TimelineFilter,
  names: { person?: string | undefined; articleTitle?: string | undefined } = {},
): FilterWords {
  const words: FilterWords = {};
  if (filter.person !== undefined) words.person = names.person ?? filter.person;
  if (filter.article !== undefined) words.article = `in “${names.articleTitle ?? filter.article}”`;
  const from = filter.from === undefined ? undefined : `from ${dateLabel(filter.from)}`;
  const to =
    filter.to === undefined ? undefined : `${from === undefined ? 'until' : 'to'} ${dateLabel(filter.to)}`;
  const range = [from, to].filter((part) => part !== undefined).join(' ');
  if (range !== '') words.range = range;
  return words;
}

/** The filter in words with the names the bot knows: the person as the articles name them, the article's title. */
export function filterWordsFor(
  bot: Pick<ArticleBot, 'who' | 'sources'>,
  filter: TimelineFilter,
): FilterWords {
  const person = filter.person === undefined ? undefined : bot.who(filter.person).people[0]?.name;
  const articleTitle =
    filter.article === undefined
      ? undefined
      : bot.sources().find((article) => article.id === filter.article)?.title;
  return describeFilter(filter, { person, articleTitle });
}
