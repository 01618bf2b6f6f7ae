import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/types.js';
import {
  currentGenerationName,
  generationDirectory,
  pointCurrentAt,
  readCurrentManifest,
} from './generations.js';
import { HnswVectorIndex } from './hnswIndex.js';
import { LayeredVectorIndex } from './layeredVectorIndex.js';
import {
  FILES,
  IndexInvalidError,
  parseManifest,
  sha256,
  type CorpusStats,
  type Manifest,
} from './manifest.js';
import { articleOf, parseAllSegments, parseSegment, type SegmentEntry } from './segments.js';
import type { VectorIndex } from './vectorIndex.js';

/** A chunk as served: `label` is its row in `StoreContents.chunks`; its text is `article.text.slice(start, end)`. */
export interface StoredChunk {
  label: number;
  articleId: string;
  paragraph: number;
  start: number;
  end: number;
}

export interface StoreContents {
  articles: Article[];
  chunks: StoredChunk[];
  /** Facts derived at build time by later stages (people, timeline); the store keeps them opaque. */
  extras: Record<string, unknown>;
}

export interface LoadedGeneration {
  /** The generation's directory name: what `CURRENT` says while it is the one in use. */
  name: string;
  directory: string;
  manifest: Manifest;
  store: StoreContents;
  /** Searches by row of `store.chunks`. */
  graph: VectorIndex;
  /**
   * Row i holds the vector of `store.chunks[i]` (normalised). Assembled from the graph on first read: only
   * diagnostics and benchmarks need it, and serving should not pay its memory.
   */
  readonly vectors: Float32Array;
}

async function readManifestOf(directory: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(directory, FILES.manifest), 'utf8');
  } catch {
    throw new IndexInvalidError(`index file ${FILES.manifest} is missing in ${directory}`);
  }
  const manifest = parseManifest(text);
  const listedChunks = manifest.articles.reduce((sum, article) => sum + article.chunks, 0);
  const { graph } = manifest;
  const graphChunks = graph.baseCount - graph.baseDeleted.length - graph.deleted.length + graph.delta.length;
  if (listedChunks !== manifest.chunkCount || graphChunks !== manifest.chunkCount) {
    throw new IndexInvalidError('index counts disagree with the manifest');
  }
  const expected = generationFiles(manifest);
  const listed = Object.keys(manifest.checksums);
  if (listed.length !== expected.length || expected.some((file) => !(file in manifest.checksums))) {
    throw new IndexInvalidError('manifest checksums do not cover exactly the files of the generation');
  }
  return manifest;
}

/** Every file of a generation besides the manifest, as paths relative to its directory. */
function generationFiles(manifest: Manifest): string[] {
  return [
    FILES.graph,
    FILES.delta,
    FILES.extras,
    FILES.corpusStats,
    ...manifest.segments.map((segment) => `${FILES.segments}/${segment.name}`),
  ];
}

async function readVerified(directory: string, manifest: Manifest, file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(directory, file));
  } catch {
    throw new IndexInvalidError(`index file ${file} is missing`);
  }
  if (sha256(bytes) !== manifest.checksums[file]) {
    throw new IndexInvalidError(`index file ${file} does not match its checksum (truncated or corrupted)`);
  }
  return bytes;
}

/** A generation's files, every one checked against its checksum; segments are parsed only when asked for. */
interface VerifiedContents {
  segmentBytes: Map<string, Buffer>;
  delta: Float32Array;
  extrasBytes: Buffer;
  corpusStatsBytes: Buffer;
}

