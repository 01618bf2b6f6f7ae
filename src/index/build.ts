import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { chunkSentences } from '../corpus/chunk.js';
import type { SkippedFile } from '../corpus/load.js';
import { splitSentences } from '../corpus/sentences.js';
import type { Article } from '../corpus/types.js';
import type { TextEmbedder } from '../embeddings/types.js';
import { scanCorpus, type KnownFile, type ScannedCorpus } from '../indexing/corpusScan.js';
import { LayeredVectorIndex } from '../indexing/layeredVectorIndex.js';
import { pipelineFingerprint } from '../indexing/pipelineFingerprint.js';
import { HnswVectorIndex } from './hnswIndex.js';
import {
  GenerationWriter,
  acquireBuildLock,
  activateGeneration,
  articleOf,
  currentGenerationName,
  describeFsError,
  openPreviousGeneration,
  removeStaleStaging,
  sha256,
  toSegmentEntry,
  type CorpusStats,
  type PreviousGeneration,
  type SegmentEntry,
} from './indexStore.js';
import { FILES, IndexInvalidError, IndexWriteError, SCHEMA_VERSION, type Manifest } from './manifest.js';

export interface BuildProgress {
  stage: 'loading' | 'embedding' | 'writing' | 'verifying' | 'swapping';
  done: number;
  total: number;
}

/** Points of a build where fault tests stop or fail it, to prove a crash there loses nothing. */
export type BuildCheckpoint = 'embedding' | 'writing' | 'before-swap';

/**
 * Derives facts (people, timeline) one article at a time, so a build computes them only for new and changed
 * articles and keeps the others' from the previous generation.
 */
export interface ArticleEnricher {
  /** Changes whenever `article` would derive different facts: stored facts of another version are recomputed. */
  version: string;
  article(article: Article): unknown;
  /** Joins the facts of the current articles, in corpus order. Runs at every build, so it must be cheap. */
  combine(facts: readonly { article: string; facts: unknown }[]): Record<string, unknown>;
}

/** Either an `ArticleEnricher` (incremental) or a function of the whole corpus (runs over every article). */
export type Enrich = ((articles: readonly Article[]) => Record<string, unknown>) | ArticleEnricher;

export interface GraphPolicy {
  /** Vectors kept beside the graph and scanned exactly at query time before they are merged into it. */
  maxDeltaVectors: number;
  /** Share of deleted points in the graph above which it is rebuilt from the live vectors. */
  maxDeletedFraction: number;
}

export interface BuildOptions {
  corpusDirectory: string;
  indexDirectory: string;
  embedder: TextEmbedder;
  /** Derives build-time facts (people, timeline) stored beside the chunks; injected so this layer stays generic. */
  enrich?: Enrich;
  onProgress?: (progress: BuildProgress) => void;
  /** Re-embed everything and build a fresh graph, even when nothing changed. */
  force?: boolean;
  /** Called at each `BuildCheckpoint`; fault tests pause or fail the build there. */
  checkpoint?: (point: BuildCheckpoint) => void | Promise<void>;
  graphPolicy?: Partial<GraphPolicy>;
  /**
   * Larger article files are skipped with a warning. Default 2 MB: news articles are tens of kilobytes, and one
   * runaway file would otherwise cost tens of thousands of chunks, seconds of embedding and graph work at every
   * change, and feed the people and date extractors a text they were never meant for.
   */
  maxArticleBytes?: number;
}

export interface BuildReport {
  /** False when nothing changed and the index in use was kept. */
  rebuilt: boolean;
  articles: { added: string[]; changed: string[]; removed: string[]; unchanged: string[] };
  chunks: number;
  /** Chunks whose vectors were computed in this build (the rest were reused). */
  embedded: number;
  /** Files not indexed, each with the reason, to be reported by name. */
  skipped: SkippedFile[];
  /** Problems that did not stop the build (an article whose facts could not be derived...). */
  warnings: string[];
  /**
   * How the vector graph was made: shared unchanged, shared with a small exact layer of new vectors (`delta`),
   * merged with that layer, or built afresh.
   */
  graph: 'unchanged' | 'delta' | 'merged' | 'rebuilt';
  /** The generation now in use. */
  generation?: string;
  /** Why the previous index could not be reused at all, if it could not. */
  previousIndexProblem?: string;
  ms: number;
}

/** Embedding is done in slices so progress can be reported and the event loop breathes between them. */
const EMBED_BATCH = 256;
/**
 * 1,024 vectors of a few hundred dimensions cost well under a millisecond per exact scan; past that, merging
 * them into the graph (in the build process) is cheaper than scanning them at every question.
 */
