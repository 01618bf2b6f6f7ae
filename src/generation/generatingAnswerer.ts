import type { Logger } from 'pino';
import type { AnswerOptions } from '../answer/extractiveAnswerer.js';
import { NOT_ANSWERED } from '../answer/extractiveAnswerer.js';
import { followUpQuery } from '../answer/followUp.js';
import { normalizeQuestion } from '../answer/question.js';
import type { Answer, Citation } from '../answer/types.js';
import type { RankedPassage, RetrieveOptions } from '../retrieval/hybridRetriever.js';
import { newBudget, withinBudget } from '../providers/budgetedFetch.js';
import { CircuitBreaker } from './circuitBreaker.js';
import { DailyLimit } from './dailyLimit.js';
import type { LanguageDetector } from './language.js';
import { HISTORY_TURNS_SENT } from './prompt.js';
import { GenerationError, type AnswerGenerator, type NumberedPassage } from './types.js';
import { verifyReply } from './verifyQuotes.js';

/** What a surface may hear while an answer is generated. */
export type AnswerProgress =
  | { stage: 'writing'; model: string }
  /** The answer as written so far: not yet verified, shown only until the final answer replaces it. */
  | { stage: 'draft'; text: string };

export interface GenerationAskOptions extends AnswerOptions {
  /** The Discord server asking, for `LLM_DAILY_LIMIT_PER_GUILD`; the terminal and the CLI have none. */
  guild?: string;
  onProgress?: (progress: AnswerProgress) => void;
}

export interface GeneratingAnswererOptions {
  generator: AnswerGenerator;
  /**
   * The offline answer to the same question, marked `extractive` (see `asExtractive`): the fallback, and where
   * an abstention's closest passages come from.
   */
  extractive: (question: string, options: AnswerOptions) => Promise<Answer>;
  /** The retriever's passage ranking (`HybridRetriever.rankPassages`). */
  rankPassages: (query: string, options: RetrieveOptions) => RankedPassage[];
  /** The languages the articles are written in (ISO 639-1), or one article's when a question is limited to it. */
  articleLanguages: (article?: string) => string[];
  /** Says a question's language; undefined when unsure. Without it, questions are searched as asked. */
  detectLanguage?: LanguageDetector;
  /** Fetches what a remote embedder needs before the retriever embeds these texts (see ProviderEmbeddings). */
  prepareQueries?: (texts: string[]) => Promise<void>;
  logger: Logger;
  /** Bounds the whole generation: search rewrite, reply, the one wait after a 429. */
  timeoutMs: number;
  maxPassages: number;
  dailyLimitPerGuild: number;
  breaker: { failures: number; cooldownMs: number };
  now?: () => number;
}

/**
 * Generated answers that can be trusted, with the offline answer under them. For each question: the retrieved
 * passages (also searched in the articles' language when the question is in another) go to the model with the
 * question and recent turns; its reply is held to the grounding contract (`verifyReply`), and an answer left
 * without a verified quote is not shown. Any failure (timeout, 429 after its one retry, 5xx, malformed or cut-off
 * output, a refusal) gives the extractive answer and one warning line; repeated failures open a circuit breaker,
 * and `dailyLimitPerGuild` caps generated answers per server per day.
 */
export class GeneratingAnswerer {
  private readonly breaker: CircuitBreaker;
  private readonly dailyLimit: DailyLimit;

  constructor(private readonly options: GeneratingAnswererOptions) {
    const { logger, generator } = options;
    this.breaker = new CircuitBreaker({
      ...options.breaker,
      ...(options.now ? { now: options.now } : {}),
      onOpen: (failures) =>
        logger.warn(
          { model: generator.model, failures, skipForMs: options.breaker.cooldownMs },
          'language model failed repeatedly; answering extractively until it recovers',
        ),
      onClose: () => logger.info({ model: generator.model }, 'language model answering again'),
    });
    this.dailyLimit = new DailyLimit(options.dailyLimitPerGuild, options.now);
  }

  get model(): string {
    return this.options.generator.model;
  }

