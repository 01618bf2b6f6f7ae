import { findPerson } from '../people/lookup.js';
import type { Person, TimelineEvent } from '../types.js';
import { addDays, addMonths, parseDateValue } from './calendar.js';

export interface TimelineFilter {
  /** A name, alias or part of one, matched as `/who` matches it ("jeri", "de Zela"). */
  person?: string;
  /** An article id, as in citations. */
  article?: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; events overlapping the range are kept. */
  from?: string;
  to?: string;
}

/** The first and last day a date value covers, as `YYYY-MM-DD` strings that compare in calendar order. */
function coveredDays(value: string): { first: string; last: string } | undefined {
  const parsed = parseDateValue(value);
  if (!parsed) return undefined;
  const { date, granularity } = parsed;
  const last =
    granularity === 'day'
      ? date
      : addDays(addMonths({ ...date, day: 1 }, granularity === 'month' ? 1 : 12), -1);
  const format = (day: typeof date): string =>
    `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  return { first: format(date), last: format(last) };
}

/**
 * The events that involve the person (any of their names), come from the article, and overlap the date range.
 * An unknown person or an unreadable date gives no events rather than all of them.
 */
export function filterTimeline(
  events: readonly TimelineEvent[],
  filter: TimelineFilter,
  people: readonly Person[],
): TimelineEvent[] {
  let name: string | undefined;
  if (filter.person !== undefined) {
    name = findPerson(people, filter.person)?.name;
    if (name === undefined) return [];
  }
  const from = filter.from === undefined ? undefined : coveredDays(filter.from)?.first;
  const to = filter.to === undefined ? undefined : coveredDays(filter.to)?.last;
  if ((filter.from !== undefined && !from) || (filter.to !== undefined && !to)) return [];
  return events.filter((event) => {
    if (name !== undefined && !event.people.includes(name)) return false;
    if (filter.article !== undefined && !event.citations.some((quote) => quote.article === filter.article))
      return false;
    const days = coveredDays(event.date);
    if (!days) return false;
    if (from !== undefined && days.last < from) return false;
    return !(to !== undefined && days.first > to);
  });
}
