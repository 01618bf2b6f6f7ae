import type { Answer, ConversationTurn, Person, TimelineEvent } from './answer/types.js';
import type { GapReport } from './feedback/types.js';
import type { AnswerProgress } from './generation/generatingAnswerer.js';
import type { ArticleInput } from './ingest/types.js';

export type { AnswerProgress };
export type { ArticleInput } from './ingest/types.js';
export type { GapReport, QuestionGap } from './feedback/types.js';

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
  /**
   * Adds an article from a link or a file and reindexes, so it is answerable when this resolves. Rejects with
   * `InputError` on any refusal (an unsafe or unreachable link, no readable text, already there), leaving the
   * corpus and the index exactly as they were.
   */
  addArticle(request: AddArticleRequest): Promise<AddedArticle>;
  /** Removes an article and reindexes; rejects with `InputError` for an unknown id. */
  removeArticle(request: RemoveArticleRequest): Promise<RemovedArticle>;
  /**
   * A member's verdict on an answer. An unhelpful one is recorded for `gaps` (question, mode, cited article ids
   * and time; never who). Recording problems are logged, never thrown.
   */
  rateAnswer(answer: Answer, rating: AnswerRating): void;
  /** The questions most often unanswered or disliked in the last `days`, near-duplicates grouped. */
  gaps(query?: GapsQuery): GapReport;
  /**
   * Serves the index generation now current on disk, when it is not the one served: another process (another
   * shard, `npm run reindex`) rebuilt the index. Questions in flight finish on the generation they started on.
   * Resolves to the name of the generation served afterwards.
   */
  followIndex(): Promise<string>;
  /**
   * Calls `listener` with the generation's name each time this process starts serving another generation it
   * built itself (a reindex, an article added or removed), so other processes can follow. Returns `unsubscribe`.
   */
  onIndexSwitch(listener: (generation: string) => void): () => void;
}

export type AnswerRating = 'helpful' | 'unhelpful';

export interface GapsQuery {
  /** Default 30. */
  days?: number;
  /** Default 10. */
  limit?: number;
}

export interface AddArticleRequest {
  input: ArticleInput;
  /** Who asked, for the audit log (a Discord user tag and id, `cli:<user>`, `terminal`). */
  requestedBy: string;
  onProgress?: (progress: ReindexProgress) => void;
}

export interface AddedArticle {
  id: string;
  title: string;
  published?: string;
  author?: string;
  source?: string;
  url?: string;
  /** The file written in the corpus folder. */
  file: string;
  paragraphs: number;
  /** People the article names. */
  people: string[];
  /** From the request to the article being answerable. */
  ms: number;
}

export interface RemoveArticleRequest {
  id: string;
  requestedBy: string;
  onProgress?: (progress: ReindexProgress) => void;
}

export interface RemovedArticle {
  id: string;
  title: string;
  file: string;
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
  /**
   * Record the question for `gaps` when the articles do not answer it. Chat surfaces set it for members'
   * questions; the JSON CLI and evaluation scripts do not, so test questions never look like members' needs.
   */
  recordUnanswered?: boolean;
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
  author?: string;
  url?: string;
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