const DEFAULT_GRAPH_POLICY: GraphPolicy = { maxDeltaVectors: 1024, maxDeletedFraction: 0.3 };
const DEFAULT_MAX_ARTICLE_BYTES = 2 * 1024 * 1024;
/** Articles per new segment file: small enough that rewriting one to drop dead entries stays cheap. */
const SEGMENT_ENTRIES = 1000;
/** A segment with fewer live entries than this share is rewritten rather than shared. */
const SEGMENT_MIN_LIVE = 0.5;
/** Beyond this many segment files, the smallest are merged: each costs a read and a parse at every load. */
const MAX_SEGMENTS = 48;

let generationCounter = 0;

/**
 * Builds the index for the corpus as it is now, incrementally: an article whose bytes are unchanged keeps its
 * chunks, vectors and facts, and is not even parsed; only new and changed articles are chunked and embedded.
 * The new generation is written beside the old one (sharing its unchanged files), checked, and only then made
 * current, so a failure or a crash at any step leaves the previous index serving.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const lock = await acquireBuildLock(options.indexDirectory);
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

interface PlannedArticle {
  file: string;
  id: string;
  contentHash: string;
  /** Graph label of the first chunk; the others follow consecutively. */
  firstLabel: number;
  chunkCount: number;
  /** Text, chunks and facts; read from the previous generation only when needed (see `entryOf`). */
  entry?: SegmentEntry;
  /** The previous segment holding the article unchanged, when it can be shared. */
  segment?: string;
  /** Chunk texts of a new or changed article, to embed. */
  texts?: string[];
}

function labelsOf(article: { firstLabel: number; chunkCount: number }): number[] {
  return Array.from({ length: article.chunkCount }, (_, position) => article.firstLabel + position);
}

