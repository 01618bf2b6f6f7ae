import { rm } from 'node:fs/promises';
import { acquireBuildLock } from './buildLock.js';
import {
  deriveFacts,
  diffCorpus,
  embedNew,
  knownFiles,
  openReusable,
  planArticles,
  sameSkipped,
} from './buildPlan.js';
import { isArticleEnricher, type BuildOptions, type BuildReport, type GraphPolicy } from './buildTypes.js';
import { scanCorpus } from './corpusScan.js';
import {
  GenerationWriter,
  activateGeneration,
  currentGenerationName,
  removeStaleStaging,
} from './generations.js';
import { IndexInvalidError, IndexWriteError, describeFsError } from './manifest.js';
import { planGraph } from './planGraph.js';
import { verifyGeneration } from './verifyGeneration.js';
import { writeGeneration } from './writeGeneration.js';

export type {
  ArticleEnricher,
  BuildCheckpoint,
  BuildOptions,
  BuildProgress,
  BuildReport,
  Enrich,
  GraphPolicy,
} from './buildTypes.js';

/**
 * 1,024 vectors of a few hundred dimensions cost well under a millisecond per exact scan; past that, merging
 * them into the graph (in the build process) is cheaper than scanning them at every question.
 */
const DEFAULT_GRAPH_POLICY: GraphPolicy = { maxDeltaVectors: 1024, maxDeletedFraction: 0.3 };
const DEFAULT_MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

let generationCounter = 0;

/**
 * Builds the index for the corpus as it is now, incrementally: an article whose bytes are unchanged keeps its
 * chunks, vectors and facts, and is not even parsed; only new and changed articles are chunked and embedded.
 * The new generation is written beside the old one (sharing its unchanged files), checked, and only then made
 * current, so a failure or a crash at any step leaves the previous index serving.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const lock = await acquireBuildLock(options.indexDirectory, { waitMs: options.lockWaitMs ?? 0 });
  try {
    const leftovers = await removeStaleStaging(options.indexDirectory);
    const warnings =
      leftovers > 0
        ? [`removed ${leftovers} half-written index generation(s) left by an interrupted build`]
        : [];
    return await buildLocked(options, started, warnings);
  } finally {
    await lock.release();
  }
}

async function buildLocked(options: BuildOptions, started: number, warnings: string[]): Promise<BuildReport> {
  const progress = options.onProgress ?? (() => undefined);
  const checkpoint = options.checkpoint ?? (() => undefined);
  const policy = { ...DEFAULT_GRAPH_POLICY, ...options.graphPolicy };
  const { embedder, enrich } = options;
  const enricherVersion = isArticleEnricher(enrich) ? enrich.version : undefined;

  progress({ stage: 'loading', done: 0, total: 1 });
  const previousName = await currentGenerationName(options.indexDirectory);
  const { reusable, problem } = await openReusable(options);
  const scanned = await scanCorpus(options.corpusDirectory, knownFiles(reusable), {
    maxArticleBytes: options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES,
    ...(reusable ? { previousScanStartedAt: reusable.corpusStats.startedAt } : {}),
    onProgress: (done, total) => progress({ stage: 'loading', done, total }),
  });
  if (scanned.articles.length === 0) {
    const reasons = [...scanned.skipped, ...scanned.unreadable]
      .slice(0, 5)
      .map((file) => `${file.file}: ${file.reason}`)
      .join('; ');
    throw new IndexInvalidError(
      `no usable article in ${options.corpusDirectory}${reasons ? ` (skipped ${reasons})` : ''}; the previous index stays in use`,
    );
  }
  const diff = diffCorpus(reusable, scanned);
  const skippedReport = [...scanned.skipped, ...scanned.unreadable];
  const report = (fields: Pick<BuildReport, 'rebuilt' | 'chunks' | 'embedded' | 'graph' | 'generation'>) => ({
    ...fields,
    articles: diff,
    skipped: skippedReport,
    warnings,
    ...(problem ? { previousIndexProblem: problem } : {}),
    ms: performance.now() - started,
  });
  const factsCurrent = reusable?.manifest.enricher === enricherVersion;
  const articlesChanged = diff.added.length + diff.changed.length + diff.removed.length > 0;
  if (
    reusable &&
    !articlesChanged &&
    factsCurrent &&
    sameSkipped(reusable.manifest.skipped, scanned.skipped)
  ) {
    progress({ stage: 'loading', done: 1, total: 1 });
    return report({
      rebuilt: false,
      chunks: reusable.manifest.chunkCount,
      embedded: 0,
      graph: 'unchanged',
      generation: reusable.name,
    });
  }

  const { planned, nextLabel } = planArticles(scanned, reusable);
  const newVectors = await embedNew(planned, embedder, progress, checkpoint);
  // Same articles, same enricher: the previous facts still hold (only a skipped file changed).
  const extras =
    reusable && factsCurrent && !articlesChanged
      ? undefined
      : await deriveFacts(planned, reusable, enrich, factsCurrent, warnings);

  progress({ stage: 'writing', done: 0, total: 3 });
  const graphPlan = await planGraph(planned, reusable, newVectors, embedder.dimensions, policy, nextLabel);
  const builtAt = new Date().toISOString();
  const name = `${builtAt.replace(/[:.]/g, '-')}-${process.pid}-${generationCounter++}`;
  const writer = await GenerationWriter.create(options.indexDirectory, name);
  let written: Awaited<ReturnType<typeof writeGeneration>>;
  try {
    written = await writeGeneration(writer, {
      planned,
      previous: reusable,
      previousName,
      scanned,
      graphPlan,
      extras,
      embedder: { id: embedder.id, dimensions: embedder.dimensions },
      enricherVersion,
      builtAt,
      progress,
      checkpoint,
    });
  } catch (error) {
    await writer.abort();
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (error instanceof IndexInvalidError || code === undefined) throw error;
    throw new IndexWriteError(describeFsError('write the new index in', writer.staging, error));
  }
  const { manifest } = written;
  const directory = writer.directory;

  progress({ stage: 'verifying', done: 0, total: 1 });
  try {
    await verifyGeneration(
      directory,
      manifest,
      writer.manifestFileChecksum,
      graphPlan,
      written.writtenSegments,
    );
  } catch (error) {
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new IndexInvalidError(
      `the new index failed its check (${reason}); the previous index stays in use`,
    );
  }
  progress({ stage: 'verifying', done: 1, total: 1 });

  await checkpoint('before-swap');
  progress({ stage: 'swapping', done: 0, total: 1 });
  await activateGeneration(options.indexDirectory, name);
  progress({ stage: 'swapping', done: 1, total: 1 });
  return report({
    rebuilt: true,
    chunks: manifest.chunkCount,
    embedded: newVectors.size,
    graph: graphPlan.mode,
    generation: name,
  });
}