async function readContents(directory: string, manifest: Manifest): Promise<VerifiedContents> {
  const { dimensions } = manifest.embedder;
  const segments = await Promise.all(
    manifest.segments.map(
      async (segment) =>
        [segment.name, await readVerified(directory, manifest, `${FILES.segments}/${segment.name}`)] as const,
    ),
  );
  const [deltaBytes, extrasBytes, corpusStatsBytes] = await Promise.all([
    readVerified(directory, manifest, FILES.delta),
    readVerified(directory, manifest, FILES.extras),
    readVerified(directory, manifest, FILES.corpusStats),
    // Checked here, before anything hands the file to hnswlib, which trusts its input and may crash on garbage.
    readVerified(directory, manifest, FILES.graph).then(() => undefined),
  ]);
  if (deltaBytes.length !== manifest.graph.delta.length * dimensions * 4) {
    throw new IndexInvalidError('delta vectors disagree with the manifest');
  }
  const delta = new Float32Array(
    deltaBytes.buffer.slice(deltaBytes.byteOffset, deltaBytes.byteOffset + deltaBytes.length),
  );
  return { segmentBytes: new Map(segments), delta, extrasBytes, corpusStatsBytes };
}

/**
 * Loads the generation in use and checks it: manifest schema, every checksum, counts that agree.
 * Throws `IndexInvalidError` (with a one-line reason) when there is none or it cannot be trusted.
 */
export async function loadCurrentGeneration(
  indexDirectory: string,
  options: { efSearch?: number } = {},
): Promise<LoadedGeneration> {
  const name = await currentGenerationName(indexDirectory);
  if (!name) throw new IndexInvalidError(`no index in ${indexDirectory} yet`);
  return loadGeneration(generationDirectory(indexDirectory, name), options);
}

