import type { DateGranularity } from '../types.js';
import {
  addDays,
  addMonths,
  type CalendarDay,
  daysBetween,
  formatDate,
  isValidDay,
  parseIsoDay,
  weekdayOf,
} from './calendar.js';
import { type DateMention, type DateSpec, type DateUnit, findDateMentions } from './dateMentions.js';

/** A date phrase of the text placed on the calendar. */
export interface ResolvedDate {
  /** Offsets into the text given to `resolveDates`. */
  start: number;
  end: number;
  text: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  value: string;
  granularity: DateGranularity;
  /** True when the phrase did not state the date in full (a weekday, "yesterday", a month without a year). */
  inferred: boolean;
  /** For "eight days after <date>": the start of the date it counts from, itself resolved separately. */
  anchorStart?: number;
}

export interface ResolveOptions {
  /** Paragraph spans: a month without a year takes its year from an earlier year stated in the same paragraph. */
  paragraphs?: readonly { start: number; end: number }[];
}

interface Placed {
  date: CalendarDay;
  granularity: DateGranularity;
  inferred: boolean;
  /** The year the phrase itself states, which later phrases of the paragraph may inherit. */
  statedYear?: number;
}

const GRANULARITY_RANK: Record<DateGranularity, number> = { year: 0, month: 1, day: 2 };

/** Words before a date that put it in the future ("is set to begin on Wednesday", "closed until Friday"). */
const FUTURE_BEFORE =
  /\b(?:will|won[’']t|shall|[’']ll|(?:is|are|was|were)\s+(?:set|scheduled|due|expected|slated|poised|going)\s+to|to\s+(?:be\s+held|remain|resume|begin|start)|until|till|upcoming|scheduled\s+for|plans?\s+to|intends?\s+to)\b/i;
const FUTURE_AFTER = /^\W{0,3}(?:deadline|target date)\b/i;

function shift(date: CalendarDay, unit: DateUnit, amount: number): CalendarDay {
  if (unit === 'day') return addDays(date, amount);
  if (unit === 'week') return addDays(date, 7 * amount);
  if (unit === 'month') return addMonths(date, amount);
  return addMonths(date, 12 * amount);
}

/** The finest granularity a shift by `unit` can keep: a week or day shift needs a day to count from. */
function shiftedGranularity(from: DateGranularity, unit: DateUnit): DateGranularity | undefined {
  const needed: DateGranularity = unit === 'year' ? 'year' : unit === 'month' ? 'month' : 'day';
  if (GRANULARITY_RANK[from] < GRANULARITY_RANK[needed]) return undefined;
  return needed;
}

/** Places the date phrases of one text; phrases that lean on others ("that day", "eight days after") ask for them. */
class Resolver {
  private readonly placed = new Map<DateMention, Placed | undefined>();

  constructor(
    private readonly text: string,
    private readonly mentions: readonly DateMention[],
    private readonly published: CalendarDay | undefined,
    private readonly paragraphs: readonly { start: number; end: number }[],
  ) {}

  place(mention: DateMention): Placed | undefined {
    if (this.placed.has(mention)) return this.placed.get(mention);
    // Marked unplaceable while it is being placed, so phrases that refer to each other cannot loop.
    this.placed.set(mention, undefined);
    const result = this.compute(mention);
    this.placed.set(mention, result);
    return result;
  }

  /** The date phrase an offset phrase counts from: the next date phrase, if it starts within a few words. */
  anchorOf(mention: DateMention): DateMention | undefined {
    const next = this.mentions.find((other) => other.start >= mention.end);
    if (!next || next.spec.kind === 'offset') return undefined;
    const between = this.text.slice(mention.end, next.start);
    return between.length <= 60 && !/[.;!?]/.test(between) ? next : undefined;
  }

