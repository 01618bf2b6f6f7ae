import type { Answer, ConversationTurn, Person, TimelineEvent } from './answer/types.js';
import type { AnswerProgress } from './generation/generatingAnswerer.js';

export type { AnswerProgress };

/**
 * What every chat surface (Discord, the terminal chat, the JSON CLI) may ask of the bot.
 * Built once by `createArticleBot` in `app.ts`; surfaces format and deliver, nothing else.
 */
export interface ArticleBot {
  /** Rejects with `InputError` for a question that cannot be asked (empty, too long). */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  who(name?: string): WhoResult;
  /** Names for autocomplete, best first, matched without accents on any part of the name. */
  suggestPeople(partial: string, limit?: number): string[];
  timeline(filter?: TimelineFilter): TimelineEvent[];
  sources(): ArticleSummary[];
  /** Coalesces concurrent requests; questions keep being answered from the old index until the new one is ready. */
  reindex(request: ReindexRequest): Promise<ReindexReport>;
}

export interface AskOptions {
  /** Restrict the answer to one article (its id). */
  article?: string;
  /** Earlier turns of the same conversation, oldest first. */
  history?: readonly ConversationTurn[];
  /** The Discord server asking (for `LLM_DAILY_LIMIT_PER_GUILD`); absent in the terminal and the CLI. */
  guild?: string;
  /** Hears that a generated answer is being written, and its text so far (unverified) when streaming. */
  onProgress?: (progress: AnswerProgress) => void;
}

export interface WhoResult {
  people: Person[];
  /** When a name was asked for and not found: the closest names. */
  suggestions?: string[];
}

export interface TimelineFilter {
  person?: string;
  article?: string;
  /** Inclusive bounds, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  from?: string;
  to?: string;
}

export interface ArticleSummary {
  id: string;
  title: string;
  source?: string;
  published?: string;
  paragraphs: number;
}

export interface ReindexRequest {
  /** Who asked, for the log (a Discord user tag, "cli", "terminal"). */
  requestedBy: string;
  onProgress?: (progress: ReindexProgress) => void;
}

export interface ReindexProgress {
  stage: 'loading' | 'embedding' | 'writing' | 'verifying' | 'swapping';
  done: number;
  total: number;
}

export interface ReindexReport {
  /** False when nothing changed and the existing index was kept. */
  rebuilt: boolean;
  articles: { added: string[]; changed: string[]; removed: string[]; unchanged: string[] };
  chunks: number;
  ms: number;
}
