import type { Logger } from 'pino';
import {
  ExtractiveAnswerer,
  type AnswerOptions,
  type QuestionAnalysis,
} from './answer/extractiveAnswerer.js';
import type { AnswerModels } from './answer/models.js';
import { followUpQuery } from './answer/followUp.js';
import { extractPeople } from './answer/people/index.js';
import { normalizeQuestion } from './answer/question.js';
import type { Answer, AnswerMode } from './answer/types.js';
import type { TextEmbedder } from './embeddings/types.js';
import { BusyError, InputError } from './errors.js';
import {
  DEFAULT_GAP_LIMIT,
  gapDays,
  type FeedbackKind,
  type FeedbackLog,
  type GapReport,
} from './feedback/types.js';
import type { BuildReport } from './index/index.js';
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
import { asExtractive, GeneratingAnswerer } from './generation/generatingAnswerer.js';
import type { LanguageDetector } from './generation/language.js';
import type { AnswerGenerator } from './generation/types.js';
import type { LlmSettings } from './config/config.js';

/** Generated answers: the model, and the rules it answers under (see `GeneratingAnswerer`). */
export interface GenerationSetup extends Pick<
  LlmSettings,
  'timeoutMs' | 'maxPassages' | 'dailyLimitPerGuild' | 'breaker'
> {
  generator: AnswerGenerator;
  detectLanguage?: LanguageDetector;
  /** Replaces the clock of the daily limit and the circuit breaker (tests). */
  now?: () => number;
}

export interface ArticleBotServiceOptions {
  index: PassageIndex;
  embedder: TextEmbedder;
  logger: Logger;
  /** Builds a new index generation (in a worker or child process in production) and reports what changed. */
  rebuild: (request: ReindexRequest) => Promise<BuildReport>;
  /** Opens the generation in use after a rebuild. */
  open: () => Promise<PassageIndex>;
  /** The name of the generation in use on disk (`CURRENT`), which another process may have changed. */
  currentGeneration: () => Promise<string | undefined>;
  reindexMinIntervalMs: number;
  /** Absent: every answer is extractive (`LLM_PROVIDER=none`). */
  generation?: GenerationSetup;
  /** Adds and removes corpus files (the ingestion stage). */
  library: ArticleLibrary;
  /** Where unanswered and disliked questions are kept. */
  feedback: FeedbackLog;
}

/** How an answer was made, as the feedback records it; an answer without a `mode` is the answerer's own. */
export function answerMode(answer: Answer): AnswerMode {
  return answer.mode ?? 'extractive';
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
  private readonly generating: GeneratingAnswerer | undefined;
  private readonly languages = new WeakMap<PassageIndex, Map<string, string[]>>();
  private running: Promise<ReindexReport> | undefined;
  /** Switches to another generation, one at a time, so two never race to replace `current`. */
  private switching: Promise<unknown> = Promise.resolve();
  private readonly switchListeners = new Set<(generation: string) => void>();
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
    const { generation } = options;
    this.generating =
      generation &&
      new GeneratingAnswerer({
        ...generation,
        logger: options.logger,
        extractive: (question, answerOptions) => this.extractiveAnswer(question, answerOptions),
        rankPassages: (query, retrieveOptions) => this.retriever.rankPassages(query, retrieveOptions),
        articleLanguages: (article) => this.articleLanguages(article),
        ...(options.embedder.prepareQueries
          ? {
              prepareQueries: (texts: string[]) =>
                options.embedder.prepareQueries?.(texts) ?? Promise.resolve(),
            }
          : {}),
      });
  }

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const known = options.article === undefined || this.current.index.catalog.has(options.article);
    const answerOptions: AnswerOptions = {
      ...(known && options.article !== undefined ? { article: options.article } : {}),
      ...(options.history ? { history: options.history } : {}),
    };
    const answer = this.generating
      ? await this.generating.answer(question, {
          ...answerOptions,
          ...(options.guild === undefined ? {} : { guild: options.guild }),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        })
      : await this.extractiveAnswer(question, answerOptions);
    if (answer.abstained && options.recordUnanswered === true) this.record('unanswered', answer);
    return answer;
  }

  private async extractiveAnswer(question: string, options: AnswerOptions): Promise<Answer> {
    const { embedder } = this.options;
    // A remote embedder fetches the question's vector first: the answerer embeds synchronously.
    if (embedder.prepareQueries) {
      await embedder.prepareQueries([followUpQuery(normalizeQuestion(question), options.history ?? [])]);
    }
    return asExtractive(this.answerer.answer(question, options));
  }

  /** Languages of the articles (of one article when given), the most common first. */
  private articleLanguages(article?: string): string[] {
    const { index } = this.current;
    let byArticle = this.languages.get(index);
    if (!byArticle) {
      const counts = new Map<string, number>();
      for (const each of index.catalog.values()) {
        counts.set(each.metadata.language, (counts.get(each.metadata.language) ?? 0) + 1);
      }
      byArticle = new Map([
        ['', [...counts].sort((left, right) => right[1] - left[1]).map(([code]) => code)],
      ]);
      this.languages.set(index, byArticle);
    }
    const one = article === undefined ? undefined : index.catalog.get(article);
    return one ? [one.metadata.language] : (byArticle.get('') ?? []);
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
    return [...this.current.index.catalog.values()].map((article) => ({
      id: article.id,
      title: article.metadata.title,
      ...(article.metadata.source ? { source: article.metadata.source } : {}),
      ...(article.metadata.published ? { published: article.metadata.published } : {}),
      ...(article.metadata.author ? { author: article.metadata.author } : {}),
      ...(article.metadata.url ? { url: article.metadata.url } : {}),
      paragraphs: article.paragraphs,
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
    const stored = this.current.index.article(article.id) ?? article;
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
      articles: () => [...this.current.index.catalog.values()],
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

  followIndex(): Promise<string> {
    return this.serveCurrentGeneration().then(() => this.current.index.generation.name);
  }

  onIndexSwitch(listener: (generation: string) => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  /**
   * Opens the generation `CURRENT` names when it is not the one served, and swaps it in; resolves to its name
   * when it switched. Opened completely before the swap, so a question never sees a half-loaded generation, and
   * one switch at a time.
   */
  private serveCurrentGeneration(): Promise<string | undefined> {
    const switched = this.switching.then(async () => {
      const name = await this.options.currentGeneration();
      if (name === undefined || name === this.current.index.generation.name) return undefined;
      const index = await this.options.open();
      if (index.generation.name === this.current.index.generation.name) return undefined;
      this.current = { index, knowledge: Knowledge.from(index) };
      this.options.logger.info({ generation: index.generation.name }, 'serving another index generation');
      return index.generation.name;
    });
    this.switching = switched.catch(() => undefined);
    return switched;
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
      // Also when this build found nothing to do: another process's build may have landed while it waited.
      const switched = await this.serveCurrentGeneration();
      if (switched) for (const listener of this.switchListeners) listener(switched);
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