/** The article's stored entry, fetched from the previous generation on first use. */
function entryOf(article: PlannedArticle, previous: PreviousGeneration | undefined): SegmentEntry {
  if (!article.entry) {
    if (!previous) throw new Error(`internal: ${article.file} has no entry and no previous generation`);
    article.entry = previous.entry(article.file);
  }
  return article.entry;
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

function isArticleEnricher(enrich: Enrich | undefined): enrich is ArticleEnricher {
  return typeof enrich === 'object';
}

/** The previous generation when the build may reuse it, or why it may not. */
async function openReusable(
  options: BuildOptions,
): Promise<{ reusable?: PreviousGeneration; problem?: string }> {
  let previous: PreviousGeneration;
  try {
    previous = await openPreviousGeneration(options.indexDirectory);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const { embedder } = previous.manifest;
  if (embedder.id !== options.embedder.id || embedder.dimensions !== options.embedder.dimensions) {
    return { problem: `embedder changed (${embedder.id} → ${options.embedder.id})` };
  }
  if (previous.manifest.pipeline !== pipelineFingerprint()) {
    return { problem: 'the code that splits articles into chunks changed since the last build' };
  }
  return options.force ? {} : { reusable: previous };
}

function knownFiles(previous: PreviousGeneration | undefined): Map<string, KnownFile> {
  const known = new Map<string, KnownFile>();
  if (!previous) return known;
  const identity = (file: string): Pick<KnownFile, 'identity'> => {
    const recorded = previous.corpusStats.identities[file];
    return recorded ? { identity: recorded } : {};
  };
  for (const skipped of previous.manifest.skipped) {
    known.set(skipped.file, {
      contentHash: skipped.contentHash,
      skippedBecause: skipped.reason,
      ...identity(skipped.file),
    });
  }
  for (const article of previous.manifest.articles) {
    known.set(article.file, {
      contentHash: article.contentHash,
      articleId: article.id,
      ...identity(article.file),
    });
  }
  return known;
}

function diffCorpus(
  previous: PreviousGeneration | undefined,
  scanned: ScannedCorpus,
): BuildReport['articles'] {
  const before = new Map(previous?.manifest.articles.map((article) => [article.file, article]));
  const now = new Set(scanned.articles.map((article) => article.file));
  return {
    added: scanned.articles.filter((article) => !before.has(article.file)).map((article) => article.id),
    changed: scanned.articles
      .filter((article) => before.has(article.file) && !article.unchanged)
      .map((article) => article.id),
    removed: [...before.values()].filter((article) => !now.has(article.file)).map((article) => article.id),
    unchanged: scanned.articles.filter((article) => article.unchanged).map((article) => article.id),
  };
}

function sameSkipped(
  before: readonly { file: string; contentHash: string; reason: string }[],
  now: readonly SkippedFile[],
): boolean {
  const key = (entry: { file: string; contentHash: string; reason: string }): string =>
    `${entry.file}:${entry.contentHash}:${entry.reason}`;
  return before.map(key).sort().join('\n') === now.map(key).sort().join('\n');
}

async function embedNew(
  planned: readonly PlannedArticle[],
  embedder: TextEmbedder,
  progress: (progress: BuildProgress) => void,
  checkpoint: (point: BuildCheckpoint) => void | Promise<void>,
): Promise<Map<number, Float32Array>> {
  // Across articles, in batches through the async LangChain method: a remote embedder (EMBEDDINGS=openai|ollama)
  // makes one request a batch, not one a chunk; a local one computes the same vectors as `embed` would.
  const pending = planned.flatMap((article) =>
    (article.texts ?? []).map((text, index) => ({ label: article.firstLabel + index, text })),
  );
  const total = pending.length;
  const vectors = new Map<number, Float32Array>();
  progress({ stage: 'embedding', done: 0, total });
  for (let start = 0; start < total; start += EMBED_BATCH) {
    const batch = pending.slice(start, start + EMBED_BATCH);
    const embedded = await embedder.embedDocuments(batch.map((item) => item.text));
    if (embedded.length !== batch.length) {
      throw new IndexInvalidError(
        `embedder ${embedder.id} returned ${embedded.length} vectors for ${batch.length} texts`,
      );
    }
    for (const [index, vector] of embedded.entries()) {
      if (vector.length !== embedder.dimensions) {
        throw new IndexInvalidError(
          `embedder ${embedder.id} returned ${vector.length} dimensions, expected ${embedder.dimensions}`,
        );
      }
      vectors.set(batch[index]?.label ?? -1, Float32Array.from(vector));
    }
    if (start === 0) await checkpoint('embedding');
    progress({ stage: 'embedding', done: vectors.size, total });
    await new Promise((resolve) => setImmediate(resolve));
  }
  progress({ stage: 'embedding', done: total, total });
  return vectors;
}

/**
 * Computes the extras of the new generation. An `ArticleEnricher` runs only on articles without current facts
 * (a failure is a warning naming the file, and the article is indexed without facts); a whole-corpus function
 * runs over every article.
 */
function deriveFacts(
  planned: PlannedArticle[],
  previous: PreviousGeneration | undefined,
  enrich: Enrich | undefined,
  factsCurrent: boolean,
  warnings: string[],
): Record<string, unknown> {
  if (!enrich) return {};
  if (!isArticleEnricher(enrich)) {
    try {
      return enrich(planned.map((article) => articleOf(entryOf(article, previous))));
    } catch (error) {
      throw new IndexInvalidError(
        `deriving people and dates from the articles failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  for (const article of planned) {
    if (article.segment !== undefined && factsCurrent) continue;
    let facts: unknown;
    try {
      facts = enrich.article(articleOf(entryOf(article, previous)));
    } catch (error) {
      warnings.push(
        `${article.file}: facts could not be derived (${error instanceof Error ? error.message : String(error)}); indexed without them`,
      );
    }
    const { article: stored, chunks } = entryOf(article, previous);
    article.entry = { article: stored, chunks, ...(facts === undefined ? {} : { facts }) };
    // The entry changed, so it cannot stay in its old segment file.
    delete article.segment;
  }
  return enrich.combine(
    planned.map((article) => ({ article: article.id, facts: entryOf(article, previous).facts })),
  );
}

interface GraphPlan {
  mode: BuildReport['graph'];
  /** A graph to write, when one was merged or rebuilt; otherwise the previous file is shared. */
  graph?: HnswVectorIndex;
  deltaVectors: Float32Array;
  manifest: Manifest['graph'];
  /** A live label and its vector, for the smoke query. */
  probe?: { label: number; vector: Float32Array; inDelta: boolean };
}

async function planGraph(
  planned: readonly PlannedArticle[],
  previous: PreviousGeneration | undefined,
  newVectors: ReadonlyMap<number, Float32Array>,
  dimensions: number,
  policy: GraphPolicy,
  nextLabel: number,
): Promise<GraphPlan> {
  const liveLabels = planned.flatMap(labelsOf);
  const live = new Set(liveLabels);
  const firstNew = liveLabels.find((label) => newVectors.has(label));

  if (previous) {
    const before = previous.manifest.graph;
    const dead = new Set(
      previous.manifest.articles
        .flatMap((article) => labelsOf({ firstLabel: article.firstLabel, chunkCount: article.chunks }))
        .filter((label) => !live.has(label)),
    );
    const wasDelta = new Set(before.delta);
    const delta = [...before.delta.filter((label) => !dead.has(label)), ...newVectors.keys()];
    const deleted = [...before.deleted, ...[...dead].filter((label) => !wasDelta.has(label))];
    const deletedShare = (before.baseDeleted.length + deleted.length) / Math.max(1, before.baseCount);
    const vectorOf = (label: number): Float32Array | undefined =>
      newVectors.get(label) ?? previous.deltaVectors.get(label);

    if (deletedShare <= policy.maxDeletedFraction && delta.length <= policy.maxDeltaVectors) {
      const deltaVectors = new Float32Array(delta.length * dimensions);
      delta.forEach((label, row) => {
        const vector = vectorOf(label);
        if (!vector) throw new Error(`internal: no vector for label ${label}`);
        deltaVectors.set(vector, row * dimensions);
      });
      const probeLabel = firstNew ?? delta[0];
      const probeVector = probeLabel === undefined ? undefined : vectorOf(probeLabel);
      return {
        mode: dead.size === 0 && newVectors.size === 0 ? 'unchanged' : 'delta',
        deltaVectors,
        manifest: { ...before, nextLabel, deleted, delta },
        ...(probeLabel !== undefined && probeVector
          ? { probe: { label: probeLabel, vector: probeVector, inDelta: true } }
          : {}),
      };
    }

    const graph = await previous.loadGraph();
    if (deletedShare <= policy.maxDeletedFraction) {
      // Merge: the few new vectors join the existing graph; the dead ones are marked, which the file keeps.
      for (const label of deleted) graph.remove(label);
      graph.reserve(delta.length);
      for (const label of delta) {
        const vector = vectorOf(label);
        if (!vector) throw new Error(`internal: no vector for label ${label}`);
        graph.add(vector, label);
      }
      const probeLabel = firstNew ?? liveLabels[0];
      return {
        mode: 'merged',
        graph,
        deltaVectors: new Float32Array(0),
        manifest: {
          nextLabel,
          baseCount: graph.storedCount,
          baseDeleted: [...before.baseDeleted, ...deleted],
          deleted: [],
          delta: [],
        },
        ...probeFor(probeLabel, (label) => vectorOf(label) ?? Float32Array.from(graph.vector(label))),
      };
    }
    // Too many dead points slow every search: rebuild from the live vectors, which the old graph still holds.
    const fresh = HnswVectorIndex.create(dimensions, liveLabels.length);
    const vectors = new Map<number, Float32Array>();
    for (const label of liveLabels) {
      const vector = vectorOf(label) ?? Float32Array.from(graph.vector(label));
      vectors.set(label, vector);
      fresh.add(vector, label);
    }
    return freshPlan(fresh, liveLabels, vectors, nextLabel);
  }

  const fresh = HnswVectorIndex.create(dimensions, liveLabels.length);
  for (const label of liveLabels) {
    const vector = newVectors.get(label);
    if (!vector) throw new Error(`internal: no vector for label ${label}`);
    fresh.add(vector, label);
  }
  return freshPlan(fresh, liveLabels, newVectors, nextLabel);
}

function freshPlan(
  graph: HnswVectorIndex,
  liveLabels: readonly number[],
  vectors: ReadonlyMap<number, Float32Array>,
  nextLabel: number,
): GraphPlan {
  return {
    mode: 'rebuilt',
    graph,
    deltaVectors: new Float32Array(0),
    manifest: { nextLabel, baseCount: liveLabels.length, baseDeleted: [], deleted: [], delta: [] },
    ...probeFor(liveLabels[0], (label) => vectors.get(label)),
  };
}

function probeFor(
  label: number | undefined,
  vectorOf: (label: number) => Float32Array | undefined,
): Pick<GraphPlan, 'probe'> {
  const vector = label === undefined ? undefined : vectorOf(label);
  return label !== undefined && vector ? { probe: { label, vector, inDelta: false } } : {};
}

interface SegmentPlan {
  linked: { name: string; entries: number }[];
  written: { name: string; entries: number; text: string }[];
  segmentOf: Map<string, string>;
}

/**
 * Shares every previous segment that is still mostly live; writes new and changed articles, and the live
 * articles of mostly-dead or surplus small segments, into new segment files.
 */
function planSegments(
  planned: readonly PlannedArticle[],
  previous: PreviousGeneration | undefined,
): SegmentPlan {
  const liveBySegment = new Map<string, PlannedArticle[]>();
  for (const article of planned) {
    if (article.segment === undefined) continue;
    const list = liveBySegment.get(article.segment) ?? [];
    list.push(article);
    liveBySegment.set(article.segment, list);
  }
  const linked: { name: string; entries: number }[] = [];
  const rewrite = new Set<PlannedArticle>(planned.filter((article) => article.segment === undefined));
  for (const segment of previous?.manifest.segments ?? []) {
    const live = liveBySegment.get(segment.name) ?? [];
    if (live.length === 0) continue;
    if (live.length < segment.entries * SEGMENT_MIN_LIVE) live.forEach((article) => rewrite.add(article));
    else linked.push(segment);
  }
  if (linked.length + Math.ceil(rewrite.size / SEGMENT_ENTRIES) > MAX_SEGMENTS) {
    linked.sort((left, right) => left.entries - right.entries);
    while (linked.length > MAX_SEGMENTS / 2) {
      const smallest = linked.shift();
      if (smallest) liveBySegment.get(smallest.name)?.forEach((article) => rewrite.add(article));
    }
  }

  const segmentOf = new Map<string, string>();
  for (const segment of linked) {
    for (const article of liveBySegment.get(segment.name) ?? []) segmentOf.set(article.file, segment.name);
  }
  const ordered = planned.filter((article) => rewrite.has(article));
  const written: SegmentPlan['written'] = [];
  for (let first = 0; first < ordered.length; first += SEGMENT_ENTRIES) {
    const group = ordered.slice(first, first + SEGMENT_ENTRIES);
    const text = JSON.stringify({ entries: group.map((article) => entryOf(article, previous)) });
    // Named by content: identical segments in two generations are the same file, and names never collide.
    const name = `${sha256(text).slice(0, 32)}.json`;
    written.push({ name, entries: group.length, text });
    for (const article of group) segmentOf.set(article.file, name);
  }
  return { linked, written, segmentOf };
}

/**
 * Checks a committed generation before it may become current: the manifest reads back as written, the new
 * files hash as they should, counts agree, and the vectors answer a smoke query with the probe itself.
 */
async function verifyGeneration(
  directory: string,
  manifest: Manifest,
  manifestFileChecksum: string,
  graphPlan: GraphPlan,
  writtenSegments: readonly string[],
): Promise<void> {
  if (sha256(await readFile(path.join(directory, FILES.manifest))) !== manifestFileChecksum) {
    throw new Error('the manifest did not read back as written');
  }
  for (const file of [
    FILES.delta,
    FILES.extras,
    FILES.corpusStats,
    ...writtenSegments.map((name) => `${FILES.segments}/${name}`),
  ]) {
    if (sha256(await readFile(path.join(directory, file))) !== manifest.checksums[file]) {
      throw new Error(`${file} did not read back as written`);
    }
  }
  const { graph, dimensions } = { graph: manifest.graph, dimensions: manifest.embedder.dimensions };
  const listed = manifest.articles.reduce((sum, article) => sum + article.chunks, 0);
  const inGraph = graph.baseCount - graph.baseDeleted.length - graph.deleted.length + graph.delta.length;
  if (listed !== manifest.chunkCount || inGraph !== manifest.chunkCount) {
    throw new Error(
      `counts disagree: ${manifest.chunkCount} chunks, ${listed} listed, ${inGraph} in the graph`,
    );
  }
  const { probe } = graphPlan;
  if (!probe) return;
  if (probe.inDelta) {
    const deltaVectors = new LayeredVectorIndex(
      dimensions,
      undefined,
      { labels: graph.delta, vectors: graphPlan.deltaVectors },
      new Map(graph.delta.map((label, row) => [label, row])),
    );
    const hit = deltaVectors.search(probe.vector, 1)[0];
    if (!hit || hit.similarity < 0.999) {
      throw new Error('the smoke query did not find a new vector');
    }
    return;
  }
  // Read back from disk: proves the file hnswlib wrote is complete, not just the graph in memory.
  const written = await HnswVectorIndex.load(path.join(directory, FILES.graph), dimensions, {
    deletedInFile: graph.baseDeleted,
  });
  if (written.storedCount !== graph.baseCount) throw new Error('the written graph has the wrong size');
  const hit = written.search(probe.vector, 1)[0];
  if (!hit || hit.similarity < 0.999) throw new Error('the smoke query did not find its own vector');
}
