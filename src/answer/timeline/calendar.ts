import type { DateGranularity } from '../types.js';

/** A calendar day; `month` is 1-based. Arithmetic goes through UTC so no time zone can shift a day. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

export const WEEKDAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

/** 1-based month number for a month name or its common abbreviation ("Sept", "Nov."), else undefined. */
export function monthNumber(word: string): number | undefined {
  const key = word.toLowerCase().replace(/\.$/, '');
  if (key.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name === key || (key.length <= 4 && name.startsWith(key)));
  return index >= 0 ? index + 1 : undefined;
}

export function parseIsoDay(text: string | undefined): CalendarDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDay(day) ? day : undefined;
}

export function isValidDay({ year, month, day }: CalendarDay): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromUtc(time: Date): CalendarDay {
  return { year: time.getUTCFullYear(), month: time.getUTCMonth() + 1, day: time.getUTCDate() };
}

export function addDays(date: CalendarDay, days: number): CalendarDay {
  return fromUtc(new Date(Date.UTC(date.year, date.month - 1, date.day + days)));
}

/** Moves by whole months, clamping the day so that "a month after January 31" stays in February. */
export function addMonths(date: CalendarDay, months: number): CalendarDay {
  const first = fromUtc(new Date(Date.UTC(date.year, date.month - 1 + months, 1)));
  const lastDay = new Date(Date.UTC(first.year, first.month, 0)).getUTCDate();
  return { ...first, day: Math.min(date.day, lastDay) };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDay): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  const milliseconds =
    Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(milliseconds / 86_400_000);
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Formats as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export function formatDate(date: CalendarDay, granularity: DateGranularity): string {
  const year = pad(date.year, 4);
  if (granularity === 'year') return year;
  if (granularity === 'month') return `${year}-${pad(date.month, 2)}`;
  return `${year}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Reads back what `formatDate` wrote; a month or year value stands for its first day. */
export function parseDateValue(
  value: string,
): { date: CalendarDay; granularity: DateGranularity } | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return undefined;
  const granularity: DateGranularity = match[3] ? 'day' : match[2] ? 'month' : 'year';
  const date = { year: Number(match[1]), month: Number(match[2] ?? 1), day: Number(match[3] ?? 1) };
  return isValidDay(date) ? { date, granularity } : undefined;
}
