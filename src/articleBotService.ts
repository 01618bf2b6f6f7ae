import type { Logger } from 'pino';
import { ExtractiveAnswerer, type QuestionAnalysis } from './answer/extractiveAnswerer.js';
import type { AnswerModels } from './answer/models.js';
import type { Answer } from './answer/types.js';
import type { TextEmbedder } from './embeddings/types.js';
import { BusyError } from './errors.js';
import type { BuildReport } from './index/build.js';
import { HybridRetriever } from './retrieval/hybridRetriever.js';
import type { PassageIndex } from './retrieval/passageIndex.js';
import type {
  ArticleBot,
  ArticleSummary,
  AskOptions,
  ReindexReport,
  ReindexRequest,
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
      return Promise.resolve(
        this.answerer.answer(question, {
          ...(known && options.article !== undefined ? { article: options.article } : {}),
          ...(options.history ? { history: options.history } : {}),
        }),
      );
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * The model-free half of `ask` (candidates and their features), for evaluation scripts, which answer it with
   * models fitted on other articles through `compose`.
   */
  analyse(question: string, options: AskOptions = {}): QuestionAnalysis {
    return this.answerer.analyse(question, options.history ? { history: options.history } : {});
  }

  compose(analysis: QuestionAnalysis, models?: AnswerModels): Answer {
    return this.answerer.compose(analysis, models);
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
      paragraphs: article.paragraphs.length,
    }));
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
    this.options.logger.info({ requestedBy: request.requestedBy }, 'reindex started');
    this.running = this.runReindex(request).finally(() => {
      this.running = undefined;
      this.lastReindexFinished = Date.now();
    });
    return this.running;
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
