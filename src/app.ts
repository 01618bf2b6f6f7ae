import type { Logger } from 'pino';
import { ArticleBotService } from './articleBotService.js';
import type { Config } from './config/config.js';
import { corpusFingerprint } from './corpus/fingerprint.js';
import { createEmbedder } from './embeddings/createEmbedder.js';
import type { TextEmbedder } from './embeddings/types.js';
import { buildIndex, type BuildProgress, type BuildReport } from './index/build.js';
import { loadCurrentGeneration, readCurrentManifest } from './index/indexStore.js';
import { staleness } from './index/manifest.js';
import { createChildProcessRebuild } from './indexing/buildWorker.js';
import { articleEnricher } from './answer/knowledge.js';
import { PassageIndex } from './retrieval/passageIndex.js';
import type { ReindexRequest } from './service.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Progress of an index build at start-up (a missing or stale index), for a progress bar. */
  onBuildProgress?: (progress: BuildProgress) => void;
  /** Replaces the configured embedder (tests pass a deterministic one). */
  embedder?: TextEmbedder;
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
}: AppOptions): Promise<ArticleBotService> {
  const embedder = given ?? (await createEmbedder(config.embeddings, (message) => logger.warn(message)));
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
    });

  // While the bot serves, builds run in a child process: hnswlib's graph work would stall every answer.
  const rebuildInChildProcess = createChildProcessRebuild({
    corpusDirectory: config.corpusDir,
    indexDirectory: config.indexDir,
    embedder,
    embeddings: config.embeddings,
    inProcess: build,
  });

  const open = async (): Promise<PassageIndex> =>
    new PassageIndex(await loadCurrentGeneration(config.indexDir));
  let index = await openIfCurrent(config, embedder);
  if (typeof index === 'string') {
    logger.info(`building the index: ${index}`);
    logSkipped(logger, await build(onBuildProgress ? { onProgress: onBuildProgress } : {}));
    index = await open();
  }
  return new ArticleBotService({
    index,
    embedder,
    logger,
    open,
    reindexMinIntervalMs: config.reindexMinIntervalMs,
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

/** The stored index, opened, when it matches the corpus and embedder; otherwise why it cannot serve. */
async function openIfCurrent(config: Config, embedder: TextEmbedder): Promise<PassageIndex | string> {
  const manifest = await readCurrentManifest(config.indexDir);
  if (!manifest) return `no usable index in ${config.indexDir} (none yet, or its manifest is unreadable)`;
  const stale = staleness(manifest, embedder, await corpusFingerprint(config.corpusDir));
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
    return `people and timeline extraction changed (${manifest.enricher ?? 'none'} → ${articleEnricher.version})`;
  }
  return index;
}

function logSkipped(logger: Logger, report: BuildReport): void {
  for (const file of report.skipped) logger.warn({ file: file.file }, `skipped ${file.file}: ${file.reason}`);
}