export async function loadGeneration(
  directory: string,
  options: { efSearch?: number } = {},
): Promise<LoadedGeneration> {
  const manifest = await readManifestOf(directory);
  const { segmentBytes, delta, extrasBytes } = await readContents(directory, manifest);
  const entries = parseAllSegments(manifest, segmentBytes);
  const { dimensions } = manifest.embedder;

  const articles: Article[] = [];
  const chunks: StoredChunk[] = [];
  const rowOfLabel = new Map<number, number>();
  for (const listed of manifest.articles) {
    const entry = entries.get(listed.file);
    if (!entry) continue;
    articles.push(articleOf(entry));
    for (const [graphLabel, paragraph, start, end] of entry.chunks) {
      if (rowOfLabel.has(graphLabel)) throw new IndexInvalidError(`graph label ${graphLabel} is used twice`);
      rowOfLabel.set(graphLabel, chunks.length);
      chunks.push({ label: chunks.length, articleId: entry.article.id, paragraph, start, end });
    }
  }
  if (chunks.length !== manifest.chunkCount) {
    throw new IndexInvalidError('index counts disagree with the manifest');
  }

  const base = await loadBaseGraph(directory, manifest, options);
  const deltaLabels = new Set(manifest.graph.delta);
  const baseLabels = new Set(base.labels());
  for (const graphLabel of rowOfLabel.keys()) {
    const inBase = baseLabels.has(graphLabel) && !base.isRemoved(graphLabel);
    if (inBase === deltaLabels.has(graphLabel)) {
      throw new IndexInvalidError(
        `chunk with graph label ${graphLabel} is not exactly once in the vector graph`,
      );
    }
  }
  if (base.size + deltaLabels.size !== chunks.length) {
    throw new IndexInvalidError('vector graph size disagrees with the manifest');
  }

  let extras: Record<string, unknown>;
  try {
    extras = JSON.parse(extrasBytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new IndexInvalidError(`index file ${FILES.extras} is not valid JSON`);
  }
  const graph = new LayeredVectorIndex(
    dimensions,
    base,
    { labels: manifest.graph.delta, vectors: delta },
    rowOfLabel,
  );
  let vectors: Float32Array | undefined;
  return {
    name: path.basename(directory),
    directory,
    manifest,
    store: { articles, chunks, extras },
    graph,
    get vectors() {
      vectors ??= rowVectors(rowOfLabel, base, manifest.graph.delta, delta, dimensions);
      return vectors;
    },
  };
}

function rowVectors(
  rowOfLabel: ReadonlyMap<number, number>,
  base: HnswVectorIndex,
  deltaLabels: readonly number[],
  delta: Float32Array,
  dimensions: number,
): Float32Array {
  const vectors = new Float32Array(rowOfLabel.size * dimensions);
  const deltaRow = new Map(deltaLabels.map((graphLabel, row) => [graphLabel, row]));
  for (const [graphLabel, row] of rowOfLabel) {
    const inDelta = deltaRow.get(graphLabel);
    vectors.set(
      inDelta === undefined
        ? base.vector(graphLabel)
        : delta.subarray(inDelta * dimensions, (inDelta + 1) * dimensions),
      row * dimensions,
    );
  }
  return vectors;
}

/** The HNSW graph with every label that died since it was written marked deleted (in memory only). */
async function loadBaseGraph(
  directory: string,
  manifest: Manifest,
  options: { efSearch?: number },
): Promise<HnswVectorIndex> {
  const base = await HnswVectorIndex.load(path.join(directory, FILES.graph), manifest.embedder.dimensions, {
    ...options,
    deletedInFile: manifest.graph.baseDeleted,
  });
  if (base.storedCount !== manifest.graph.baseCount) {
    throw new IndexInvalidError('vector graph size disagrees with the manifest');
  }
  for (const label of manifest.graph.deleted) base.remove(label);
  return base;
}

/** The previous generation as a build reuses it: verified, with its delta vectors by label. */
export interface PreviousGeneration {
  name: string;
  directory: string;
  manifest: Manifest;
  /**
   * The stored entry of a live article (text, chunks, facts). Its segment is parsed on first use: a small
   * reindex without facts to recompute never parses the thousands of articles it does not touch.
   */
  entry: (file: string) => SegmentEntry;
  deltaVectors: Map<number, Float32Array>;
  corpusStats: CorpusStats;
  /** The HNSW graph, loaded on demand: a small incremental build never needs it. */
  loadGraph: () => Promise<HnswVectorIndex>;
}

/** Opens the generation in use for an incremental build; throws `IndexInvalidError` when it cannot be trusted. */
export async function openPreviousGeneration(indexDirectory: string): Promise<PreviousGeneration> {
  const name = await currentGenerationName(indexDirectory);
  if (!name) throw new IndexInvalidError(`no index in ${indexDirectory} yet`);
  const directory = generationDirectory(indexDirectory, name);
  const manifest = await readManifestOf(directory);
  const { segmentBytes, delta, corpusStatsBytes } = await readContents(directory, manifest);
  const corpusStats = JSON.parse(corpusStatsBytes.toString('utf8')) as CorpusStats;
  const { dimensions } = manifest.embedder;
  const deltaVectors = new Map(
    manifest.graph.delta.map((graphLabel, row) => [
      graphLabel,
      delta.subarray(row * dimensions, (row + 1) * dimensions),
    ]),
  );
  const listedByFile = new Map(manifest.articles.map((article) => [article.file, article]));
  const parsedSegments = new Map<string, Map<string, SegmentEntry>>();
  const entry = (file: string): SegmentEntry => {
    const segment = listedByFile.get(file)?.segment;
    const bytes = segment === undefined ? undefined : segmentBytes.get(segment);
    if (segment === undefined || !bytes) throw new IndexInvalidError(`no segment holds article ${file}`);
    let entries = parsedSegments.get(segment);
    if (!entries) {
      entries = parseSegment(segment, bytes, listedByFile);
      parsedSegments.set(segment, entries);
    }
    const found = entries.get(file);
    if (!found) throw new IndexInvalidError(`segment ${segment} lacks article ${file}`);
    return found;
  };
  return {
    name,
    directory,
    manifest,
    entry,
    deltaVectors,
    corpusStats,
    loadGraph: () => loadBaseGraph(directory, manifest, {}),
  };
}

/**
 * Points `CURRENT` back at the generation the current one was built from, after checking that it still loads.
 * Returns its name.
 */
export async function rollbackGeneration(indexDirectory: string): Promise<string> {
  const manifest = await readCurrentManifest(indexDirectory);
  const previous = manifest?.previous;
  if (!previous) throw new IndexInvalidError('there is no previous index generation to roll back to');
  await loadGeneration(generationDirectory(indexDirectory, previous));
  await pointCurrentAt(indexDirectory, previous);
  return previous;
}
