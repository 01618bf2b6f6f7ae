import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { ArticleBotService, type GenerationSetup } from './articleBotService.js';
import type { Config } from './config/config.js';
import { createEmbedder } from './embeddings/createEmbedder.js';
import type { TextEmbedder } from './embeddings/types.js';
import {
  buildIndex,
  createChildProcessRebuild,
  currentGenerationName,
  IndexInvalidError,
  indexStaleness,
  loadCurrentGeneration,
  readCurrentManifest,
  type BuildProgress,
  type BuildReport,
  type Manifest,
} from './index/index.js';
import { articleEnricher } from './answer/knowledge.js';
import { programModule } from './program.js';
import { PassageIndex } from './retrieval/passageIndex.js';
import type { ReindexRequest } from './service.js';
import type { AnswerGenerator } from './generation/types.js';
import { SqliteFeedbackLog } from './feedback/sqliteFeedbackLog.js';
import { disabledFeedbackLog, type FeedbackLog } from './feedback/types.js';
import { addressPolicy } from './ingest/addressPolicy.js';
import { ArticleLibrary } from './ingest/articleLibrary.js';
import { fileAuditLog } from './ingest/auditLog.js';
import { createResourceFetcher, type ResourceFetcher } from './ingest/fetchResource.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Progress of an index build at start-up (a missing or stale index), for a progress bar. */
  onBuildProgress?: (progress: BuildProgress) => void;
  /** Replaces the configured embedder (tests pass a deterministic one). */
  embedder?: TextEmbedder;
  /** Replaces the configured language model (the benchmark passes one that answers at once). */
  generator?: AnswerGenerator;
  /** Replaces the configured page fetcher (tests pass one with a fixed name resolver). */
  fetcher?: ResourceFetcher;
  /** Replaces the configured feedback store. */
  feedback?: FeedbackLog;
}

/** How long a start-up build waits for another process's build of the same index. */
const START_UP_LOCK_WAIT_MS = 60 * 60_000;

/** The feedback store `FEEDBACK_LOG` and `FEEDBACK_RETENTION_DAYS` ask for, in the data folder. */
export function createFeedbackLog(config: Config): FeedbackLog {
  if (!config.feedback.enabled) return disabledFeedbackLog();
  return new SqliteFeedbackLog({
    file: path.join(config.dataDir, 'feedback.sqlite'),
    retentionDays: config.feedback.retentionDays,
  });
}

/** The ingestion stage as configured: the safe fetcher, the corpus folder, the audit log in the data folder. */
function createLibrary(config: Config, logger: Logger, fetcher: ResourceFetcher | undefined): ArticleLibrary {
  return new ArticleLibrary({
    corpusDirectory: config.corpusDir,
    fetcher:
      fetcher ??
      createResourceFetcher({
        isAllowedAddress: addressPolicy(config.ingest.allowPrivateAddresses),
        maxBytes: config.ingest.maxBytes,
        timeoutMs: config.ingest.timeoutMs,
      }),
    maxBytes: config.ingest.maxBytes,
    audit: fileAuditLog(path.join(config.dataDir, 'audit.jsonl')),
    logger,
  });
}

/**
 * Settles an add or removal that a crash interrupted, against the index on disk, before anything compares the
 * corpus with the index: otherwise a half-done add would be indexed by the start-up build.
 */
async function recoverInterruptedChange(
  library: ArticleLibrary,
  manifest: Manifest | undefined,
): Promise<void> {
  await library.recover(new Map(manifest?.articles.map((article) => [article.file, article.contentHash])));
}

/**
 * The composition root: reads the validated config once and builds every service once. The index is made
 * current first (built when missing, stale or damaged, with one log line saying why), then opened.
 */
export async function createArticleBot({
  config,
  logger,
  onBuildProgress,
  embedder: given,
  generator,
  fetcher,
  feedback,
}: AppOptions): Promise<ArticleBotService> {
  const embedder = given ?? (await createEmbedder(config.embeddings, (message) => logger.warn(message)));
  const library = createLibrary(config, logger, fetcher);
  // Read once for both: recovering an interrupted change touches the corpus, never the index.
  const manifest = await readCurrentManifest(config.indexDir);
  await recoverInterruptedChange(library, manifest);
  const build = (request: {
    force?: boolean;
    onProgress?: (progress: BuildProgress) => void;
  }): Promise<BuildReport> =>
    buildIndex({
      corpusDirectory: config.corpusDir,
      indexDirectory: config.indexDir,
      embedder,
      enrich: articleEnricher,
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      ...(request.force ? { force: true } : {}),
      // Several shards start together: the first builds a missing or stale index, the others wait for it and
      // then find nothing left to do.
      lockWaitMs: START_UP_LOCK_WAIT_MS,
    });

  // While the bot serves, builds run in a child process: hnswlib's graph work would stall every answer.
  const rebuildInChildProcess = createChildProcessRebuild({
    corpusDirectory: config.corpusDir,
    indexDirectory: config.indexDir,
    embedder,
    embeddings: config.embeddings,
    inProcess: build,
    // Named, not imported: the index stage must not depend on the answer stage above it.
    enricher: { url: pathToFileURL(programModule('answer/knowledge')).href, exportName: 'articleEnricher' },
  });

  const open = async (): Promise<PassageIndex> =>
    new PassageIndex(await loadCurrentGeneration(config.indexDir));
  let index = await openIfCurrent(config, manifest, embedder);
  if (typeof index === 'string') {
    logger.info(`building the index: ${index}`);
    logSkipped(logger, await build(onBuildProgress ? { onProgress: onBuildProgress } : {}));
    index = await open();
  }
  const generation = await generationSetup(config, logger, generator);
  return new ArticleBotService({
    index,
    embedder,
    logger,
    ...(generation ? { generation } : {}),
    open,
    currentGeneration: () => currentGenerationName(config.indexDir),
    reindexMinIntervalMs: config.reindexMinIntervalMs,
    library,
    feedback: feedback ?? createFeedbackLog(config),
    rebuild: async (request: ReindexRequest) => {
      const report = await rebuildInChildProcess(
        request.onProgress ? { onProgress: request.onProgress } : {},
      );
      logSkipped(logger, report);
      for (const warning of report.warnings) logger.warn(warning);
      if (report.previousIndexProblem) {
        logger.warn(`previous index not reused (${report.previousIndexProblem}); rebuilt from the corpus`);
      }
      return report;
    },
  });
}

