import type { Logger } from 'pino';
import { ExtractiveAnswerer } from './answer/extractiveAnswerer.js';
import { extractPeople } from './answer/people/index.js';
import type { Answer } from './answer/types.js';
import type { Article } from './corpus/types.js';
import type { TextEmbedder } from './embeddings/types.js';
import { BusyError, InputError } from './errors.js';
import {
  DEFAULT_GAP_LIMIT,
  gapDays,
  type FeedbackKind,
  type FeedbackLog,
  type GapReport,
} from './feedback/types.js';
import type { BuildReport } from './index/build.js';
import type { ArticleLibrary, ServingIndex } from './ingest/articleLibrary.js';
import { HybridRetriever } from './retrieval/hybridRetriever.js';
import type { PassageIndex } from './retrieval/passageIndex.js';
import type {
  AddArticleRequest,
  AddedArticle,
  AnswerRating,
  ArticleBot,
  ArticleSummary,
  AskOptions,
  GapsQuery,
  ReindexReport,
  ReindexRequest,
  RemoveArticleRequest,
  RemovedArticle,
  TimelineFilter,
  WhoResult,
} from './service.js';
import type { TimelineEvent } from './answer/types.js';
import { Knowledge } from './answer/knowledge.js';

export interface ArticleBotServiceOptions {
  index: PassageIndex;
  embedder: TextEmbedder;
  logger: Logger;
  /** Builds a new index generation (in a worker or child process in production) and reports what changed. */
  rebuild: (request: ReindexRequest) => Promise<BuildReport>;
  /** Opens the generation in use after a rebuild. */
  open: () => Promise<PassageIndex>;
  reindexMinIntervalMs: number;
  /** Adds and removes corpus files (the ingestion stage). */
  library: ArticleLibrary;
  /** Where unanswered and disliked questions are kept. */
  feedback: FeedbackLog;
}

/** How an answer was made. Answers carry their `mode` once generation exists; until then they are extractive. */
export function answerMode(answer: Answer): string {
  return 'mode' in answer && typeof answer.mode === 'string' ? answer.mode : 'extractive';
}

/**
 * The `ArticleBot` every surface talks to. It holds the index in use as one immutable value: a reindex builds
 * elsewhere, opens the result, and replaces the reference, so a question in flight finishes on the index it
 * started with and no question waits for a rebuild.
 */
