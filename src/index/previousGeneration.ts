import { currentGenerationName, generationDirectory } from './generations.js';
import type { HnswVectorIndex } from './hnswIndex.js';
import { generationFiles, loadBaseGraph, readDelta, readManifestOf } from './loadGeneration.js';
import { FILES, IndexInvalidError, segmentFiles, type CorpusStats, type Manifest } from './manifest.js';
import { parseEntry, type SegmentEntry } from './segments.js';
import { readVerified, verifyFile } from './verifiedFiles.js';

/** The previous generation as a build reuses it: verified where it is read, with its delta vectors by label. */
export interface PreviousGeneration {
  name: string;
  directory: string;
  manifest: Manifest;
  /**
   * The stored entry of a live article (text, chunks). Its segment is read and checked on first use: a small
   * reindex never reads the thousands of articles it does not touch.
   */
  entry: (file: string) => Promise<SegmentEntry>;
  /** What the enricher derived from each article, by file (read on first use). */
  facts: () => Promise<Record<string, unknown>>;
  deltaVectors: Map<number, Float32Array>;
  corpusStats: CorpusStats;
  /** The HNSW graph, loaded on demand: a small incremental build never needs it. */
  loadGraph: () => Promise<HnswVectorIndex>;
}

/**
 * Opens the generation in use for an incremental build; throws `IndexInvalidError` when it cannot be trusted.
 * Every file the new generation may share is checked first, or a damaged one would be carried into every
 * generation after it; a build process checks a file once (verifiedFiles.ts), so its next builds read only
 * what changed.
 */
export async function openPreviousGeneration(indexDirectory: string): Promise<PreviousGeneration> {
  const name = await currentGenerationName(indexDirectory);
  if (!name) throw new IndexInvalidError(`no index in ${indexDirectory} yet`);
  const directory = generationDirectory(indexDirectory, name);
  const manifest = await readManifestOf(directory);
  const [delta, corpusStatsBytes] = await Promise.all([
    readDelta(directory, manifest),
    readVerified(directory, manifest, FILES.corpusStats),
  ]);
  for (const file of generationFiles(manifest)) await verifyFile(directory, manifest, file);
  const corpusStats = JSON.parse(corpusStatsBytes.toString('utf8')) as CorpusStats;
  const { dimensions } = manifest.embedder;
  const deltaVectors = new Map(
    manifest.graph.delta.map((graphLabel, row) => [
      graphLabel,
      delta.subarray(row * dimensions, (row + 1) * dimensions),
    ]),
  );
  const listedByFile = new Map(manifest.articles.map((article) => [article.file, article]));
  const segmentBytes = new Map<string, Promise<Buffer>>();
  const entry = async (file: string): Promise<SegmentEntry> => {
    const listed = listedByFile.get(file);
    if (!listed) throw new IndexInvalidError(`no segment holds article ${file}`);
    let bytes = segmentBytes.get(listed.segment);
    if (!bytes) {
      bytes = readVerified(directory, manifest, segmentFiles(listed.segment).entries);
      segmentBytes.set(listed.segment, bytes);
    }
    const [offset, length] = listed.entry;
    return parseEntry((await bytes).subarray(offset, offset + length), listed);
  };
  let facts: Promise<Record<string, unknown>> | undefined;
  return {
    name,
    directory,
    manifest,
    entry,
    facts: () =>
      (facts ??= readVerified(directory, manifest, FILES.facts).then(
        (bytes) => JSON.parse(bytes.toString('utf8')) as Record<string, unknown>,
      )),
    deltaVectors,
    corpusStats,
    // Not shared with a graph this process serves: the build adds to it.
    loadGraph: () => loadBaseGraph(directory, manifest, { shared: false }),
  };
}
