import { rm } from 'node:fs/promises';
import { chunkSentences } from '../corpus/chunk.js';
import { splitSentences } from '../corpus/sentences.js';
import { acquireBuildLock } from './buildLock.js';
import { deriveFacts, diffCorpus, embedNew, knownFiles, openReusable, sameSkipped } from './buildPlan.js';
import {
  isArticleEnricher,
  type BuildOptions,
  type BuildReport,
  type GraphPolicy,
  type PlannedArticle,
} from './buildTypes.js';
import { scanCorpus } from './corpusScan.js';
import {
  GenerationWriter,
  activateGeneration,
  currentGenerationName,
  removeStaleStaging,
} from './generations.js';
import {
  FILES,
  IndexInvalidError,
  IndexWriteError,
  SCHEMA_VERSION,
  describeFsError,
  type CorpusStats,
  type Manifest,
} from './manifest.js';
import { pipelineFingerprint } from './pipelineFingerprint.js';
import { planGraph } from './planGraph.js';
import { planSegments } from './planSegments.js';
import { toSegmentEntry } from './segments.js';
import { verifyGeneration } from './verifyGeneration.js';

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
  if (
    reusable &&
    diff.added.length + diff.changed.length + diff.removed.length === 0 &&
    sameSkipped(reusable.manifest.skipped, scanned.skipped) &&
    reusable.manifest.enricher === enricherVersion
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

  let nextLabel = reusable?.manifest.graph.nextLabel ?? 0;
  const previousListing = new Map(reusable?.manifest.articles.map((article) => [article.file, article]));
  const planned: PlannedArticle[] = scanned.articles.map((scannedArticle) => {
    const { file, id, contentHash } = scannedArticle;
    if (scannedArticle.unchanged) {
      const listed = previousListing.get(file);
      if (!listed) throw new Error(`internal: ${file} is unchanged but not in the previous index`);
      const { firstLabel, chunks: chunkCount, segment } = listed;
      return { file, id, contentHash, firstLabel, chunkCount, segment };
    }
    const { article } = scannedArticle;
    const pieces = chunkSentences(article.id, article.text, splitSentences(article.text, article.paragraphs));
    const firstLabel = nextLabel;
    const chunks = pieces.map((piece): [number, number, number, number] => [
      nextLabel++,
      piece.paragraphs[0] ?? 1,
      piece.start,
      piece.end,
    ]);
    return {
      file,
      id,
      contentHash,
      firstLabel,
      chunkCount: chunks.length,
      entry: toSegmentEntry(article, chunks),
      texts: pieces.map((piece) => piece.text),
    };
  });

  const newVectors = await embedNew(planned, embedder, progress, checkpoint);
  const factsCurrent = reusable?.manifest.enricher === enricherVersion;
  const articlesChanged = diff.added.length + diff.changed.length + diff.removed.length > 0;
  // Same articles, same enricher: the previous facts still hold (only a skipped file changed).
  const extras =
    reusable && factsCurrent && !articlesChanged
      ? undefined
      : deriveFacts(planned, reusable, enrich, factsCurrent, warnings);

  progress({ stage: 'writing', done: 0, total: 3 });
  const graphPlan = await planGraph(planned, reusable, newVectors, embedder.dimensions, policy, nextLabel);
  const segmentPlan = planSegments(planned, reusable);
  const builtAt = new Date().toISOString();
  const name = `${builtAt.replace(/[:.]/g, '-')}-${process.pid}-${generationCounter++}`;
  const writer = await GenerationWriter.create(options.indexDirectory, name);
  let directory: string;
  let manifest: Manifest;
  try {
    for (const segment of segmentPlan.linked) {
      const file = `${FILES.segments}/${segment.name}`;
      const checksum = reusable?.manifest.checksums[file];
      if (!reusable || !checksum) throw new Error(`internal: segment ${segment.name} has no checksum`);
      await writer.link(file, reusable.directory, checksum);
    }
    for (const segment of segmentPlan.written) {
      await writer.write(`${FILES.segments}/${segment.name}`, segment.text);
    }
    await checkpoint('writing');
    progress({ stage: 'writing', done: 1, total: 3 });
    if (graphPlan.graph) {
      await writer.writeGraph(graphPlan.graph);
    } else {
      const checksum = reusable?.manifest.checksums[FILES.graph];
      if (!reusable || !checksum) throw new Error('internal: no graph to share');
      await writer.link(FILES.graph, reusable.directory, checksum);
    }
    const deltaBytes = new Uint8Array(
      graphPlan.deltaVectors.buffer,
      graphPlan.deltaVectors.byteOffset,
      graphPlan.deltaVectors.byteLength,
    );
    await writer.write(FILES.delta, deltaBytes);
    const extrasChecksum = reusable?.manifest.checksums[FILES.extras];
    if (extras === undefined && reusable && extrasChecksum) {
      await writer.link(FILES.extras, reusable.directory, extrasChecksum);
    } else {
      await writer.write(FILES.extras, JSON.stringify(extras ?? {}));
    }
    const corpusStats: CorpusStats = { startedAt: scanned.startedAt, identities: scanned.identities };
    await writer.write(FILES.corpusStats, JSON.stringify(corpusStats));
    progress({ stage: 'writing', done: 2, total: 3 });
    const chunkCount = planned.reduce((sum, article) => sum + article.chunkCount, 0);
    const written: Omit<Manifest, 'checksums' | 'manifestChecksum'> = {
      schemaVersion: SCHEMA_VERSION,
      embedder: { id: embedder.id, dimensions: embedder.dimensions },
      pipeline: pipelineFingerprint(),
      ...(enricherVersion === undefined ? {} : { enricher: enricherVersion }),
      builtAt,
      ...(previousName ? { previous: previousName } : {}),
      chunkCount,
      articles: planned.map((article) => ({
        id: article.id,
        file: article.file,
        contentHash: article.contentHash,
        chunks: article.chunkCount,
        firstLabel: article.firstLabel,
        segment: segmentPlan.segmentOf.get(article.file) ?? '',
      })),
      skipped: scanned.skipped,
      segments: [...segmentPlan.linked, ...segmentPlan.written].map(({ name: segment, entries }) => ({
        name: segment,
        entries,
      })),
      graph: graphPlan.manifest,
    };
    manifest = await writer.commit(written);
    directory = writer.directory;
    progress({ stage: 'writing', done: 3, total: 3 });
  } catch (error) {
    await writer.abort();
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (error instanceof IndexInvalidError || code === undefined) throw error;
    throw new IndexWriteError(describeFsError('write the new index in', writer.staging, error));
  }

  progress({ stage: 'verifying', done: 0, total: 1 });
  try {
    await verifyGeneration(
      directory,
      manifest,
      writer.manifestFileChecksum,
      graphPlan,
      segmentPlan.written.map((segment) => segment.name),
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