export class ArticleBotService implements ArticleBot {
  private current: { index: PassageIndex; knowledge: Knowledge };
  /** The hybrid retriever over the index in use, as a LangChain `BaseRetriever` (for chains and evaluation). */
  readonly retriever: HybridRetriever;
  private readonly answerer: ExtractiveAnswerer;
  private running: Promise<ReindexReport> | undefined;
  private lastReindexFinished = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ArticleBotServiceOptions) {
    this.current = { index: options.index, knowledge: Knowledge.from(options.index) };
    const index = (): PassageIndex => this.current.index;
    this.retriever = new HybridRetriever({ index, embedder: options.embedder });
    this.answerer = new ExtractiveAnswerer({
      retriever: this.retriever,
      embedder: options.embedder,
      people: () => this.current.knowledge.people,
    });
  }

  ask(question: string, options: AskOptions = {}): Promise<Answer> {
    try {
      const known = options.article === undefined || this.current.index.articles.has(options.article);
      const answer = this.answerer.answer(question, {
        ...(known && options.article !== undefined ? { article: options.article } : {}),
        ...(options.history ? { history: options.history } : {}),
      });
      if (answer.abstained && options.recordUnanswered === true) this.record('unanswered', answer);
      return Promise.resolve(answer);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Why the bot would answer or abstain: the features and probability behind `ask`, for evaluation scripts. */
  explain(question: string): ReturnType<ExtractiveAnswerer['explain']> {
    return this.answerer.explain(question);
  }

  who(name?: string): WhoResult {
    return this.current.knowledge.who(name);
  }

  suggestPeople(partial: string, limit = 25): string[] {
    return this.current.knowledge.suggestPeople(partial, limit);
  }

  timeline(filter: TimelineFilter = {}): TimelineEvent[] {
    return this.current.knowledge.timeline(filter);
  }

  sources(): ArticleSummary[] {
    return [...this.current.index.articles.values()].map((article) => ({
      id: article.id,
      title: article.metadata.title,
      ...(article.metadata.source ? { source: article.metadata.source } : {}),
      ...(article.metadata.published ? { published: article.metadata.published } : {}),
      ...(article.metadata.author ? { author: article.metadata.author } : {}),
      ...(article.metadata.url ? { url: article.metadata.url } : {}),
      paragraphs: article.paragraphs.length,
    }));
  }

  async addArticle(request: AddArticleRequest): Promise<AddedArticle> {
    const started = performance.now();
    const { article } = await this.options.library.add(
      request.input,
      request.requestedBy,
      this.serving(request.onProgress),
    );
    // As the index stores it: the same parse, but the one questions are answered from.
    const stored = this.current.index.articles.get(article.id) ?? article;
    const { metadata } = stored;
    return {
      id: stored.id,
      title: metadata.title,
      ...(metadata.published ? { published: metadata.published } : {}),
      ...(metadata.author ? { author: metadata.author } : {}),
      ...(metadata.source ? { source: metadata.source } : {}),
      ...(metadata.url ? { url: metadata.url } : {}),
      file: stored.file,
      paragraphs: stored.paragraphs.length,
      people: extractPeople([stored]).map((person) => person.name),
      ms: performance.now() - started,
    };
  }

  async removeArticle(request: RemoveArticleRequest): Promise<RemovedArticle> {
    const article = await this.options.library.remove(
      request.id,
      request.requestedBy,
      this.serving(request.onProgress),
    );
    return { id: article.id, title: article.metadata.title, file: article.file };
  }

  rateAnswer(answer: Answer, rating: AnswerRating): void {
    // An abstention was recorded as unanswered when it was given; a thumbs-down on it would count it twice.
    if (rating === 'unhelpful' && !answer.abstained) this.record('disliked', answer);
  }

  gaps(query: GapsQuery = {}): GapReport {
    const days = gapDays(query.days);
    try {
      return this.options.feedback.gaps({ days, limit: query.limit ?? DEFAULT_GAP_LIMIT });
    } catch (error) {
      this.options.logger.warn({ reason: describe(error) }, 'feedback could not be read');
      throw new InputError(`The feedback database could not be read (${describe(error)}).`);
    }
  }

  private record(kind: FeedbackKind, answer: Answer): void {
    const cited = answer.abstained ? answer.closest : answer.citations;
    try {
      this.options.feedback.record({
        kind,
        question: answer.question,
        mode: answerMode(answer),
        articles: [...new Set(cited.map((citation) => citation.article))],
        at: new Date(),
      });
    } catch (error) {
      // Feedback is a courtesy to moderators: a full disk or a locked database must not cost a member an answer.
      this.options.logger.warn({ reason: describe(error) }, 'feedback could not be recorded');
    }
  }

  /** The index as a corpus change sees it: what is served now, and a reindex that sees the change. */
  private serving(onProgress: ReindexRequest['onProgress']): ServingIndex {
    return {
      articles: (): Article[] => [...this.current.index.articles.values()],
      reindex: (requestedBy) =>
        this.reindexAfterChange({ requestedBy, ...(onProgress ? { onProgress } : {}) }),
    };
  }

  /**
   * A reindex for a change just made to the corpus. Unlike `reindex`, it is never refused for coming soon after
   * another (a moderator's add must not fail for that), and it never joins a reindex already running, which may
   * have read the corpus before the change: it waits for that one, then runs its own.
   */
  private async reindexAfterChange(request: ReindexRequest): Promise<ReindexReport> {
    while (this.running) await this.running.catch(() => undefined);
    return this.start(request);
  }

  /**
   * One reindex at a time: a request while one runs joins it (same report), and a new one within the minimum
   * interval of the last is refused with the time to wait.
   */
  reindex(request: ReindexRequest): Promise<ReindexReport> {
    if (this.running) {
      this.options.logger.info(
        { requestedBy: request.requestedBy },
        'reindex requested; joining the one running',
      );
      return this.running;
    }
    const wait = this.lastReindexFinished + this.options.reindexMinIntervalMs - Date.now();
    if (wait > 0) {
      return Promise.reject(
        new BusyError(`The index was rebuilt moments ago; try again in ${Math.ceil(wait / 1000)} s.`, wait),
      );
    }
    return this.start(request);
  }

  private start(request: ReindexRequest): Promise<ReindexReport> {
    this.options.logger.info({ requestedBy: request.requestedBy }, 'reindex started');
    const running = this.runReindex(request).finally(() => {
      this.running = undefined;
      this.lastReindexFinished = Date.now();
    });
    this.running = running;
    return running;
  }

  private async runReindex(request: ReindexRequest): Promise<ReindexReport> {
    const started = performance.now();
    let report: BuildReport;
    try {
      report = await this.options.rebuild(request);
      if (report.rebuilt) {
        // Opened completely before the swap: a question never sees a half-loaded generation.
        const index = await this.options.open();
        this.current = { index, knowledge: Knowledge.from(index) };
      }
    } catch (error) {
      this.options.logger.warn(
        { requestedBy: request.requestedBy, reason: error instanceof Error ? error.message : String(error) },
        'reindex failed; the previous index stays in use',
      );
      throw error;
    }
    const ms = performance.now() - started;
    this.options.logger.info(
      {
        requestedBy: request.requestedBy,
        added: report.articles.added,
        changed: report.articles.changed,
        removed: report.articles.removed,
        // A count: the ids of thousands of unchanged articles would drown the line.
        unchanged: report.articles.unchanged.length,
        chunks: report.chunks,
        embedded: report.embedded,
        ms: Math.round(ms),
      },
      report.rebuilt ? 'reindex finished' : 'reindex found nothing to do',
    );
    return {
      rebuilt: report.rebuilt,
      articles: report.articles,
      chunks: report.chunks,
      ms,
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