  private compute(mention: DateMention): Placed | undefined {
    const { spec } = mention;
    const published = this.published;
    switch (spec.kind) {
      case 'calendar':
        return this.calendar(mention, spec);
      case 'weekday':
        return published && this.weekday(mention, spec.weekday, spec.modifier);
      case 'dayOffset':
        return published && { date: addDays(published, spec.days), granularity: 'day', inferred: true };
      case 'period':
        return this.period(mention, spec.unit, spec.offset, spec.contextual === true);
      case 'ago': {
        if (!published) return undefined;
        const granularity = shiftedGranularity('day', spec.unit) ?? 'day';
        return { date: shift(published, spec.unit, -spec.amount), granularity, inferred: true };
      }
      case 'anaphora': {
        const antecedent = this.antecedentOf(mention);
        if (!antecedent) return undefined;
        if (spec.needsDay && antecedent.granularity !== 'day') return undefined;
        if (spec.amount === 0)
          return { date: antecedent.date, granularity: antecedent.granularity, inferred: true };
        const granularity = shiftedGranularity(antecedent.granularity, spec.unit);
        if (!granularity) return undefined;
        return { date: shift(antecedent.date, spec.unit, spec.amount), granularity, inferred: true };
      }
      case 'offset': {
        const anchor = this.anchorOf(mention);
        const from = anchor && this.place(anchor);
        const granularity = from && shiftedGranularity(from.granularity, spec.unit);
        if (!from || !granularity) return undefined;
        return { date: shift(from.date, spec.unit, spec.amount), granularity, inferred: true };
      }
    }
  }

  /** The closest date phrase before `mention` that could be placed. */
  private antecedentOf(mention: DateMention): Placed | undefined {
    const index = this.mentions.indexOf(mention);
    for (let previous = index - 1; previous >= 0; previous--) {
      const candidate = this.mentions[previous];
      const placed = candidate && this.place(candidate);
      if (placed) return placed;
    }
    return undefined;
  }

  private paragraphOf(position: number): { start: number; end: number } {
    return (
      this.paragraphs.find((paragraph) => position >= paragraph.start && position < paragraph.end) ?? {
        start: 0,
        end: this.text.length,
      }
    );
  }

  /** The latest year stated before `mention` in its paragraph ("throughout 2022 … In late November"). */
  private contextYear(mention: DateMention): number | undefined {
    const paragraph = this.paragraphOf(mention.start);
    let year: number | undefined;
    for (const other of this.mentions) {
      if (other.start >= mention.start) break;
      if (other.start < paragraph.start) continue;
      const stated = this.place(other)?.statedYear;
      if (stated !== undefined) year = stated;
    }
    return year;
  }

