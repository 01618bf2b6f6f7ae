import { closeSync, openSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/types.js';
import {
  buildChunkRows,
  closeSegments,
  SegmentReader,
  type CatalogArticle,
  type ChunkRows,
  type OpenSegment,
  type TermIndex,
} from './generationView.js';
import {
  currentGenerationName,
  generationDirectory,
  pointCurrentAt,
  readCurrentManifest,
} from './generations.js';
import { HnswVectorIndex } from './hnswIndex.js';
import { LayeredVectorIndex } from './layeredVectorIndex.js';
import { FILES, IndexInvalidError, parseManifest, segmentFiles, type Manifest } from './manifest.js';
import { TermFile } from './termFile.js';
import type { VectorIndex } from './vectorIndex.js';
import { readVerified, verifyFile } from './verifiedFiles.js';

export type { CatalogArticle, ChunkRows, RowPostings, TermIndex } from './generationView.js';

/**
 * A generation as a serving process holds it. What answering needs is in memory: the HNSW graph, the chunk
 * rows, each segment's sorted terms, the derived facts. What it needs only for the passages a question reaches
 * stays on disk and is read then: the articles' text and the postings of the question's terms.
 */
export interface LoadedGeneration {
  /** The generation's directory name: what `CURRENT` says while it is the one in use. */
  name: string;
  directory: string;
  manifest: Manifest;
  /** The live articles in corpus order, as the manifest lists them (metadata, no text). */
  articles: readonly CatalogArticle[];
  /** Position of an article in `articles` by id. */
  ordinal(id: string): number | undefined;
  /** The article at `ordinal`, read from its segment (a small cache keeps the last few hundred parsed). */
  article(ordinal: number): Article | undefined;
  /** The live chunks as rows; `graph` and `terms` speak in rows. */
  chunks: ChunkRows;
  terms: TermIndex;
  /** Facts derived at build time by later stages (people, timeline); the store keeps them opaque. */
  store: { extras: Record<string, unknown> };
  /** Searches by row. */
  graph: VectorIndex;
  /**
   * Row i holds the vector of chunk row i (normalised). Assembled from the graph on first read: only
   * diagnostics and benchmarks need it, and serving should not pay its memory.
   */
  readonly vectors: Float32Array;
  /** Closes the segment files (also done when the generation is garbage-collected). */
  close(): void;
}

export async function readManifestOf(directory: string): Promise<Manifest> {
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
export function generationFiles(manifest: Manifest): string[] {
  return [
    FILES.graph,
    FILES.delta,
    FILES.extras,
    FILES.facts,
    FILES.corpusStats,
    ...manifest.segments.flatMap((segment) => Object.values(segmentFiles(segment.name))),
  ];
}

/** The verified delta vectors of a generation: rows follow `manifest.graph.delta`. */
export async function readDelta(directory: string, manifest: Manifest): Promise<Float32Array> {
  const bytes = await readVerified(directory, manifest, FILES.delta);
  if (bytes.length !== manifest.graph.delta.length * manifest.embedder.dimensions * 4) {
    throw new IndexInvalidError('delta vectors disagree with the manifest');
  }
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/**
 * Graphs loaded by this process, by file checksum and ef: a reindex that shares the graph file with the
 * generation being served reuses the graph in memory rather than reading several hundred megabytes again and
 * holding two copies while it swaps. Weak, so a graph no generation uses any more is freed.
 */
const loadedGraphs = new Map<string, WeakRef<HnswVectorIndex>>();

/**
 * The HNSW graph of a generation, checked against its checksum before hnswlib reads it (hnswlib trusts its
 * input and may crash on garbage). Labels deleted inside the file are marked; labels that died later are not
 * marked in the graph, which generations share: the rows filter them out.
 */
export async function loadBaseGraph(
  directory: string,
  manifest: Manifest,
  options: { efSearch?: number; shared?: boolean },
): Promise<HnswVectorIndex> {
  const checksum = manifest.checksums[FILES.graph] ?? '';
  const key = `${checksum}:${options.efSearch ?? ''}`;
  const shared = options.shared === false ? undefined : loadedGraphs.get(key)?.deref();
  if (shared) return shared;
  await verifyFile(directory, manifest, FILES.graph);
  const base = await HnswVectorIndex.load(path.join(directory, FILES.graph), manifest.embedder.dimensions, {
    ...(options.efSearch === undefined ? {} : { efSearch: options.efSearch }),
    deletedInFile: manifest.graph.baseDeleted,
  });
  if (base.storedCount !== manifest.graph.baseCount) {
    throw new IndexInvalidError('vector graph size disagrees with the manifest');
  }
  if (options.shared !== false) loadedGraphs.set(key, new WeakRef(base));
  return base;
}

/** Closes the files of a generation nobody closed before it was collected. */
const closeForgotten = new FinalizationRegistry<SegmentReader>((reader) => reader.close());

async function openSegments(directory: string, manifest: Manifest): Promise<OpenSegment[]> {
  const segments: OpenSegment[] = [];
  try {
    for (const segment of manifest.segments) {
      const files = segmentFiles(segment.name);
      await verifyFile(directory, manifest, files.entries);
      await verifyFile(directory, manifest, files.terms);
      const termsPath = path.join(directory, files.terms);
      const entriesFd = openSync(path.join(directory, files.entries), 'r');
      const termsFd = openSync(termsPath, 'r');
      let terms: TermFile;
      try {
        terms = TermFile.open(termsFd, statSync(termsPath).size);
      } catch (error) {
        closeSync(entriesFd);
        closeSync(termsFd);
        throw error;
      }
      segments.push({
        name: segment.name,
        entriesFd,
        terms,
        rowOfChunk: new Int32Array(terms.chunkCount).fill(-1),
      });
      if (terms.chunkCount !== segment.chunks) {
        throw new IndexInvalidError(`segment ${segment.name} holds other chunks than the manifest lists`);
      }
    }
  } catch (error) {
    closeSegments(segments);
    throw error;
  }
  return segments;
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
  const [delta, extrasBytes] = await Promise.all([
    readDelta(directory, manifest),
    readVerified(directory, manifest, FILES.extras),
    verifyFile(directory, manifest, FILES.corpusStats),
    verifyFile(directory, manifest, FILES.facts),
  ]);
  const segments = await openSegments(directory, manifest);
  let reader: SegmentReader;
  try {
    reader = new SegmentReader(manifest.articles, segments, buildChunkRows(manifest, segments));
  } catch (error) {
    closeSegments(segments);
    throw error;
  }
  try {
    const generation = await assemble(directory, manifest, reader, delta, extrasBytes, options);
    closeForgotten.register(generation, reader, reader);
    return generation;
  } catch (error) {
    reader.close();
    throw error;
  }
}

async function assemble(
  directory: string,
  manifest: Manifest,
  reader: SegmentReader,
  delta: Float32Array,
  extrasBytes: Buffer,
  options: { efSearch?: number },
): Promise<LoadedGeneration> {
  const { rows } = reader;
  const { dimensions } = manifest.embedder;
  const base = await loadBaseGraph(directory, manifest, options);
  const deltaLabels = new Set(manifest.graph.delta);
  const baseDeleted = new Set(manifest.graph.baseDeleted);
  const laterDeleted = new Set(manifest.graph.deleted);
  let inBase = 0;
  for (const label of base.labels()) {
    if (baseDeleted.has(label) || laterDeleted.has(label)) continue;
    if ((rows.rowOfLabel[label] ?? -1) < 0 || deltaLabels.has(label)) {
      throw new IndexInvalidError(`chunk with graph label ${label} is not exactly once in the vector graph`);
    }
    inBase++;
  }
  if (inBase + deltaLabels.size !== rows.count) {
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
    {
      rowOfLabel: rows.rowOfLabel,
      // Labels the graph file still holds but this generation does not: filtered at search time.
      hasDeadLabels: laterDeleted.size > 0,
    },
  );
  let vectors: Float32Array | undefined;
  return {
    name: path.basename(directory),
    directory,
    manifest,
    articles: manifest.articles,
    ordinal: (id) => reader.ordinal(id),
    article: (ordinal) => reader.article(ordinal),
    chunks: rows,
    terms: reader,
    store: { extras },
    graph,
    get vectors() {
      vectors ??= graph.rowVectors();
      return vectors;
    },
    close: () => reader.close(),
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
  (await loadGeneration(generationDirectory(indexDirectory, previous))).close();
  await pointCurrentAt(indexDirectory, previous);
  return previous;
}