  async answer(
    rawQuestion: string,
    { guild, onProgress, ...answerOptions }: GenerationAskOptions = {},
  ): Promise<Answer> {
    const started = performance.now();
    const history = answerOptions.history ?? [];
    const searchQuery = (question: string): string => followUpQuery(question, history);
    // Asked for only when needed (a fallback, an abstention's closest passages): it costs as much as the rest
    // of the generated path together.
    const extractive = (): Promise<Answer> => this.options.extractive(rawQuestion, answerOptions);
    const question = normalizeQuestion(rawQuestion);
    if (guild !== undefined && !this.dailyLimit.take(guild)) {
      this.options.logger.debug({ guild }, 'daily limit of generated answers reached; answered extractively');
      return extractive();
    }
    if (!this.breaker.allow()) return extractive();
    const { budget, cancel } = newBudget(this.options.timeoutMs);
    onProgress?.({ stage: 'writing', model: this.model });
    const work = withinBudget(budget, async () => {
      const passages = await this.passagesFor(question, searchQuery, answerOptions.article, budget.signal);
      if (passages.length === 0) return undefined;
      const result = await this.options.generator.generate({
        question,
        history: history.slice(-HISTORY_TURNS_SENT).map((turn) => ({
          question: turn.question,
          answer: turn.answer.answer,
        })),
        passages,
        signal: budget.signal,
        ...(onProgress ? { onDraft: (text: string) => onProgress({ stage: 'draft', text }) } : {}),
      });
      return { passages, ...result };
    });
    // The race makes the deadline hold even for a client that ignores the abort.
    work.catch(() => undefined);
    let generated: Awaited<typeof work>;
    try {
      generated = await Promise.race([work, rejectOnAbort(budget.signal)]);
    } catch (error) {
      this.breaker.failed();
      this.warn(error, started);
      return extractive();
    } finally {
      cancel();
    }
    if (!generated) {
      this.breaker.abandoned();
      return extractive();
    }
    this.breaker.succeeded();
    const { reply, usage, passages } = generated;
    const verified = reply.answerable ? verifyReply(reply, passages) : undefined;
    const ms = performance.now() - started;
    this.options.logger.info(
      {
        model: this.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        passages: passages.length,
        answerable: reply.answerable,
        quotes: verified && {
          kept: verified.kept,
          reattributed: verified.reattributed,
          dropped: verified.dropped,
        },
        ms: Math.round(ms),
        ...(guild === undefined ? {} : { guild }),
      },
      'generated answer',
    );
    if (!verified) {
      const closest = closestOf(await extractive());
      return {
        question,
        answer: NOT_ANSWERED,
        abstained: true,
        short: null,
        citations: [],
        closest,
        ms: performance.now() - started,
        mode: 'generated',
        model: this.model,
      };
    }
    if (verified.citations.length === 0) {
      this.options.logger.warn(
        { model: this.model, dropped: verified.dropped },
        'generated answer had no verified quote; answered extractively',
      );
      return extractive();
    }
    return {
      question,
      answer: verified.answer,
      abstained: false,
      // The model writes the answer in its own words; a short answer is the extractive answer's lead.
      short: null,
      citations: verified.citations,
      closest: [],
      ms,
      mode: 'generated',
      model: this.model,
    };
  }

  /**
   * The passages the model gets, numbered. A question in a language none of the articles is written in is also
   * searched rewritten into the articles' language, those results first; when the rewrite fails, the question
   * is searched as asked.
   */
  private async passagesFor(
    question: string,
    searchQuery: (question: string) => string,
    article: string | undefined,
    signal: AbortSignal,
  ): Promise<NumberedPassage[]> {
    const queries = [searchQuery(question)];
    const languages = this.options.articleLanguages(article);
    const asked = this.options.detectLanguage?.(question);
    const target = languages[0];
    if (asked !== undefined && target !== undefined && !languages.includes(asked)) {
      try {
        const rewritten = await this.options.generator.rewriteForSearch(question, target, signal);
        queries.unshift(searchQuery(rewritten));
      } catch (error) {
        if (signal.aborted) throw error;
        this.options.logger.warn(
          { model: this.model, cause: causeOf(error), asked, articles: target },
          'search rewrite failed; searching the question as asked',
        );
      }
    }
    await this.options.prepareQueries?.(queries);
    const limit = this.options.maxPassages;
    const seen = new Set<number>();
    const chosen: RankedPassage[] = [];
    for (const query of queries) {
      for (const ranked of this.options.rankPassages(query, {
        limit,
        ...(article === undefined ? {} : { article }),
      })) {
        if (chosen.length < limit && !seen.has(ranked.passage.label)) {
          seen.add(ranked.passage.label);
          chosen.push(ranked);
        }
      }
    }
    return chosen.map(({ passage }, index) => ({
      n: index + 1,
      article: passage.article,
      paragraph: passage.paragraph,
      start: passage.start,
      end: passage.end,
      text: passage.text,
    }));
  }

  private warn(error: unknown, started: number): void {
    this.options.logger.warn(
      { model: this.model, cause: causeOf(error), ms: Math.round(performance.now() - started) },
      `language model failed (${error instanceof Error ? error.message : String(error)}); answered extractively`,
    );
  }
}

/** An extractive answer as every surface gets it: marked, its quotes flagged as checked (`cite` checked them). */
export function asExtractive(answer: Answer): Answer {
  return {
    ...answer,
    citations: answer.citations.map(markVerified),
    closest: answer.closest.map(markVerified),
    mode: 'extractive',
    model: null,
  };
}

function markVerified(citation: Citation): Citation {
  return { ...citation, verified: true };
}

/** The passages an abstention shows: what the offline answerer found closest, or quoted. */
function closestOf(extractive: Answer): Citation[] {
  return (extractive.abstained ? extractive.closest : extractive.citations).slice(0, 2);
}

function causeOf(error: unknown): string {
  return error instanceof GenerationError ? error.failure : 'error';
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => reject(new GenerationError('timeout', 'no reply within the time allowed'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