  private pointsForward(mention: DateMention): boolean {
    const sentenceStart = Math.max(
      this.paragraphOf(mention.start).start,
      this.text.slice(0, mention.start).search(/[.!?]["”’']?\s+[^.!?]*$/) + 1,
    );
    const before = this.text.slice(Math.max(sentenceStart, mention.start - 70), mention.start);
    return FUTURE_BEFORE.test(before) || FUTURE_AFTER.test(this.text.slice(mention.end, mention.end + 20));
  }

  private calendar(mention: DateMention, spec: Extract<DateSpec, { kind: 'calendar' }>): Placed | undefined {
    const { month, day } = spec;
    const granularity: DateGranularity = day !== undefined ? 'day' : month !== undefined ? 'month' : 'year';
    if (spec.year !== undefined) {
      const date = { year: spec.year, month: month ?? 1, day: day ?? 1 };
      return isValidDay(date) ? { date, granularity, inferred: false, statedYear: spec.year } : undefined;
    }
    if (month === undefined) return undefined;
    const published = this.published;
    const context = this.contextYear(mention);
    // A paragraph about an earlier year ("throughout 2022 … In late November") keeps its months in that year.
    if (context !== undefined && (!published || context < published.year) && spec.modifier === undefined) {
      const date = { year: context, month, day: day ?? 1 };
      return isValidDay(date) ? { date, granularity, inferred: true } : undefined;
    }
    if (!published) return undefined;
    const candidates = [-1, 0, 1]
      .map((offset) => ({ year: published.year + offset, month, day: day ?? 1 }))
      .filter(isValidDay);
    const monthIndex = (date: CalendarDay): number => date.year * 12 + date.month;
    const publishedMonth = monthIndex(published);
    let chosen: CalendarDay | undefined;
    if (day === undefined) {
      const pick = (test: (index: number) => boolean, latest: boolean): CalendarDay | undefined => {
        const fitting = candidates.filter((date) => test(monthIndex(date)));
        return latest ? fitting.at(-1) : fitting[0];
      };
      if (spec.modifier === 'last') chosen = pick((index) => index < publishedMonth, true);
      else if (spec.modifier === 'next') chosen = pick((index) => index > publishedMonth, false);
      else if (spec.modifier === 'this') chosen = candidates.find((date) => date.year === published.year);
      else if (this.pointsForward(mention)) chosen = pick((index) => index >= publishedMonth, false);
      else chosen = pick((index) => index <= publishedMonth, true);
    } else if (this.pointsForward(mention)) {
      chosen = candidates.find((date) => daysBetween(published, date) >= 0);
    } else {
      // A day and month without a year is the nearest such day, as in "a June 1 deadline" written in late May.
      const byDistance = [...candidates].sort(
        (left, right) =>
          Math.abs(daysBetween(published, left)) - Math.abs(daysBetween(published, right)) ||
          daysBetween(published, left) - daysBetween(published, right),
      );
      chosen = byDistance[0];
    }
    return chosen && { date: chosen, granularity, inferred: true };
  }

  private weekday(mention: DateMention, weekday: number, modifier: string | undefined): Placed {
    const published = this.published as CalendarDay;
    const back = (weekdayOf(published) - weekday + 7) % 7;
    const forward = (weekday - weekdayOf(published) + 7) % 7;
    let days: number;
    if (modifier === 'last') days = -(back === 0 ? 7 : back);
    else if (modifier === 'next') days = forward === 0 ? 7 : forward;
    // News reports what happened: "on Tuesday" is the latest Tuesday, unless the sentence looks ahead.
    else days = this.pointsForward(mention) ? forward : -back;
    return { date: addDays(published, days), granularity: 'day', inferred: true };
  }

  private period(
    mention: DateMention,
    unit: DateUnit,
    offset: number,
    contextual: boolean,
  ): Placed | undefined {
    const published = this.published;
    const context = contextual ? this.contextYear(mention) : undefined;
    if (unit === 'year') {
      const year = context ?? (published && published.year + offset);
      return year === undefined
        ? undefined
        : { date: { year, month: 1, day: 1 }, granularity: 'year', inferred: true };
    }
    if (!published) return undefined;
    if (unit === 'month') return { date: addMonths(published, offset), granularity: 'month', inferred: true };
    if (unit === 'week') {
      // A week has no granularity of its own; it is kept as its month when the whole week falls in one.
      const monday = addDays(published, -((weekdayOf(published) + 6) % 7) + 7 * offset);
      const sunday = addDays(monday, 6);
      if (monday.month !== sunday.month) return undefined;
      return { date: monday, granularity: 'month', inferred: true };
    }
    return { date: addDays(published, offset), granularity: 'day', inferred: true };
  }
}

/**
 * Finds every date phrase in `text` and places it on the calendar as a reader of the article would, against
 * the publication date `published` (`YYYY-MM-DD`; without it only fully stated dates resolve). Weekdays and
 * months without a year are the most recent ones on or before publication unless the sentence looks ahead;
 * a month in a paragraph about an earlier year takes that year; "that day" and "at the time" repeat the
 * previous date; "eight days after <date>" counts from that date.
 */
export function resolveDates(
  text: string,
  published: string | undefined,
  options: ResolveOptions = {},
): ResolvedDate[] {
  const mentions = findDateMentions(text);
  const paragraphs = options.paragraphs ?? lineSpans(text);
  const resolver = new Resolver(text, mentions, parseIsoDay(published), paragraphs);
  const resolved: ResolvedDate[] = [];
  for (const mention of mentions) {
    const placed = resolver.place(mention);
    if (!placed) continue;
    const anchor = mention.spec.kind === 'offset' ? resolver.anchorOf(mention) : undefined;
    const end = anchor ? anchor.end : mention.end;
    const entry: ResolvedDate = {
      start: mention.start,
      end,
      text: text.slice(mention.start, end),
      value: formatDate(placed.date, placed.granularity),
      granularity: placed.granularity,
      inferred: placed.inferred,
    };
    if (anchor) entry.anchorStart = anchor.start;
    resolved.push(entry);
  }
  return resolved;
}

function lineSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    spans.push({ start, end: start + line.length + 1 });
    start += line.length + 1;
  }
  return spans;
}
