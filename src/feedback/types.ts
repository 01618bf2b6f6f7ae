import { InputError } from '../errors.js';

/**
 * What members could not get answered, kept so moderators know what to add. Only the question, how it was
 * answered and what it cited, and when: never who asked.
 */
export type FeedbackKind = 'unanswered' | 'disliked';

export interface FeedbackEntry {
  kind: FeedbackKind;
  question: string;
  /** How the answer was made: `extractive` (quoted offline) or `generated` (written by a language model). */
  mode: string;
  /** Ids of the articles the answer cited (or, for an abstention, came closest). */
  articles: readonly string[];
  at: Date;
}

/** Near-duplicate questions counted as one. */
export interface QuestionGap {
  /** The phrasing asked most often. */
  question: string;
  count: number;
  unanswered: number;
  disliked: number;
  /** Other phrasings of the same question, most frequent first (a few). */
  variants: string[];
  /** Articles cited by the answers, most often first (a few): where a disliked answer came from. */
  articles: string[];
  /** ISO 8601: when it was last asked. */
  lastAsked: string;
}

export interface GapReport {
  days: number;
  /** ISO 8601: the start of the period. */
  since: string;
  /** False when feedback logging is switched off (`FEEDBACK_LOG=false`): nothing is recorded. */
  recording: boolean;
  /** Questions recorded in the period, before grouping. */
  total: number;
  gaps: QuestionGap[];
}

export interface GapQuery {
  days: number;
  /** Groups returned, most frequent first. */
  limit: number;
}

export const DEFAULT_GAP_DAYS = 30;
export const DEFAULT_GAP_LIMIT = 10;

/** The period asked for, checked: a whole number of days from 1 to 3650. */
export function gapDays(days: number | undefined): number {
  const value = days ?? DEFAULT_GAP_DAYS;
  if (!Number.isInteger(value) || value < 1 || value > 3650) {
    throw new InputError('The period must be a whole number of days, from 1 to 3650.');
  }
  return value;
}

/** Where feedback is kept: one small interface, so the bot is given an implementation rather than a database. */
export interface FeedbackLog {
  readonly recording: boolean;
  record(entry: FeedbackEntry): void;
  gaps(query: GapQuery): GapReport;
  close(): void;
}

/** `FEEDBACK_LOG=false`: nothing is written, not even an empty database. */
export function disabledFeedbackLog(now: () => Date = () => new Date()): FeedbackLog {
  return {
    recording: false,
    record: () => undefined,
    gaps: ({ days }) => ({
      days,
      since: new Date(now().getTime() - days * 86_400_000).toISOString(),
      recording: false,
      total: 0,
      gaps: [],
    }),
    close: () => undefined,
  };
}
