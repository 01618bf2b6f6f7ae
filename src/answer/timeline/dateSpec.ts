/** The shapes shared by the date recognisers (`dateMentions`, `relativeMentions`) and the resolver. */

export type DateUnit = 'day' | 'week' | 'month' | 'year';
export type Modifier = 'last' | 'next' | 'this';

/** What a date phrase says, before it is placed on the calendar. */
export type DateSpec =
  /** Stated calendar parts; a missing year is inferred from context or the publication date. */
  | { kind: 'calendar'; year?: number; month?: number; day?: number; modifier?: Modifier }
  | { kind: 'weekday'; weekday: number; modifier?: Modifier }
  /** today (0), yesterday (-1), tomorrow (1). */
  | { kind: 'dayOffset'; days: number }
  /** "this year", "last month", "next week": the period containing the publication date, moved by `offset`. */
  | { kind: 'period'; unit: DateUnit; offset: number; contextual?: boolean }
  | { kind: 'ago'; unit: DateUnit; amount: number }
  /** "that day", "at the time", "three days later": the previous date in the text, moved by `amount` units. */
  | { kind: 'anaphora'; unit: DateUnit; amount: number; needsDay: boolean }
  /** "eight days after <date>": the date phrase that follows, moved by `amount` units. */
  | { kind: 'offset'; unit: DateUnit; amount: number };

export interface DateMention {
  start: number;
  end: number;
  spec: DateSpec;
}

/** A date phrase's place in the sentence, as offsets into the article text. */
export interface DateSpan {
  start: number;
  end: number;
}