/**
 * `npm run reindex`: one build of the corpus as it is now, with nothing being served, so it runs in this
 * process. The report says what changed (an index that was missing or stale counts as rebuilt).
 */
export async function reindexCorpus({
  config,
  logger,
  onBuildProgress,
  requestedBy,
}: AppOptions & { requestedBy: string }): Promise<BuildReport> {
  const embedder = await createEmbedder(config.embeddings, (message) => logger.warn(message));
  await recoverInterruptedChange(
    createLibrary(config, logger, undefined),
    await readCurrentManifest(config.indexDir),
  );
  logger.info({ requestedBy }, 'reindex started');
  const report = await buildIndex({
    corpusDirectory: config.corpusDir,
    indexDirectory: config.indexDir,
    embedder,
    enrich: articleEnricher,
    ...(onBuildProgress ? { onProgress: onBuildProgress } : {}),
  });
  logSkipped(logger, report);
  logger.info(
    { requestedBy, rebuilt: report.rebuilt, chunks: report.chunks, ms: Math.round(report.ms) },
    report.rebuilt ? 'reindex finished' : 'reindex found nothing to do',
  );
  return report;
}

/** Generated answers when a language model is configured (`LLM_PROVIDER`), with one log line saying so. */
async function generationSetup(
  config: Config,
  logger: Logger,
  given: AnswerGenerator | undefined,
): Promise<GenerationSetup | undefined> {
  const { llm } = config;
  if (!llm) return undefined;
  // Loaded only when a model is configured: the provider clients are the slowest modules to import.
  const [{ createAnswerGenerator }, { loadLanguageDetector }] = await Promise.all([
    import('./generation/providers.js'),
    import('./generation/language.js'),
  ]);
  const generator = given ?? createAnswerGenerator(llm);
  // Where answers go is worth a line at start-up; the key never is (the logger scrubs it anyway).
  logger.info(
    { provider: llm.provider, baseUrl: llm.baseUrl, model: generator.model, timeoutMs: llm.timeoutMs },
    'generated answers on; the extractive answerer is the fallback',
  );
  return {
    generator,
    detectLanguage: await loadLanguageDetector(),
    timeoutMs: llm.timeoutMs,
    maxPassages: llm.maxPassages,
    dailyLimitPerGuild: llm.dailyLimitPerGuild,
    breaker: llm.breaker,
  };
}

/** The stored index, opened, when it matches the corpus and embedder; otherwise why it cannot serve. */
async function openIfCurrent(
  config: Config,
  manifest: Manifest | undefined,
  embedder: TextEmbedder,
): Promise<PassageIndex | string> {
  if (!manifest) return `no usable index in ${config.indexDir} (none yet, or its manifest is unreadable)`;
  let stale: string | undefined;
  try {
    stale = await indexStaleness({
      indexDirectory: config.indexDir,
      corpusDirectory: config.corpusDir,
      manifest,
      embedder,
    });
  } catch (error) {
    // A damaged index is rebuilt; a missing corpus folder is the operator's to fix, and is said as it is.
    if (!(error instanceof IndexInvalidError)) throw error;
    return error.message;
  }
  if (stale) return stale;
  let index: PassageIndex;
  try {
    index = new PassageIndex(await loadCurrentGeneration(config.indexDir));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  // People and dated events are derived at build time; a changed extractor would otherwise serve old facts.
  // Checked after loading, so a damaged index is reported as damaged rather than as merely out of date.
  if (manifest.enricher !== articleEnricher.version) {
    index.generation.close();
    return `people and timeline extraction changed (${manifest.enricher ?? 'none'} → ${articleEnricher.version})`;
  }
  return index;
}

function logSkipped(logger: Logger, report: BuildReport): void {
  for (const file of report.skipped) logger.warn({ file: file.file }, `skipped ${file.file}: ${file.reason}`);
}
