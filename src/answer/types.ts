/** A verbatim passage of a stored article, and where it stands. */
export interface Quote {
  article: string;
  paragraph: number;
  text: string;
}

/** A numbered citation: `n` is the number the answer text refers to as `[n]`. */
export interface Citation extends Quote {
  n: number;
  articleTitle: string;
  /** Offsets into the article body; `text === article.text.slice(start, end)` is checked before it is shown. */
  start: number;
  end: number;
  /**
   * Set on every citation an answer shows: its text was checked to be the article's own words at these offsets
   * (a generated answer's quotes are checked before they are kept; see src/generation/verifyQuotes.ts).
   */
  verified?: true;
}

/** How an answer was made: quoted by the offline answerer, or written by a language model and checked. */
export type AnswerMode = 'extractive' | 'generated';

export interface Answer {
  question: string;
  answer: string;
  /** True when the articles do not answer the question; `answer` then says so and `closest` shows what came nearest. */
  abstained: boolean;
  /**
   * The answer in a few words, verbatim from the first citation, when the question asks for an entity, a date,
   * a quantity, or a yes or no ("Mary Barra", "June 24", "$20,000", "No"); null otherwise. Surfaces lead with it.
   */
  short: string | null;
  citations: Citation[];
  closest: Citation[];
  /** Milliseconds spent answering. */
  ms: number;
  /** Set by the service on every answer it gives (absent only on the answerer's own, internal results). */
  mode?: AnswerMode;
  /** The language model that wrote a generated answer; null for an extractive one. */
  model?: string | null;
}

/** One earlier exchange of a conversation, so a follow-up can be read in its context. */
export interface ConversationTurn {
  question: string;
  answer: Answer;
}

export interface Person {
  name: string;
  aliases: string[];
  roles: string[];
  summary: string;
  citations: Quote[];
}

export type DateGranularity = 'day' | 'month' | 'year';

export interface TimelineEvent {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the text allows. */
  date: string;
  granularity: DateGranularity;
  /** True when the date was resolved from a relative or partial expression rather than stated in full. */
  inferred: boolean;
  what: string;
  /** Canonical names of the people the event involves. */
  people: string[];
  citations: Quote[];
}
